import { WfmError, type WfmErrorCode } from './wfm-errors.js';

/** Small input checks for the WFM module; each failure names the offending path. */

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** The lower bound is excluded (a rate or a mean must be positive). */
  readonly above?: number;
  readonly integer?: boolean;
}

/** Throws the WFM error `code` naming the path. */
export function failAt(code: WfmErrorCode, path: string, why: string): never {
  throw new WfmError(code, `${path} ${why}`);
}

/** A plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number within the rule's bounds. */
export function num(v: unknown, path: string, rule: NumberRule = {}, code: WfmErrorCode = 'WFM_INPUT_INVALID'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) failAt(code, path, `must be a finite number (got ${JSON.stringify(v)})`);
  if (rule.integer === true && !Number.isInteger(v)) failAt(code, path, `must be an integer (got ${v})`);
  if (rule.above !== undefined && v <= rule.above) failAt(code, path, `must be > ${rule.above} (got ${v})`);
  if (rule.min !== undefined && v < rule.min) failAt(code, path, `must be >= ${rule.min} (got ${v})`);
  if (rule.max !== undefined && v > rule.max) failAt(code, path, `must be <= ${rule.max} (got ${v})`);
  return v;
}

/** An optional number: the fallback when absent. */
export function optNum(v: unknown, fallback: number, path: string, rule: NumberRule = {}, code: WfmErrorCode = 'WFM_INPUT_INVALID'): number {
  return v === undefined ? fallback : num(v, path, rule, code);
}

/** Refuses fields the input does not define (a typo must not silently fall back to a default). */
export function knownKeys(v: Record<string, unknown>, allowed: readonly string[], path: string, code: WfmErrorCode = 'WFM_INPUT_INVALID'): void {
  for (const k of Object.keys(v)) if (!allowed.includes(k)) failAt(code, path === '' ? k : `${path}.${k}`, 'is not a known field');
}

/** An object, or a failure naming the path. */
export function obj(v: unknown, path: string, code: WfmErrorCode = 'WFM_INPUT_INVALID'): Record<string, unknown> {
  if (!isObject(v)) failAt(code, path, 'must be an object');
  return v;
}

/** An array of at most `max` items. */
export function list(v: unknown, path: string, max: number, code: WfmErrorCode = 'WFM_INPUT_INVALID'): unknown[] {
  if (!Array.isArray(v)) failAt(code, path, 'must be an array');
  if (v.length > max) failAt(code, path, `must have at most ${max} items (got ${v.length})`);
  return v;
}

/** A non-empty string of at most 128 characters. */
export function str(v: unknown, path: string, code: WfmErrorCode = 'WFM_INPUT_INVALID'): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 128) failAt(code, path, `must be a string of 1–128 characters (got ${JSON.stringify(v)})`);
  return v;
}
