import { IvrError, type DefinitionProblem } from '../errors.js';

/**
 * Collects the problems of an untrusted definition, each with its path (`steps.verify.next`,
 * `2.when.minValueScore`), so a validator can report every one at once.
 */
export class Problems {
  readonly list: DefinitionProblem[] = [];

  /** Records a problem at `path` (`''` is the root), once. */
  add(path: string, message: string): void {
    if (this.list.some((p) => p.path === path && p.message === message)) return;
    this.list.push({ path, message });
  }

  /** True when no problem was recorded. */
  get ok(): boolean {
    return this.list.length === 0;
  }

  /** The `SCRIPT_DEFINITION_INVALID` error carrying every problem of `what` (e.g. `script "x"`). */
  error(what: string): IvrError {
    const [first] = this.list;
    const where = first === undefined ? '' : `; first at ${first.path === '' ? 'the root' : first.path}: ${first.message}`;
    return new IvrError('SCRIPT_DEFINITION_INVALID', `${this.list.length} problem(s) in ${what}${where}`, this.list);
  }
}

/** `parent.key`, or `key` at the root. */
export function join(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`;
}

/** True for `{...}` objects (prototype `Object.prototype` or `null`): not arrays, class instances or `null`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Short, safe rendering of untrusted input for messages: `"x"`, `2.5`, `null`, `an array`, `an empty object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (isPlainObject(value) && Object.keys(value).length === 0) return 'an empty object';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Ids of scripts, steps, answers and rules: a letter or digit, then letters, digits, `-` or `_`; at most 64. */
export const SCRIPT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** True when `value` is a string matching {@link SCRIPT_ID_PATTERN}. */
export function isScriptId(value: unknown): value is string {
  return typeof value === 'string' && SCRIPT_ID_PATTERN.test(value);
}

/** Records a problem for every own key of `obj` not in `allowed`. */
export function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string, problems: Problems): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.add(join(path, key), `unknown key ${describeValue(key)}`);
  }
}

/** The own property `key` of `obj`, never one inherited from `Object.prototype`. */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
