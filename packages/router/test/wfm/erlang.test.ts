import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/wfm/erlang-b.js';
import { MAX_PATIENT_CALLERS } from '../../src/wfm/erlang-a-queue.js';
import { queueMetrics } from '../../src/wfm/erlang.js';
import { isWfmError } from '../../src/wfm/wfm-errors.js';
import { erlangABruteForce, erlangBDirect, erlangCDirect } from './erlang-reference.js';

/** The load at which `trunks` trunks lose 1 % of calls, by bisection on our Erlang B. */
function loadAtOnePercent(trunks: number): number {
  let lo = 0;
  let hi = trunks;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (erlangB(trunks, mid) < 0.01) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('Erlang B', () => {
  it('matches the published table at 1 % grade of service (to its two decimals)', () => {
    const table: Array<[number, number]> = [[10, 4.46], [20, 12.03], [50, 37.9], [100, 84.06]];
    for (const [trunks, erlangs] of table) expect(loadAtOnePercent(trunks), `${trunks} trunks`).toBeCloseTo(erlangs, 2);
  });

  it('agrees with the direct sum of A^k/k! to 1e-10 relative, up to 10,000 trunks', () => {
    for (const [n, a] of [[1, 0.5], [7, 5], [55, 48], [300, 250], [2000, 1900], [10_000, 9_800]] as const) {
      const direct = erlangBDirect(n, a);
      expect(Math.abs(erlangB(n, a) - direct) / direct, `${n} trunks, ${a} E`).toBeLessThan(1e-10);
    }
  });
});

describe('Erlang C', () => {
  it('gives the textbook example: 48 E on 55 agents, AHT 240 s -> P(wait) 0.24, 84 % within 15 s', () => {
    const m = queueMetrics(55, { callsPerHour: 720, ahtSeconds: 240, thresholdSeconds: 15 });
    expect(m.load).toBe(48);
    expect(m.probabilityOfWaiting).toBeCloseTo(0.2387, 4);
    expect(m.serviceLevel).toBeCloseTo(0.8459, 4);
    expect(m.asa).toBeCloseTo((0.2387009 * 240) / 7, 3); // C·AHT/(N−A)
    expect(m.occupancy).toBeCloseTo(48 / 55, 12);
    expect(m.probabilityOfWaiting).toBeCloseTo(erlangCDirect(55, 48), 12);
  });

  it('agrees with the log-space direct sum to 1e-10 relative, from 1 to 10,000 agents', () => {
    for (const [n, a] of [[1, 0.3], [2, 1], [7, 5], [55, 48], [270, 250], [1000, 990], [10_000, 9_900], [10_000, 5_000]] as const) {
      const m = queueMetrics(n, { callsPerHour: a * 3600 / 100, ahtSeconds: 100, thresholdSeconds: 20 });
      const direct = erlangCDirect(n, a);
      if (direct < 1e-300) expect(m.probabilityOfWaiting).toBeLessThan(1e-300);
      else expect(Math.abs(m.probabilityOfWaiting - direct) / direct, `${n} agents, ${a} E`).toBeLessThan(1e-10);
    }
  });

  it('reports an overloaded queue (load >= agents) as everyone waiting, nobody in time, no ASA', () => {
    expect(queueMetrics(10, { callsPerHour: 3600, ahtSeconds: 12, thresholdSeconds: 20 })).toMatchObject({
      load: 12, probabilityOfWaiting: 1, serviceLevel: 0, asa: null, occupancy: 1,
    });
  });
});

describe('Erlang A', () => {
  const cases = [
    { n: 3, cph: 120, aht: 60, patience: 30, t: 10 },
    { n: 5, cph: 200, aht: 90, patience: 120, t: 20 },
    { n: 8, cph: 400, aht: 90, patience: 60, t: 15 }, // overloaded: 10 E on 8 agents
    { n: 2, cph: 30, aht: 200, patience: 400, t: 60 },
  ];

  it('agrees with a brute-force integration of the waiting callers (P(wait), P(abandon), SL, ASA)', () => {
    for (const c of cases) {
      const m = queueMetrics(c.n, { callsPerHour: c.cph, ahtSeconds: c.aht, thresholdSeconds: c.t, patienceSeconds: c.patience });
      const ref = erlangABruteForce(c.n, c.cph / 3600, 1 / c.aht, 1 / c.patience, c.t);
      expect(m.probabilityOfWaiting, JSON.stringify(c)).toBeCloseTo(ref.probabilityOfWaiting, 10);
      expect(m.probabilityOfAbandon, JSON.stringify(c)).toBeCloseTo(ref.probabilityOfAbandon, 10);
      expect(m.serviceLevel, JSON.stringify(c)).toBeCloseTo(ref.serviceLevel, 4);
      expect(m.asa ?? NaN, JSON.stringify(c)).toBeCloseTo(ref.asa, 2);
    }
  });

  it('tends to Erlang C as callers become patient', () => {
    const c = queueMetrics(55, { callsPerHour: 720, ahtSeconds: 240, thresholdSeconds: 15 });
    const a = queueMetrics(55, { callsPerHour: 720, ahtSeconds: 240, thresholdSeconds: 15, patienceSeconds: 86_400 });
    expect(a.model).toBe('erlang-a');
    expect(a.probabilityOfWaiting).toBeCloseTo(c.probabilityOfWaiting, 3);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 2);
    expect(a.probabilityOfAbandon).toBeLessThan(1e-3);
  });

  it('stays stable in overload: the queue settles where abandonment balances the excess', () => {
    const m = queueMetrics(40, { callsPerHour: 1200, ahtSeconds: 180, thresholdSeconds: 20, patienceSeconds: 60 });
    expect(m.probabilityOfWaiting).toBeGreaterThan(0.9);
    // carried load cannot exceed the agents: abandonment takes at least the excess 60 E − 40
    expect(m.probabilityOfAbandon).toBeGreaterThan(20 / 60 - 1e-9);
    expect(m.occupancy).toBeLessThanOrEqual(1);
  });
});

describe('bad input', () => {
  it('is a typed WFM_INPUT_INVALID naming the field, never NaN', () => {
    const bad: Array<[number, Record<string, unknown>, string]> = [
      [0, { callsPerHour: 10, ahtSeconds: 60, thresholdSeconds: 20 }, 'agents'],
      [1.5, { callsPerHour: 10, ahtSeconds: 60, thresholdSeconds: 20 }, 'agents'],
      [5, { callsPerHour: -1, ahtSeconds: 60, thresholdSeconds: 20 }, 'traffic.callsPerHour'],
      [5, { callsPerHour: 10, ahtSeconds: Number.NaN, thresholdSeconds: 20 }, 'traffic.ahtSeconds'],
      [5, { callsPerHour: 10, ahtSeconds: 60 }, 'traffic.thresholdSeconds'],
      [5, { callsPerHour: 10, ahtSeconds: 60, thresholdSeconds: 20, patienceSeconds: 0 }, 'traffic.patienceSeconds'],
      [5, { callsPerHour: 1e7, ahtSeconds: 60, thresholdSeconds: 20, patienceSeconds: 86_400 }, 'patience'],
    ];
    for (const [agents, traffic, path] of bad) {
      let err: unknown;
      try {
        queueMetrics(agents, traffic as never);
      } catch (e) {
        err = e;
      }
      expect(isWfmError(err, 'WFM_INPUT_INVALID'), path).toBe(true);
      expect((err as Error).message).toContain(path);
    }
  });
});

const finiteIn01 = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

/** Traffic on 1–10,000 agents at 10–150 % of their capacity; patience keeps λ × patience within the supported range. */
const trafficArb = (withPatience: boolean) => fc.record({
  agents: fc.integer({ min: 1, max: 10_000 }),
  utilisation: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
  ahtSeconds: fc.integer({ min: 60, max: 1200 }),
  thresholdSeconds: fc.integer({ min: 0, max: 300 }),
  patienceSeconds: withPatience ? fc.integer({ min: 10, max: 600 }) : fc.constant(undefined),
});

type Sample = { agents: number; utilisation: number; ahtSeconds: number; thresholdSeconds: number; patienceSeconds: number | undefined };
const trafficOf = (s: Sample, factor = 1) => ({
  callsPerHour: ((s.utilisation * s.agents * 3600) / s.ahtSeconds) * factor,
  ahtSeconds: s.ahtSeconds,
  thresholdSeconds: s.thresholdSeconds,
  ...(s.patienceSeconds === undefined ? {} : { patienceSeconds: s.patienceSeconds }),
});

for (const model of ['Erlang C', 'Erlang A'] as const) {
  describe(`${model} properties (1 to 10,000 agents)`, () => {
    const arb = trafficArb(model === 'Erlang A');

    it('gives finite probabilities in [0, 1] and a finite ASA or null', () => {
      fc.assert(fc.property(arb, (s) => {
        const m = queueMetrics(s.agents, trafficOf(s));
        for (const k of ['probabilityOfWaiting', 'serviceLevel', 'occupancy', 'probabilityOfAbandon'] as const) expect(finiteIn01(m[k]), k).toBe(true);
        expect(m.asa === null || (Number.isFinite(m.asa) && m.asa >= 0)).toBe(true);
      }), { numRuns: 150 });
    });

    // Probabilities are computed as sums and differences of terms of order 1, so they are exact
    // to about 1e-15 of 1, not of themselves: a service level of 8e-12 (a queue 13 % overloaded)
    // carries noise of 1e-12. The tolerance is absolute, on the scale of 1.
    const TOLERANCE = 1e-9;
    const oneMoreAgent = (s: Sample) => {
      const m = queueMetrics(s.agents, trafficOf(s));
      const more = queueMetrics(s.agents + 1, trafficOf(s));
      expect(more.serviceLevel).toBeGreaterThanOrEqual(m.serviceLevel - TOLERANCE);
      expect(more.probabilityOfWaiting).toBeLessThanOrEqual(m.probabilityOfWaiting + TOLERANCE);
      expect(more.probabilityOfAbandon).toBeLessThanOrEqual(m.probabilityOfAbandon + TOLERANCE);
      expect(more.occupancy).toBeLessThanOrEqual(m.occupancy + TOLERANCE);
    };

    it('never lowers the service level (nor raises waiting, abandonment or occupancy) with one more agent', () => {
      fc.assert(fc.property(arb, oneMoreAgent), { numRuns: 150 });
    });

    if (model === 'Erlang A') {
      it('regression: an overloaded queue whose service level is noise (seed -1738909397)', () => {
        oneMoreAgent({ agents: 4155, utilisation: 1.1328581365642527, ahtSeconds: 62, thresholdSeconds: 46, patienceSeconds: 519 });
      });
    }

    it('never raises the service level with more load', () => {
      fc.assert(fc.property(arb, fc.double({ min: 1.001, max: 1.5, noNaN: true }), (s, factor) => {
        // The busier traffic stays within what the model supports (the sample is, at factor 1).
        fc.pre((trafficOf(s, factor).callsPerHour / 3600) * (s.patienceSeconds ?? 0) <= 0.999 * MAX_PATIENT_CALLERS);
        const m = queueMetrics(s.agents, trafficOf(s));
        const busier = queueMetrics(s.agents, trafficOf(s, factor));
        expect(busier.serviceLevel).toBeLessThanOrEqual(m.serviceLevel + 1e-9);
        expect(busier.probabilityOfWaiting).toBeGreaterThanOrEqual(m.probabilityOfWaiting - 1e-9);
      }), { numRuns: 150 });
    });
  });
}
