import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenTable } from '../../src/core/token-table.js';

describe('TokenTable against a Map', () => {
  it('get / set / delete agree with a Map over random sequences, through growth and wrap-around', () => {
    // Fresh tokens plus tokens far apart that share their low bits (long-ringing offers among
    // fresh ones), so probe runs form, wrap around and are cut by deletions.
    const token = fc.oneof(fc.nat(40), fc.nat(20).map((k) => k * 64 + 5), fc.nat(20).map((k) => k * 64 + 63));
    const all = [...new Set([...Array.from({ length: 41 }, (_, k) => k), ...Array.from({ length: 21 }, (_, k) => k * 64 + 5), ...Array.from({ length: 21 }, (_, k) => k * 64 + 63)])];
    const op = fc.record({ kind: fc.constantFrom('set' as const, 'set' as const, 'del' as const), token });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new TokenTable<{ token: number; v: number }>();
        const m = new Map<number, { token: number; v: number }>();
        ops.forEach((o, v) => {
          if (o.kind === 'set') {
            const x = { token: o.token, v };
            t.set(x);
            m.set(o.token, x);
          } else {
            expect(t.delete(o.token)).toBe(m.delete(o.token));
          }
          expect(t.size).toBe(m.size);
          for (const k of all) expect(t.get(k)).toBe(m.get(k));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps an entry reachable when a deletion before the end of the array shifts a run that wrapped', () => {
    const t = new TokenTable<{ token: number }>();
    const a = { token: 16 };
    t.set({ token: 15 }); // slot 15, the last one
    t.set(a); // home slot 0: it belongs where it is after 15 goes
    t.delete(15);
    expect(t.get(16)).toBe(a);
    expect(t.size).toBe(1);
  });
});
