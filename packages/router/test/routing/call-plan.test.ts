import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Customer, ServicePolicy } from '../../src/service/config-schema.js';
import { MAX_PREFERRED, planFor, type PlanInput } from '../../src/service/routing/call-plan.js';

const TEAMS: Record<string, string[]> = { a: ['a1', 'a2', 'a3', 'a4'], b: ['b1', 'b2'] };
const teamOfAgent = (id: string) => Object.keys(TEAMS).find((t) => TEAMS[t]?.includes(id));
const policies: ServicePolicy[] = [{ id: 'vip', valueTier: 'platinum', serviceLevel: { percent: 90, thresholdSeconds: 10 }, maxWaitSeconds: 60 }];
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  homeQueueId: 'support', collectionsQueueId: 'collections', policies,
  teamOf: (id) => (TEAMS[teamOfAgent(id) ?? ''] ?? []).filter((x) => x !== id),
  known: (id) => teamOfAgent(id) !== undefined, absent: () => false, ...over,
});
const customer = (over: Partial<Customer> = {}): Customer => ({ id: 'c1', name: 'ACME', numbers: [], ...over });

describe('where a known customer\'s call goes first', () => {
  it('an unknown caller goes to the asked queue, nobody preferred', () => {
    expect(planFor(undefined, input())).toEqual({ queueId: 'support', preferredAgentIds: [], reason: 'queue', policy: undefined });
  });
  it('owner first, then the substitutes in order, then the rest of the owner\'s team', () => {
    const p = planFor(customer({ ownerAgentId: 'a2', substituteAgentIds: ['b1', 'a4'], valueTier: 'platinum' }), input());
    expect(p).toMatchObject({ queueId: 'support', reason: 'account-team', policy: { id: 'vip' } });
    expect(p.preferredAgentIds).toEqual(['a2', 'b1', 'a4', 'a1', 'a3']);
  });
  it('skips agents the domain no longer has', () => {
    expect(planFor(customer({ ownerAgentId: 'gone', substituteAgentIds: ['b2'] }), input()).preferredAgentIds).toEqual(['b2']);
    expect(planFor(customer({ ownerAgentId: 'gone' }), input())).toMatchObject({ preferredAgentIds: [], reason: 'queue' });
  });
  it('skips whoever the absence calendar says is away: the owner on holiday, an absent substitute or credit controller', () => {
    const away = input({ absent: (id) => id === 'a2' || id === 'b2' });
    expect(planFor(customer({ ownerAgentId: 'a2', substituteAgentIds: ['b2', 'b1'] }), away).preferredAgentIds).toEqual(['b1', 'a1', 'a3', 'a4']);
    const debtor = customer({ ownerAgentId: 'a1', creditControllerAgentId: 'b2', flags: { overdueInvoices: true } });
    expect(planFor(debtor, away)).toMatchObject({ queueId: 'collections', preferredAgentIds: [] });
  });
  it('a debtor goes to collections, their credit controller first; without a collections queue, as any customer', () => {
    const debtor = customer({ ownerAgentId: 'a1', creditControllerAgentId: 'b2', flags: { overdueInvoices: true } });
    expect(planFor(debtor, input())).toMatchObject({ queueId: 'collections', preferredAgentIds: ['b2'], reason: 'collections' });
    expect(planFor(debtor, input({ collectionsQueueId: undefined }))).toMatchObject({ queueId: 'support', reason: 'account-team' });
  });
  it('never names an agent twice nor more than the router takes, and keeps owner and substitutes in front', () => {
    const agent = fc.constantFrom<string>('a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'x', 'y');
    fc.assert(fc.property(fc.option(agent, { nil: undefined }), fc.array(agent, { maxLength: 16 }), (owner, subs) => {
      const big = input({ teamOf: () => Array.from({ length: 30 }, (_, i) => `t${i}`), known: (id) => id !== 'x' });
      const ids = planFor(customer({ ...(owner === undefined ? {} : { ownerAgentId: owner }), substituteAgentIds: subs }), big).preferredAgentIds;
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeLessThanOrEqual(MAX_PREFERRED);
      const front = [...new Set([owner, ...subs].filter((a): a is string => a !== undefined && a !== 'x'))];
      expect(ids.slice(0, front.length)).toEqual(front.slice(0, MAX_PREFERRED));
    }));
  });
});
