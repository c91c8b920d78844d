/**
 * How single values are written in an engine snapshot (see encode-graph.ts for the whole format).
 *
 * In the object graph (elements of `A` arrays, Maps and Sets, `.` fields of shaped objects), a
 * value JSON keeps exactly (a string, a boolean, null, a finite number other than -0) is written
 * as itself; anything else is a short array: `[id]` refers to object number `id`, `[]` is
 * undefined, `["NaN"]`, `["Infinity"]`, `["-Infinity"]` and `["-0"]` are those numbers, and
 * `["hole"]` is a missing element of a sparse array. (References in `r` fields and `R` arrays
 * are plain numbers.)
 *
 * Handler data (plain trees: no sharing, no cycles) is written by {@link encodeData}: arrays and
 * objects as themselves, the same values as above as `{"$": "u" | "NaN" | …}`, and an object
 * that has a `$` key of its own as `{"$": "o", "o": {…}}`.
 */

/** Undefined, in the object graph. */
export const UNDEFINED: readonly [] = Object.freeze([]) as readonly [];
/** A missing element of a sparse array. */
export const HOLE: readonly [string] = Object.freeze(['hole']) as readonly [string];

/** The typed arrays a snapshot writes, by constructor name (`["Float64Array", n1, …]`). */
export const TYPED_ARRAYS: ReadonlyMap<string, new (length: number) => { [i: number]: number }> = new Map(
  [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array].map((c) => [c.name, c]),
);

const SPECIAL_NUMBERS: ReadonlyMap<string, number> = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0]]);

/** A number as itself when JSON keeps it exactly, else its name (`NaN`, `Infinity`, `-Infinity`, `-0`). */
export function encodeNumber(n: number): number | [string] {
  if (Number.isFinite(n) && (n !== 0 || 1 / n > 0)) return n;
  return [Number.isNaN(n) ? 'NaN' : n === 0 ? '-0' : String(n)];
}

/** The number a name of {@link encodeNumber} stands for, or undefined for any other string. */
export function specialNumber(name: string): number | undefined {
  return SPECIAL_NUMBERS.get(name);
}

/** A number written by {@link encodeNumber}, or throws. */
export function decodeNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  const n = Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' ? specialNumber(v[0]) : undefined;
  if (n === undefined) throw new TypeError(`expected a number, got ${JSON.stringify(v)?.slice(0, 40)}`);
  return n;
}

/** Writes a plain data tree (handler data): plain objects, arrays and primitives only. */
export function encodeData(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number': {
      const n = encodeNumber(v);
      return typeof n === 'number' ? n : { $: n[0] };
    }
    case 'undefined':
      return { $: 'u' };
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return v.map(encodeData);
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) break;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) setKey(out, k, encodeData((v as Record<string, unknown>)[k]));
      return '$' in out ? { $: 'o', o: out } : out;
    }
  }
  throw new TypeError(`handler data must be plain data, got ${typeof v}`);
}

/**
 * Reads a tree written by {@link encodeData}, or throws. It works in place: `v` must be a tree
 * of its own (as JSON.parse makes), which it turns into the result.
 */
export function decodeData(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) v[i] = decodeData(v[i]);
    return v;
  }
  const rec = v as Record<string, unknown>;
  if (!Object.hasOwn(rec, '$')) return decodeFields(rec);
  if (rec['$'] === 'u') return undefined;
  if (rec['$'] === 'o' && typeof rec['o'] === 'object' && rec['o'] !== null && !Array.isArray(rec['o'])) return decodeFields(rec['o'] as Record<string, unknown>);
  const n = typeof rec['$'] === 'string' ? specialNumber(rec['$']) : undefined;
  if (n === undefined) throw new TypeError(`unknown data marker ${JSON.stringify(rec['$'])}`);
  return n;
}

function decodeFields(rec: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(rec)) if (typeof rec[k] === 'object' && rec[k] !== null) setKey(rec, k, decodeData(rec[k]));
  return rec;
}

/** Sets an own property, also one named `__proto__` (which plain assignment would not create). */
export function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}
