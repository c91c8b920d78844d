import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, type DomainConfig } from '@switchboard/router';
import { decodeGraph } from '../../src/core/snapshot/decode-graph.js';
import { encodeGraph, type EncodeOptions } from '../../src/core/snapshot/encode-graph.js';
import { decodeData, encodeData } from '../../src/core/snapshot/values.js';
import { expectCode, ready } from './engine-fixture.js';

class Point {
  x = 0;
  y = 0;
}

const encodeOptions: EncodeOptions = { classes: new Map([[Point.prototype, 'Point']]), special: () => undefined };
const decodeOptions = { classes: new Map([['Point', () => new Point()]]), specials: new Map() };
const roundTrip = (root: object): unknown => decodeGraph(JSON.parse(JSON.stringify(encodeGraph(root, encodeOptions))) as object, decodeOptions);

describe('snapshot object-graph codec', () => {
  it('keeps numbers JSON cannot, undefined, holes, frozenness, prototypes and odd keys', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , undefined, 3];
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const odd = JSON.parse('{"__proto__": "own", "2": "two", "b\\u0001c": 1, "1": "one"}') as Record<string, unknown>;
    const root = {
      nums: [NaN, Infinity, -Infinity, -0, 0, 1.5, Number.MAX_VALUE, Number.MIN_VALUE], undef: undefined, sparse, nullProto, odd,
      frozen: Object.freeze({ k: Object.freeze([1]) }), point: Object.assign(new Point(), { y: -0 }),
      typed: [Float64Array.of(NaN, -0, Infinity, 2.5), Int32Array.of(-7, 2 ** 31 - 1), Uint8Array.of(255, 0)],
    };
    const back = roundTrip(root) as typeof root;
    expect(back.nums.map((n, i) => Object.is(n, root.nums[i]))).toEqual(root.nums.map(() => true));
    expect('undef' in back && back.undef === undefined).toBe(true);
    expect([back.sparse.length, 1 in back.sparse, 2 in back.sparse, back.sparse[3]]).toEqual([4, false, true, 3]);
    expect(Object.getPrototypeOf(back.nullProto)).toBe(null);
    expect(Object.keys(back.odd)).toEqual(Object.keys(odd));
    expect(Object.getOwnPropertyDescriptor(back.odd, '__proto__')?.value).toBe('own');
    expect(Object.getPrototypeOf(back.odd)).toBe(Object.prototype);
    expect(Object.isFrozen(back.frozen) && Object.isFrozen(back.frozen.k)).toBe(true);
    expect(back.point).toBeInstanceOf(Point);
    expect(Object.is(back.point.y, -0)).toBe(true);
    expect(back.typed.map((t) => t.constructor.name)).toEqual(['Float64Array', 'Int32Array', 'Uint8Array']);
    expect(back.typed.map((t) => Array.from(t as Float64Array).map(String))).toEqual(root.typed.map((t) => Array.from(t as Float64Array).map(String)));
    expect(Object.is((back.typed[0] as Float64Array)[1], -0)).toBe(true);
  });

  it('keeps sharing, cycles and Map / Set order, object keys included', () => {
    const shared = { n: 1 };
    const a: Record<string, unknown> = { shared };
    const b = { a, shared, list: [shared, a] };
    a['b'] = b;
    a['self'] = a;
    const key = { k: 1 };
    const map = new Map<unknown, unknown>([['z', 1], [key, shared], ['a', a]]);
    const set = new Set<unknown>([3, key, 'x', 1]);
    const back = roundTrip({ a, b, map, set, key }) as { a: typeof a; b: typeof b; map: Map<unknown, unknown>; set: Set<unknown>; key: object };
    expect(back.a['self']).toBe(back.a);
    expect(back.a['b']).toBe(back.b);
    expect(back.b.shared).toBe(back.a['shared']);
    expect(back.b.list[0]).toBe(back.b.shared);
    expect([...back.map.keys()]).toEqual(['z', back.key, 'a']);
    expect(back.map.get(back.key)).toBe(back.b.shared);
    expect([...back.set]).toEqual([3, back.key, 'x', 1]);
  });

  it('is deterministic and carries handler data as plain trees', () => {
    const root = { m: new Map([['b', 1], ['a', 2]]) };
    expect(JSON.stringify(encodeGraph(root, encodeOptions))).toBe(JSON.stringify(encodeGraph(root, encodeOptions)));
    const data = { $: 'x', list: [NaN, -0, undefined, { $: 'u' }], n: null, s: 's' };
    const back = decodeData(JSON.parse(JSON.stringify(encodeData(data)))) as typeof data;
    expect(back.$).toBe('x');
    expect(Number.isNaN(back.list[0]) && Object.is(back.list[1], -0) && back.list[2] === undefined).toBe(true);
    expect(back.list[3]).toEqual({ $: 'u' });
    expect([back.n, back.s]).toEqual([null, 's']);
  });

  it('refuses what it cannot write faithfully', () => {
    const buf = new ArrayBuffer(16);
    for (const bad of [{ f: () => 1 }, { d: new Date(0) }, { s: Symbol('s') }, { b: 1n }, { v: new Float64Array(buf, 8) }, { v: [new Uint8Array(buf), new Uint8Array(buf)] }, { w: new WeakMap() }]) {
      expectCode(() => encodeGraph(bad, encodeOptions), 'SNAPSHOT_UNSUPPORTED');
    }
  });
});

const DOMAIN: DomainConfig = {
  skills: [{ id: 'sales' }],
  queues: [{ id: 'q', steps: [{ requirement: 'sales', afterSeconds: 0 }], strategy: 'weighted-random' }],
  agents: [{ id: 'a', skills: { sales: 2 } }, { id: 'b', skills: { sales: 1 } }],
};

function snap(): string {
  const e = RoutingEngine.create(DOMAIN, { clock: new ManualClock(0) });
  ready(e, 'a', 'b');
  e.submit({ id: 'c1', queueId: 'q' });
  return e.snapshot();
}

type Parsed = { v: unknown; shapes: unknown[][]; objects: unknown[][] };
const edit = (fn: (s: Parsed) => void): string => {
  const s = JSON.parse(snap()) as Parsed;
  fn(s);
  return JSON.stringify(s);
};
const entry = (s: Parsed, kind: string) => s.objects.find((o) => o[0] === 'H' && o[1] === kind) as unknown[];
const shapeOf = (s: Parsed, tag: string) => s.shapes.find((x) => x[0] === tag) as unknown[];

describe('RoutingEngine.restore of malformed snapshots', () => {
  const clock = new ManualClock(0);
  const cases: Array<[string, unknown]> = [
    ['not a string', { v: 1 }],
    ['not JSON', 'nope'],
    ['truncated', snap().slice(0, -10)],
    ['empty object', '{}'],
    ['another version', edit((s) => { s.v = 2; })],
    ['no version', edit((s) => { delete (s as Partial<Parsed>).v; })],
    ['no objects', edit((s) => { s.objects = []; })],
    ['a reference to no object', edit((s) => { (s.objects[0] as unknown[])[1] = [s.objects.length]; })],
    ['a malformed value', edit((s) => { (s.objects[0] as unknown[])[1] = [1, 2]; })],
    ['an unknown tag', edit((s) => { s.objects[1] = ['Q']; })],
    ['an unknown class', edit((s) => { (shapeOf(s, 'TimerHeap'))[0] = 'Evil'; })],
    ['a class with a field missing', edit((s) => { shapeOf(s, 'TokenTable').pop(); })],
    ['an unknown special', edit((s) => { entry(s, 'hub')[1] = 'evil'; })],
    ['a bad rng state', edit((s) => { entry(s, 'seededRng')[2] = -1; })],
    ['a bad catalogue', edit((s) => { entry(s, 'catalogue')[2] = [{ id: 'sales' }, { id: 'sales' }]; })],
    ['inconsistent memberships', edit((s) => { (entry(s, 'membership')[2] as { members: unknown[] }).members = []; })],
    ['an unknown constant', edit((s) => { entry(s, 'constant')[2] = 'process'; })],
    ['a Map repeating a key', edit((s) => { const m = s.objects.find((o) => o[0] === 'M' && o.length >= 5) as unknown[]; m[3] = m[1]; })],
    ['a root that is not the domain', edit((s) => { s.objects[0] = ['A']; })],
    ['a clock that is not the clock', edit((s) => { s.objects.push(['A']); (s.objects[0] as unknown[])[(shapeOf(s, 'DomainState')).indexOf('clock') - 1] = [s.objects.length - 1]; })],
    ['a special depending on a plain object', edit((s) => { entry(s, 'membership')[3] = [0]; })],
  ];

  it.each(cases)('%s → SNAPSHOT_INVALID', (_, text) => {
    expectCode(() => RoutingEngine.restore(text as string, { clock }), 'SNAPSHOT_INVALID');
  });

  it('still restores the unedited snapshot', () => {
    expect(RoutingEngine.restore(snap(), { clock }).snapshot()).toBe(snap());
  });
});
