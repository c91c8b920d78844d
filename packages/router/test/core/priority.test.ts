import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PriorityConfig } from '@switchboard/router';
import { harness, holder, ready, salesQueue, serve, tick, type Harness } from './engine-fixture.js';

const priority: PriorityConfig = {
  tierBoostSeconds: { gold: 60, platinum: 300 },
  scoreBoostSecondsPerPoint: 2,
  reasonBoostSeconds: { cancel: 20 },
  churnRiskBoostSeconds: 15,
  maxBoostSeconds: 60,
};

function domain(): Harness {
  return harness({ queues: [salesQueue('q', { priority })], agents: [{ id: 'ann', skills: { sales: 3 } }] });
}

/** Lets the one agent take every waiting contact in turn and returns the service order. */
function serviceOrder(h: Harness, n: number): string[] {
  ready(h.engine, 'ann');
  const order: string[] = [];
  for (let i = 0; i < n; i++) {
    const current = h.engine.agent('ann').assignments[0]?.contactId;
    if (current === undefined) break;
    order.push(current);
    serve(h.engine, current);
  }
  return order;
}

describe('priority as head start', () => {
  it('computes the order key as arrival minus the capped boost', () => {
    const h = domain();
    tick(h, 100_000);
    h.engine.submit({ id: 'plain', queueId: 'q' });
    h.engine.submit({ id: 'gold', queueId: 'q', valueTier: 'gold' });
    h.engine.submit({ id: 'mixed', queueId: 'q', valueScore: 5, reason: 'cancel', churnRisk: true }); // 10 + 20 + 15
    h.engine.submit({ id: 'platinum', queueId: 'q', valueTier: 'platinum' }); // 300, capped at 60
    h.engine.submit({ id: 'explicit', queueId: 'q', boostSeconds: 500 }); // capped too
    const keys = Object.fromEntries(h.engine.contacts().map((c) => [c.id, [c.boostMs, c.orderKey]]));
    expect(keys).toEqual({
      plain: [0, 100_000],
      gold: [60_000, 40_000],
      mixed: [45_000, 55_000],
      platinum: [60_000, 40_000],
      explicit: [60_000, 40_000],
    });
  });

  it('lets a gold contact overtake plain contacts that arrived less than maxBoostSeconds earlier', () => {
    const h = domain();
    h.engine.submit({ id: 'p1', queueId: 'q' }); // key 0
    tick(h, 10_000);
    h.engine.submit({ id: 'p2', queueId: 'q' }); // key 10 s
    tick(h, 30_000);
    h.engine.submit({ id: 'g', queueId: 'q', valueTier: 'gold' }); // key 40 − 60 = −20 s
    expect(serviceOrder(h, 3)).toEqual(['g', 'p1', 'p2']);
  });

  it('never lets anyone overtake a plain contact that has waited longer than the cap', () => {
    const h = domain();
    h.engine.submit({ id: 'p1', queueId: 'q' }); // key 0
    tick(h, 15_000);
    h.engine.submit({ id: 'p2', queueId: 'q' }); // key 15 s
    tick(h, 55_000);
    h.engine.submit({ id: 'g', queueId: 'q', valueTier: 'platinum' }); // key 70 − 60 = 10 s
    expect(serviceOrder(h, 3)).toEqual(['p1', 'g', 'p2']);
  });

  it('gives no head start in a queue without a priority configuration', () => {
    const h = harness({ queues: [salesQueue('q')], agents: [{ id: 'ann', skills: { sales: 3 } }] });
    h.engine.submit({ id: 'p1', queueId: 'q' });
    tick(h, 1_000);
    h.engine.submit({ id: 'g', queueId: 'q', valueTier: 'gold', boostSeconds: 100 });
    expect(h.engine.contact('g')).toMatchObject({ boostMs: 0, orderKey: 1_000 });
    ready(h.engine, 'ann');
    expect(holder(h.engine, 'p1')).toBe('ann');
  });

  it('bounds overtaking by the cap for any arrival pattern (property)', () => {
    const arrival = fc.record({ gapMs: fc.integer({ min: 0, max: 40_000 }), tier: fc.constantFrom('gold', 'platinum', undefined) });
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 1, maxLength: 12 }), (arrivals) => {
        const h = domain();
        const at = new Map<string, number>();
        arrivals.forEach(({ gapMs, tier }, i) => {
          tick(h, gapMs);
          at.set(`c${i}`, h.engine.now);
          h.engine.submit({ id: `c${i}`, queueId: 'q', ...(tier === undefined ? {} : { valueTier: tier }) });
        });
        const byKey = h.engine.contacts().sort((a, b) => a.orderKey - b.orderKey || a.seq - b.seq).map((c) => c.id);
        const order = serviceOrder(h, arrivals.length);
        expect(order).toEqual(byKey);
        // whoever is served before x arrived at most maxBoostSeconds after x
        order.forEach((x, k) => {
          for (const earlier of order.slice(0, k)) {
            expect(at.get(earlier) as number).toBeLessThanOrEqual((at.get(x) as number) + 60_000);
          }
        });
      }),
      { numRuns: 60, seed: 20_240_601 },
    );
  });
});
