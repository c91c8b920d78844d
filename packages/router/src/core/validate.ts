import { RoutingError, type RoutingErrorCode } from './errors.js';
import { ID_PATTERN } from './ids.js';

/** Small input checks that throw a {@link RoutingError} naming the offending path. */

export function fail(code: RoutingErrorCode, path: string, why: string): never {
  throw new RoutingError(code, `${path} ${why}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function checkId(v: unknown, path: string): string {
  if (typeof v !== 'string' || !ID_PATTERN.test(v)) {
    fail('ID_INVALID', path, `must be 1–128 characters of A–Z a–z 0–9 . _ : @ + - (got ${JSON.stringify(v)})`);
  }
  return v;
}

export function checkNumber(
  v: unknown,
  path: string,
  opts: { min?: number; max?: number; integer?: boolean; code?: RoutingErrorCode } = {},
): number {
  const code = opts.code ?? 'CONFIG_INVALID';
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(code, path, 'must be a finite number');
  if (opts.integer && !Number.isInteger(v)) fail(code, path, 'must be an integer');
  if (opts.min !== undefined && v < opts.min) fail(code, path, `must be >= ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) fail(code, path, `must be <= ${opts.max}`);
  return v;
}

export function optNumber(
  v: unknown,
  fallback: number,
  path: string,
  opts: { min?: number; max?: number; integer?: boolean; code?: RoutingErrorCode } = {},
): number {
  return v === undefined ? fallback : checkNumber(v, path, opts);
}

export function optString(v: unknown, path: string, code: RoutingErrorCode = 'CONFIG_INVALID'): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 256) fail(code, path, 'must be a string of at most 256 characters');
  return v;
}

export function checkKeys(v: Record<string, unknown>, allowed: readonly string[], path: string, code: RoutingErrorCode): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) fail(code, `${path}.${k}`, 'is not a known field');
  }
}

export function numberMap(v: unknown, path: string, opts: { min?: number; max?: number } = {}): Record<string, number> {
  if (v === undefined) return {};
  if (!isRecord(v)) fail('CONFIG_INVALID', path, 'must be an object of numbers');
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) out[k] = checkNumber(n, `${path}.${k}`, opts);
  return out;
}

/** Parses a time given as epoch milliseconds or an ISO-8601 string. */
export function checkTime(v: unknown, path: string, code: RoutingErrorCode = 'INPUT_INVALID'): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  return fail(code, path, 'must be epoch milliseconds or an ISO-8601 time');
}
