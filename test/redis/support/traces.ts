import { expect } from 'vitest';

type Rec = { strategy?: string; candidates?: Array<{ key?: number[] }> };

/**
 * Decision traces must match exactly, except the candidate keys of weighted-random decisions,
 * which must agree within a relative 1e-12: they come from a logarithm, and Lua's (the C
 * library's) and V8's may differ in the last bit. Decisions do not: two keys would have to be
 * within one ulp.
 */
export function expectSameTraces(got: readonly unknown[], want: readonly unknown[]): void {
  const random = (r: unknown) => (r as Rec).strategy === 'weighted-random';
  const keysOf = (rs: readonly unknown[]) => rs.filter(random).flatMap((r) => ((r as Rec).candidates ?? []).flatMap((c) => c.key ?? []));
  const withoutRandomKeys = (rs: readonly unknown[]) => structuredClone(rs).map((r) => {
    if (random(r)) for (const c of (r as Rec).candidates ?? []) delete c.key;
    return r;
  });
  expect(withoutRandomKeys(got)).toEqual(withoutRandomKeys(want));
  const g = keysOf(got);
  const w = keysOf(want);
  expect(g.length).toBe(w.length);
  g.forEach((x, i) => expect(Math.abs(x - (w[i] as number)), `key ${x} vs ${w[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x))));
}
