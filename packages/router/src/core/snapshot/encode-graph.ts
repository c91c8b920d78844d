import { RoutingError } from '../errors.js';
import { child, newNode, type ShapeNode } from './shapes.js';
import { HOLE, TYPED_ARRAYS, UNDEFINED, encodeData, encodeNumber } from './values.js';

/** An object or function that is not data, and how a snapshot carries it instead. */
export interface Special {
  /** Names the decoder that rebuilds it. */
  readonly kind: string;
  /** Plain data for the decoder (a tree: no sharing, no cycles). */
  readonly data?: unknown;
  /** Objects the decoder gets rebuilt (each itself special), e.g. the catalogue a scorer reads. */
  readonly deps?: readonly object[];
}

/** What to write and how. */
export interface EncodeOptions {
  /** Classes whose instances are written field by field: prototype → registered name. */
  readonly classes: ReadonlyMap<object, string>;
  /** How to carry an object or function that is not data; undefined when it is plain data. */
  readonly special: (x: object) => Special | undefined;
}

/**
 * An object graph as JSON-ready data. Object `i` is `objects[i]` (object 0 is the root), in
 * breadth-first order of discovery, so equal graphs give equal encodings:
 * - `[shape, v1, v2, …]`: an object whose prototype (plain, null, or a registered class), frozen
 *   flag, keys and kinds of values are `shapes[shape]` = `[tag, frozen 0|1, kinds, key1, …]`,
 *   where `kinds` has a letter per key: `r` its value is object number v (a plain number), `u`
 *   undefined (no value written), `.` a value as values.ts describes; values in key order;
 * - `["A", …]` an array (`"AF"` frozen), or `["R", id1, …]` (`"RF"`) one holding objects only;
 *   `["M", k1, v1, …]` a Map, `["S", …]` a Set, in iteration order; `["Float64Array", n1, …]`
 *   (and the other typed arrays) its numbers;
 * - `["H", kind, data, dep1, …]`: a {@link Special}.
 * Values are written as values.ts describes; references keep sharing and cycles.
 */
export interface GraphEncoding {
  readonly shapes: unknown[][];
  readonly objects: unknown[][];
}

/**
 * Encodes everything reachable from `root`. Throws `SNAPSHOT_UNSUPPORTED`, naming the path from
 * the root, for a function or an object of another class that `special` does not handle, a
 * symbol or bigint, or a typed array that shares its buffer. Own enumerable string-keyed
 * properties are written (array elements only, for arrays).
 */
export function encodeGraph(root: object, options: EncodeOptions): GraphEncoding {
  return new GraphEncoder(options).run(root);
}

class GraphEncoder {
  private readonly ids = new Map<object, number>();
  private readonly found: object[] = [];
  /** For error paths: who first referred to object i, and under which key. */
  private readonly parent: number[] = [];
  private readonly via: Array<string | number> = [];
  private readonly roots = new Map<string, ShapeNode>();
  private readonly shapes: unknown[][] = [];
  private readonly buffers = new Set<ArrayBufferLike>();

  constructor(private readonly options: EncodeOptions) {}

  run(root: object): GraphEncoding {
    this.ref(root, -1, 'root');
    const objects: unknown[][] = [];
    for (let i = 0; i < this.found.length; i++) objects.push(this.entry(this.found[i] as object, i));
    return { shapes: this.shapes, objects };
  }

  private ref(x: object, from: number, key: string | number): number {
    let id = this.ids.get(x);
    if (id === undefined) {
      id = this.found.length;
      this.ids.set(x, id);
      this.found.push(x);
      this.parent.push(from);
      this.via.push(key);
    }
    return id;
  }

  private value(v: unknown, from: number, key: string | number): unknown {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return encodeNumber(v);
      case 'undefined':
        return UNDEFINED;
      case 'object':
        return v === null ? null : [this.ref(v, from, key)];
      case 'function':
        return [this.ref(v, from, key)];
      default:
        throw this.unsupported(`a ${typeof v}`, from, key);
    }
  }

  private entry(x: object, id: number): unknown[] {
    const sp = this.options.special(x);
    if (sp !== undefined) return ['H', sp.kind, encodeData(sp.data), ...(sp.deps ?? []).map((dep, i) => [this.ref(dep, id, `<${sp.kind} dep ${i}>`)])];
    if (typeof x === 'function') throw this.unsupported(`a function (${x.name || 'anonymous'}) with no snapshot handler`, id);
    const proto: unknown = Object.getPrototypeOf(x);
    if (proto === Object.prototype || proto === null) return this.fields(x, proto === null ? 'null' : '', id);
    if (proto === Array.prototype) return this.array(x as unknown[], id);
    if (proto === Map.prototype) {
      const out: unknown[] = ['M'];
      let i = 0;
      for (const [k, v] of x as Map<unknown, unknown>) {
        const at = typeof k === 'string' ? k : i;
        out.push(this.value(k, id, at), this.value(v, id, at));
        i++;
      }
      return out;
    }
    if (proto === Set.prototype) {
      const out: unknown[] = ['S'];
      let i = 0;
      for (const v of x as Set<unknown>) out.push(this.value(v, id, i++));
      return out;
    }
    const name = String((proto as { constructor?: { name?: unknown } }).constructor?.name ?? 'unknown');
    if (TYPED_ARRAYS.get(name)?.prototype === proto) return this.typedArray(x as Float64Array, name, id);
    const cls = this.options.classes.get(proto as object);
    if (cls !== undefined) return this.fields(x, cls, id);
    throw this.unsupported(`an instance of ${name} with no snapshot handler`, id);
  }

  private fields(x: object, tag: string, id: number): unknown[] {
    const keys = Object.keys(x);
    const out: unknown[] = [0];
    // Walk the shape trie by (key, kind of value): no string is built per object.
    let node = this.root(tag, Object.isFrozen(x));
    for (const k of keys) {
      const v = (x as Record<string, unknown>)[k];
      let kind: 0 | 1 | 2;
      if (v === undefined) {
        kind = 0;
      } else if (typeof v === 'function' || (typeof v === 'object' && v !== null)) {
        kind = 1;
        out.push(this.ref(v, id, k));
      } else {
        kind = 2;
        out.push(this.value(v, id, k));
      }
      node = child(node, k, kind);
    }
    if (node.shape < 0) {
      node.shape = this.shapes.length;
      this.shapes.push([tag, Object.isFrozen(x) ? 1 : 0, node.kinds, ...keys]);
    }
    out[0] = node.shape;
    return out;
  }

  private root(tag: string, frozen: boolean): ShapeNode {
    const name = frozen ? `${tag}!` : tag;
    let node = this.roots.get(name);
    if (node === undefined) this.roots.set(name, (node = newNode('')));
    return node;
  }

  private array(x: unknown[], id: number): unknown[] {
    const frozen = Object.isFrozen(x);
    const refs: unknown[] = [frozen ? 'RF' : 'R'];
    let i = 0;
    for (; i < x.length; i++) {
      const v = x[i];
      if (typeof v !== 'function' && (typeof v !== 'object' || v === null)) break;
      refs.push(this.ref(v, id, i));
    }
    if (i === x.length) return refs;
    const out: unknown[] = [frozen ? 'AF' : 'A'];
    for (let j = 0; j < x.length; j++) {
      const v = x[j];
      out.push(v === undefined && !(j in x) ? HOLE : this.value(v, id, j));
    }
    return out;
  }

  private typedArray(x: Float64Array, name: string, id: number): unknown[] {
    const buf = x.buffer;
    if (!(buf instanceof ArrayBuffer) || x.byteOffset !== 0 || x.byteLength !== buf.byteLength || this.buffers.has(buf)) {
      throw this.unsupported(`a ${name} that shares its buffer`, id);
    }
    this.buffers.add(buf);
    const out: unknown[] = [name];
    if (name.startsWith('Float')) for (let i = 0; i < x.length; i++) out.push(encodeNumber(x[i] as number));
    else for (let i = 0; i < x.length; i++) out.push(x[i]);
    return out;
  }

  private unsupported(what: string, id: number, key?: string | number): RoutingError {
    const parts: string[] = key === undefined ? [] : [step(key)];
    for (let i = id; i > 0; i = this.parent[i] as number) parts.unshift(step(this.via[i] as string | number));
    return new RoutingError('SNAPSHOT_UNSUPPORTED', `${what} at state${parts.join('')}`);
  }
}

function step(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
