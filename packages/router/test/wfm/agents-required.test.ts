import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsRequired } from '../../src/wfm/agents-required.js';
import { queueMetrics } from '../../src/wfm/erlang.js';
import { isWfmError } from '../../src/wfm/wfm-errors.js';

const base = { callsPerHour: 1000, ahtSeconds: 180, thresholdSeconds: 20, targetServiceLevel: 0.8 };

describe('agents required', () => {
  it('finds the fewest agents for 80 % in 20 s (Erlang C: 50 E needs 56)', () => {
    const out = agentsRequired(base);
    expect(out).toMatchObject({ kind: 'staffed', agents: 56 });
    expect(out.metrics.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(queueMetrics(55, base).serviceLevel).toBeLessThan(0.8);
  });

  it('adds agents until occupancy is at most the maximum', () => {
    const out = agentsRequired({ ...base, maxOccupancy: 0.85 });
    expect(out).toMatchObject({ kind: 'staffed', agents: 59 }); // 50/59 = 0.847; 50/58 = 0.862
  });

  it('uses Erlang A with a patience, and can bound abandonment', () => {
    const a = agentsRequired({ ...base, patienceSeconds: 120 });
    expect(a.metrics.model).toBe('erlang-a');
    expect(a.agents).toBeLessThan(56); // callers who give up free agents
    const bounded = agentsRequired({ ...base, patienceSeconds: 120, maxAbandonment: 0.02 });
    expect(bounded.agents).toBeGreaterThan(a.agents);
    expect(bounded.metrics.probabilityOfAbandon).toBeLessThanOrEqual(0.02);
    expect(queueMetrics(bounded.agents - 1, { ...base, patienceSeconds: 120 }).probabilityOfAbandon).toBeGreaterThan(0.02);
  });

  it('needs no agents without traffic', () => {
    expect(agentsRequired({ ...base, callsPerHour: 0 })).toMatchObject({ kind: 'staffed', agents: 0, metrics: { serviceLevel: 1, occupancy: 0 } });
  });

  it('says when the most agents allowed cannot meet the target', () => {
    const out = agentsRequired({ ...base, callsPerHour: 10_000, maxAgents: 400 }); // 500 E
    expect(out).toMatchObject({ kind: 'unreachable', agents: 400, metrics: { serviceLevel: 0, asa: null } });
  });

  it('refuses a target outside (0, 1] with a typed error', () => {
    for (const targetServiceLevel of [0, 1.2, Number.NaN]) {
      expect(() => agentsRequired({ ...base, targetServiceLevel })).toThrowError(expect.objectContaining({ code: 'WFM_INPUT_INVALID' }) as Error);
    }
    try {
      agentsRequired({ ...base, maxOccupancy: 0 });
    } catch (e) {
      expect(isWfmError(e) && e.message.includes('staffing.maxOccupancy')).toBe(true);
    }
  });

  it('is minimal: the answer meets the target and one agent fewer does not (property)', () => {
    const arb = fc.record({
      callsPerHour: fc.integer({ min: 1, max: 60_000 }),
      ahtSeconds: fc.integer({ min: 30, max: 900 }),
      thresholdSeconds: fc.integer({ min: 0, max: 120 }),
      targetServiceLevel: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
      maxOccupancy: fc.double({ min: 0.5, max: 1, noNaN: true }),
      patienceSeconds: fc.option(fc.integer({ min: 10, max: 600 }), { nil: undefined }),
    });
    fc.assert(fc.property(arb, (raw) => {
      const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as typeof base & { maxOccupancy: number };
      const out = agentsRequired(input);
      expect(out.kind).toBe('staffed');
      const meets = (n: number) => {
        const m = queueMetrics(n, input);
        return m.serviceLevel + 1e-12 >= input.targetServiceLevel && m.occupancy <= input.maxOccupancy + 1e-12;
      };
      expect(meets(out.agents)).toBe(true);
      if (out.agents > 1) expect(meets(out.agents - 1)).toBe(false);
    }), { numRuns: 120 });
  });
});
