import { RoutingError } from '../errors.js';
import { cloner } from './shapes.js';
import { TYPED_ARRAYS, decodeData, decodeNumber, setKey, specialNumber } from './values.js';

/** How to rebuild what encode-graph.ts wrote. */
export interface DecodeOptions {
  /**
   * Registered name → a fresh instance made by the class's constructor, whose fields are then
   * overwritten (so restored instances have the keys, key order and hidden class of live ones).
   */
  readonly classes: ReadonlyMap<string, () => object>;
  /** Special kind → rebuilds the object from its data and its already rebuilt deps; throws when they are wrong. */
  readonly specials: ReadonlyMap<string, (data: unknown, deps: readonly unknown[]) => unknown>;
}

interface Shape {
  readonly keys: readonly string[];
  /** Per key: `r` a reference, `u` undefined, `.` a value (see encode-graph.ts). */
  readonly kinds: string;
  /** How many values an object of the shape has: one per key whose kind is not `u`. */
  readonly values: number;
  readonly frozen: boolean;
  readonly make: (entry: readonly unknown[]) => object;
}

/**
 * Rebuilds the graph a `GraphEncoding` (encode-graph.ts) describes and returns its root (object 0). Every
 * part is checked while it is read; anything malformed throws `SNAPSHOT_INVALID` (or what a
 * special's decoder throws). Objects are made first, then specials, then every object filled,
 * then frozen where the original was: no step is recursive in the size of the graph.
 */
export function decodeGraph(encoding: { readonly shapes?: unknown; readonly objects?: unknown }, options: DecodeOptions): unknown {
  const { shapes, objects } = encoding;
  if (!Array.isArray(shapes) || !Array.isArray(objects) || objects.length === 0) throw invalid('expected shapes and a non-empty list of objects');
  return new GraphDecoder(shapes.map((s: unknown, i) => shapeOf(s, i, options)), objects, options).run();
}

function shapeOf(s: unknown, i: number, options: DecodeOptions): Shape {
  if (!Array.isArray(s) || s.length < 3 || typeof s[0] !== 'string' || (s[1] !== 0 && s[1] !== 1) || typeof s[2] !== 'string') throw invalid(`shape ${i} is malformed`);
  const keys = s.slice(3) as unknown[];
  const kinds = s[2];
  if (!keys.every((k) => typeof k === 'string') || new Set(keys).size !== keys.length || !new RegExp(`^[ru.]{${keys.length}}$`).test(kinds)) {
    throw invalid(`shape ${i} has bad keys`);
  }
  const tag = s[0];
  const make = tag === '' ? cloner(keys as string[], kinds) : tag === 'null' ? () => Object.create(null) as object : options.classes.get(tag);
  if (make === undefined) throw invalid(`shape ${i} names no known class '${tag}'`);
  if (tag !== '' && tag !== 'null') {
    const own = Object.keys((make as () => object)());
    if (own.length !== keys.length || own.some((k, j) => k !== keys[j])) throw invalid(`shape ${i}: class ${tag} has fields ${own.join(', ')}, not ${keys.join(', ')}`);
  }
  return { keys: keys as string[], kinds, values: kinds.replaceAll('u', '').length, frozen: s[1] === 1, make };
}

class GraphDecoder {
  private readonly out: unknown[];
  /** Specials: 0 not built, 1 being built, 2 built. */
  private readonly state: Uint8Array;

  constructor(
    private readonly shapes: readonly Shape[],
    private readonly objects: readonly unknown[],
    private readonly options: DecodeOptions,
  ) {
    this.out = new Array<unknown>(objects.length);
    this.state = new Uint8Array(objects.length);
  }

  run(): unknown {
    const { objects, out } = this;
    for (let i = 0; i < objects.length; i++) out[i] = this.make(i);
    for (let i = 0; i < objects.length; i++) if ((objects[i] as unknown[])[0] === 'H') this.special(i);
    for (let i = 0; i < objects.length; i++) this.fill(i);
    for (let i = 0; i < objects.length; i++) {
      const tag = (objects[i] as unknown[])[0];
      if (tag === 'AF' || tag === 'RF' || (typeof tag === 'number' && (this.shapes[tag] as Shape).frozen)) Object.freeze(out[i]);
    }
    return out[0];
  }

  private make(i: number): unknown {
    const e = this.objects[i];
    if (!Array.isArray(e) || e.length === 0) throw invalid(`object ${i} is malformed`);
    const tag: unknown = e[0];
    if (typeof tag === 'number') {
      const shape = this.shapes[tag];
      if (shape === undefined || e.length !== shape.values + 1) throw invalid(`object ${i} does not match its shape`);
      return shape.make(e);
    }
    switch (tag) {
      case 'A': case 'AF': case 'R': case 'RF': return [];
      case 'M': return new Map();
      case 'S': return new Set();
      case 'H':
        if (typeof e[1] !== 'string' || !this.options.specials.has(e[1])) throw invalid(`object ${i} is of no known kind`);
        return undefined;
    }
    const Typed = typeof tag === 'string' ? TYPED_ARRAYS.get(tag) : undefined;
    if (Typed === undefined) throw invalid(`object ${i} has an unknown tag`);
    const a = new Typed(e.length - 1);
    for (let j = 1; j < e.length; j++) a[j - 1] = decodeNumber(e[j]);
    return a;
  }

  private special(i: number): unknown {
    if (this.state[i] === 2) return this.out[i];
    if (this.state[i] === 1) throw invalid(`object ${i} depends on itself`);
    this.state[i] = 1;
    const e = this.objects[i] as unknown[];
    const deps = e.slice(3).map((v) => {
      const j = this.refId(v);
      if ((this.objects[j] as unknown[])[0] !== 'H') throw invalid(`object ${i} depends on a plain object`);
      return this.special(j);
    });
    const decode = this.options.specials.get(e[1] as string) as (data: unknown, deps: readonly unknown[]) => unknown;
    this.out[i] = decode(decodeData(e[2]), deps);
    this.state[i] = 2;
    return this.out[i];
  }

  private fill(i: number): void {
    const e = this.objects[i] as unknown[];
    const tag = e[0];
    const x = this.out[i];
    if (typeof tag === 'number') {
      const { keys, kinds } = this.shapes[tag] as Shape;
      for (let j = 0, at = 1; j < keys.length; j++) {
        const kind = kinds.charCodeAt(j);
        const v = kind === U ? undefined : kind === R ? this.out[this.id(e[at++])] : this.value(e[at++]);
        setKey(x as Record<string, unknown>, keys[j] as string, v);
      }
    } else if (tag === 'R' || tag === 'RF') {
      const a = x as unknown[];
      for (let j = 1; j < e.length; j++) a.push(this.out[this.id(e[j])]);
    } else if (tag === 'A' || tag === 'AF') {
      const a = x as unknown[];
      for (let j = 1; j < e.length; j++) {
        const v = e[j];
        if (Array.isArray(v) && v.length === 1 && v[0] === 'hole') a.length = j;
        else a.push(this.value(v));
      }
    } else if (tag === 'M' || tag === 'S') {
      const n = tag === 'M' ? (e.length - 1) / 2 : e.length - 1;
      if (!Number.isInteger(n)) throw invalid(`map ${i} has a key without a value`);
      for (let j = 1; j < e.length; j += tag === 'M' ? 2 : 1) {
        if (tag === 'M') (x as Map<unknown, unknown>).set(this.value(e[j]), this.value(e[j + 1]));
        else (x as Set<unknown>).add(this.value(e[j]));
      }
      if ((x as Map<unknown, unknown>).size !== n) throw invalid(`${tag === 'M' ? 'map' : 'set'} ${i} repeats a key`);
    }
  }

  private value(v: unknown): unknown {
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v) && v.length <= 1) {
      if (v.length === 0) return undefined;
      if (typeof v[0] === 'number') return this.out[this.refId(v)];
      const n = typeof v[0] === 'string' ? specialNumber(v[0]) : undefined;
      if (n !== undefined) return n;
    }
    throw invalid(`bad value ${JSON.stringify(v).slice(0, 40)}`);
  }

  private refId(v: unknown): number {
    return this.id(Array.isArray(v) && v.length === 1 ? v[0] : undefined);
  }

  /** A plain-number reference, checked. */
  private id(v: unknown): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= this.objects.length) throw invalid(`bad reference ${JSON.stringify(v)?.slice(0, 40)}`);
    return v;
  }
}

const U = 'u'.charCodeAt(0);
const R = 'r'.charCodeAt(0);

function invalid(why: string): RoutingError {
  return new RoutingError('SNAPSHOT_INVALID', why);
}
