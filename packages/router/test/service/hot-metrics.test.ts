import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HotCounter, HotHistogram } from '../../src/service/hot-metrics.js';

const verbs = ['byId', 'byNumber', 'byAccount'] as const;
const outcomes = ['hit', 'miss', 'fallback'] as const;
const BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

const observation = fc.record({
  verb: fc.constantFrom(...verbs), outcome: fc.constantFrom(...outcomes), cached: fc.boolean(),
  seconds: fc.oneof(fc.constantFrom(0, ...BUCKETS, 0.2, 3), fc.double({ min: 0, max: 0.2, noNaN: true })),
});

/** The exposition of both registries after the same observations, and as JSON. */
async function both(observations: ReadonlyArray<{ verb: string; outcome: string; cached: boolean; seconds: number }>) {
  const [prom, hot] = [new Registry(), new Registry()];
  const promCount = new Counter({ name: 't_total', help: 'Lookups', labelNames: ['verb', 'outcome', 'cached'] as const, registers: [prom] });
  const promTime = new Histogram({ name: 't_seconds', help: 'Time', labelNames: ['verb', 'outcome'] as const, buckets: BUCKETS, registers: [prom] });
  const hotCount = new HotCounter({ name: 't_total', help: 'Lookups', labelNames: ['verb', 'outcome', 'cached'], registers: [hot] });
  const hotTime = new HotHistogram({ name: 't_seconds', help: 'Time', labelNames: ['verb', 'outcome'], buckets: BUCKETS, registers: [hot] });
  for (const o of observations) {
    promCount.inc({ verb: o.verb, outcome: o.outcome, cached: String(o.cached) });
    hotCount.inc({ verb: o.verb, outcome: o.outcome, cached: String(o.cached) });
    promTime.observe({ verb: o.verb, outcome: o.outcome }, o.seconds);
    hotTime.observe({ verb: o.verb, outcome: o.outcome }, o.seconds);
  }
  return { prom: await prom.metrics(), hot: await hot.metrics(), reset: () => { prom.resetMetrics(); hot.resetMetrics(); }, registries: [prom, hot] as const };
}

describe('hot metrics', () => {
  it('expose exactly what prom-client does for the same observations', async () => {
    await fc.assert(fc.asyncProperty(fc.array(observation, { maxLength: 200 }), async (observations) => {
      const r = await both(observations);
      expect(r.hot).toBe(r.prom);
      r.reset();
      expect(await r.registries[1].metrics()).toBe(await r.registries[0].metrics());
    }), { numRuns: 300 });
  });

  it('refuse a value that is not a number, like prom-client', () => {
    const h = new HotHistogram({ name: 'x_seconds', help: 'x', labelNames: ['outcome'], buckets: [1], registers: [] });
    expect(() => h.observe({ outcome: 'a' }, Number.NaN)).toThrow(TypeError);
  });
});
