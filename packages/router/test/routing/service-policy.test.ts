import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Customer, ServicePolicy } from '../../src/service/config-schema.js';
import { DEFAULT_HANDLE_SECONDS, expectedWaitSeconds, policyOf, policyProblems, preferredWindowSeconds } from '../../src/service/routing/service-policy.js';

const SL = { percent: 80, thresholdSeconds: 20 };
const pol = (id: string, x: Partial<ServicePolicy>): ServicePolicy => ({ id, serviceLevel: SL, ...x });
const customer = (x: Partial<Customer>): Customer => ({ id: 'c', name: 'C', numbers: [], ...x });

describe('policyOf: a policy per value tier, per segment, or both', () => {
  const both = pol('both', { valueTier: 'gold', segment: 'core' });
  const tier = pol('tier', { valueTier: 'gold' });
  const segment = pol('segment', { segment: 'core' });
  const prospects = pol('prospects', { segment: 'prospect' });

  it('prefers the policy naming tier and segment, then the tier, then the segment — whatever the order listed', () => {
    const gc = customer({ valueTier: 'gold', segment: 'core' });
    for (const order of [[both, tier, segment], [segment, tier, both], [tier, segment, both]]) expect(policyOf(order, gc)?.id).toBe('both');
    expect(policyOf([segment, tier], gc)?.id).toBe('tier');
    expect(policyOf([segment, tier], customer({ valueTier: 'silver', segment: 'core' }))?.id).toBe('segment');
    expect(policyOf([segment, prospects, tier], customer({ segment: 'prospect' }))?.id).toBe('prospects');
  });

  it('never gives a policy that names another tier or segment, nor one to an unknown caller', () => {
    expect(policyOf([both], customer({ valueTier: 'gold', segment: 'bought' }))).toBeUndefined();
    expect(policyOf([both], customer({ valueTier: 'gold' }))).toBeUndefined();
    expect(policyOf([tier, segment], undefined)).toBeUndefined();
    expect(policyOf([pol('nothing', {})], customer({ valueTier: 'gold' }))).toBeUndefined();
  });

  it('gives a fitting policy whenever one fits, and the most specific one (property)', () => {
    const tiers = fc.constantFrom(undefined, 'gold', 'silver');
    const segments = fc.constantFrom(undefined, 'core', 'prospect' as const);
    const policy = fc.record({ valueTier: tiers, segment: segments }).map((x): ServicePolicy => pol('p', {
      ...(x.valueTier === undefined ? {} : { valueTier: x.valueTier }), ...(x.segment === undefined ? {} : { segment: x.segment }),
    }));
    fc.assert(fc.property(fc.array(policy, { maxLength: 6 }), tiers, segments, (ps, valueTier, seg) => {
      const c = customer({ ...(valueTier === undefined ? {} : { valueTier }), ...(seg === undefined ? {} : { segment: seg }) });
      const fits = (p: ServicePolicy) => (p.valueTier !== undefined || p.segment !== undefined)
        && (p.valueTier === undefined || p.valueTier === c.valueTier) && (p.segment === undefined || p.segment === c.segment);
      const rank = (p: ServicePolicy) => (p.valueTier === undefined ? 0 : 2) + (p.segment === undefined ? 0 : 1);
      const chosen = policyOf(ps, c);
      const fitting = ps.filter(fits);
      expect(chosen === undefined).toBe(fitting.length === 0);
      if (chosen !== undefined) expect(rank(chosen)).toBe(Math.max(...fitting.map(rank)));
    }));
  });

  it('refuses a policy that names neither', () => {
    expect(policyProblems(pol('x', {}), 'p')).toEqual(['p: names neither a valueTier nor a segment (it would fit nobody)']);
    expect(policyProblems(tier, 'p')).toEqual([]);
  });
});

describe('what a policy changes', () => {
  it("caps the account team's window at the policy's service-level threshold", () => {
    expect(preferredWindowSeconds(30, pol('p', { valueTier: 'x', serviceLevel: { percent: 90, thresholdSeconds: 10 } }))).toBe(10);
    expect(preferredWindowSeconds(5, pol('p', { valueTier: 'x', serviceLevel: { percent: 90, thresholdSeconds: 10 } }))).toBe(5);
    expect(preferredWindowSeconds(30, undefined)).toBe(30);
  });

  it('estimates a wait from the measured handle time, else the policy\'s expected one, else the default', () => {
    expect(expectedWaitSeconds({ position: 2, staffed: 1, measuredHandleMs: 60_000, expectedHandleSeconds: 420 })).toBe(120);
    expect(expectedWaitSeconds({ position: 2, staffed: 1, measuredHandleMs: null, expectedHandleSeconds: 420 })).toBe(840);
    expect(expectedWaitSeconds({ position: 3, staffed: 2, measuredHandleMs: undefined, expectedHandleSeconds: undefined })).toBe(Math.ceil((3 * DEFAULT_HANDLE_SECONDS) / 2));
    expect(expectedWaitSeconds({ position: 1, staffed: 0, measuredHandleMs: null, expectedHandleSeconds: 30 })).toBe(30);
  });
});
