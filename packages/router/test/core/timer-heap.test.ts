import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from '../../src/core/timer-heap.js';

/** The timer queue against a model: a list sorted by (due, rank, creation order). */

interface Entry {
  readonly due: number;
  readonly rank: number;
  readonly seq: number;
}

type Op = { kind: 'schedule'; delay: number; rank: number } | { kind: 'pop'; advance: number };

// Few distinct delays (as a domain has: ring timeouts, wrap-ups, steps) plus odd ones, equal
// due times, and ranks, so lanes fill, interleave and overflow to the heap.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('schedule' as const), delay: fc.constantFrom(0, 10, 20, 30, 90), rank: fc.constantFrom(-Infinity, 0, 5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('schedule' as const), delay: fc.integer({ min: 0, max: 200 }), rank: fc.integer({ min: -3, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pop' as const), advance: fc.integer({ min: 0, max: 40 }) }) },
);

const before = (a: Entry, b: Entry) => a.due - b.due || a.rank - b.rank || a.seq - b.seq;

describe('TimerHeap', () => {
  it('fires in (due, rank, creation) order, exactly what a single heap would do', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new TimerHeap();
        let model: Entry[] = [];
        let now = 0;
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'schedule') {
            const e = { due: now + o.delay, rank: o.rank, seq: seq++ };
            model.push(e);
            t.schedule(e.due, 'ring', undefined, e.seq, e.rank);
          } else {
            now += o.advance;
            model.sort((a, b) => (before(a, b) < 0 ? -1 : 1));
            const due = model.filter((e) => e.due <= now);
            model = model.filter((e) => e.due > now);
            const fired: number[] = [];
            for (let x = t.popDue(now); x !== undefined; x = t.popDue(now)) fired.push(x.version);
            expect(fired).toEqual(due.map((e) => e.seq));
          }
          expect(t.size).toBe(model.length);
          const next = model.reduce((m, e) => Math.min(m, e.due), Infinity);
          expect(t.nextDue()).toBe(next === Infinity ? undefined : next);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its order through long runs that recycle lanes', () => {
    const t = new TimerHeap();
    let fired = 0;
    let last = -Infinity;
    for (let i = 0; i < 20_000; i++) {
      t.schedule(i + (i % 3 === 0 ? 20 : i % 3 === 1 ? 30 : 7), 'ring', undefined, i);
      for (let x = t.popDue(i); x !== undefined; x = t.popDue(i)) {
        expect(x.due).toBeGreaterThanOrEqual(last);
        last = x.due;
        fired++;
      }
    }
    expect(fired + t.size).toBe(20_000);
  });
});
