import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/wfm/scenario-check.js';
import { Simulation } from '../../src/wfm/simulation.js';
import type { SimulationResult } from '../../src/wfm/sim-result.js';

const skills = [{ id: 'sales' }, { id: 'tech' }];
const q = (id: string, extra: Record<string, unknown> = {}) => ({ id, steps: [{ requirement: 'sales', afterSeconds: 0 }], ...extra });
const exp = (meanSeconds: number) => ({ kind: 'exponential', meanSeconds });

function run(json: Record<string, unknown>): SimulationResult {
  const sim = Simulation.create(checkScenario({ intervalMinutes: 60, intervals: 4, seed: 5, ...json }));
  sim.run();
  return sim.result();
}

const base = {
  domain: { skills, queues: [q('sales')] },
  agents: [{ id: 'a', count: 10, skills: { sales: 3 } }],
  contactTypes: [{ id: 'call', queueId: 'sales', arrivals: { perHour: 150 }, handleTime: exp(180) }],
};

describe('simulator behaviour', () => {
  it('is reproducible: same scenario, same result; another seed, another one; stepping changes nothing', () => {
    const a = run(base);
    expect(run(base)).toEqual(a);
    expect(run({ ...base, seed: 6 }).total.summary.offered).not.toBe(a.total.summary.offered);
    const sim = Simulation.create(checkScenario({ intervalMinutes: 60, intervals: 4, seed: 5, ...base }));
    let steps = 0;
    while (!sim.run(97)) steps++;
    expect(steps).toBeGreaterThan(10);
    expect(sim.result()).toEqual(a);
  });

  it('adds up: every offered contact is answered, abandoned, expired, refused or unresolved', () => {
    const r = run({ ...base, contactTypes: [{ ...base.contactTypes[0], patience: exp(30) }] });
    for (const k of [r.total.summary, ...r.total.byInterval]) {
      expect(k.answered + k.abandoned + k.expired + k.refused + k.unresolved).toBe(k.offered);
    }
    expect(r.total.byInterval.reduce((s, k) => s + k.offered, 0)).toBe(r.total.summary.offered);
    expect(r.queues.sales).toEqual(r.total);
  });

  it('fires the engine\'s escalation timer: a contact only an agent of the second step can take waits exactly that long', () => {
    const r = run({
      domain: { skills, queues: [q('sales', { steps: [{ requirement: 'sales>=4', afterSeconds: 0 }, { requirement: 'sales>=1', afterSeconds: 45 }] })] },
      agents: [{ id: 'a', count: 50, skills: { sales: 2 } }],
      contactTypes: [{ id: 'call', queueId: 'sales', arrivals: { perHour: 60 }, handleTime: exp(60) }],
    });
    expect(r.total.summary.answered).toBeGreaterThan(100);
    expect(r.total.summary.asaSeconds).toBeCloseTo(45, 6); // 50 agents never all busy: every wait is the step's 45 s
    expect(r.total.summary.serviceLevel).toBe(0);
  });

  it('answers after the ring delay, and a delay beyond the ring timeout never answers (offers time out)', () => {
    const ringing = run({ ...base, ringDelay: { kind: 'fixed', seconds: 4 }, agents: [{ id: 'a', count: 40, skills: { sales: 3 } }] });
    expect(ringing.total.summary.asaSeconds).toBeCloseTo(4, 6);
    const missed = run({
      ...base, domain: { skills, queues: [q('sales', { ringTimeoutSeconds: 5 })] }, ringDelay: { kind: 'fixed', seconds: 6 },
      contactTypes: [{ ...base.contactTypes[0], patience: exp(60) }],
    });
    expect(missed.total.summary.answered).toBe(0);
    expect(missed.total.summary.abandoned).toBe(missed.total.summary.offered);
  });

  it('counts wrap-up and ringing as occupied time', () => {
    const bare = run({ ...base, contactTypes: [{ ...base.contactTypes[0], handleTime: { kind: 'fixed', seconds: 60 } }] });
    const wrapped = run({
      ...base, domain: { skills, queues: [q('sales', { wrapUpSeconds: 60 })] },
      contactTypes: [{ ...base.contactTypes[0], handleTime: { kind: 'fixed', seconds: 60 } }],
    });
    // 150 calls/h × 60 s on 10 agents = 25 %; with 60 s of wrap-up, 50 %
    expect(bare.total.summary.occupancy).toBeCloseTo(0.25, 1);
    expect(wrapped.total.summary.occupancy).toBeCloseTo(0.5, 1);
  });

  it('gives gold callers their head start: shorter waits than callers without a tier', () => {
    const r = run({
      domain: { skills, queues: [q('sales', { priority: { tierBoostSeconds: { gold: 120 }, maxBoostSeconds: 120 } })] },
      agents: [{ id: 'a', count: 10, skills: { sales: 3 } }],
      contactTypes: [{ id: 'call', queueId: 'sales', arrivals: { perHour: 190 }, handleTime: exp(180), valueTiers: { gold: 0.3 } }],
    });
    const gold = r.tiers.gold?.summary;
    const none = r.tiers.none?.summary;
    expect(gold?.offered).toBeGreaterThan(100);
    expect(gold?.asaSeconds).toBeLessThan((none?.asaSeconds ?? 0) * 0.8);
    expect(gold?.serviceLevel).toBeGreaterThan(none?.serviceLevel ?? 1);
    expect(gold?.occupancy).toBeNull();
  });

  it('follows shifts: nobody answers before the first shift starts; occupancy counts staffed time only', () => {
    const r = run({
      ...base,
      agents: [{ id: 'a', count: 10, skills: { sales: 3 }, shifts: [{ startMinute: 60, endMinute: 180 }] }],
      contactTypes: [{ ...base.contactTypes[0], patience: exp(120) }],
    });
    const [first, second] = r.total.byInterval;
    expect(first?.occupancy).toBeNull(); // nobody staffed
    expect(first?.answered).toBeLessThan(((first?.offered ?? 0) * 0.05));
    expect(second?.serviceLevel).toBeGreaterThan(0.5);
    expect(r.total.byInterval[3]?.answered).toBeLessThan(10); // shift over (a few finish the last hour's queue)
  });

  it('ends a wait at the queue\'s maximum: overflow to another queue (counted in the first), else expired; full queues refuse', () => {
    const overflow = run({
      domain: { skills, queues: [q('sales', { maxWaitSeconds: 30, overflowQueueId: 'tech' }), { id: 'tech', steps: [{ requirement: 'tech', afterSeconds: 0 }] }] },
      agents: [{ id: 's', count: 2, skills: { sales: 3 } }, { id: 't', count: 20, skills: { tech: 3 } }],
      contactTypes: [{ id: 'call', queueId: 'sales', arrivals: { perHour: 200 }, handleTime: exp(180) }],
    });
    expect(overflow.queues.sales?.summary.answered).toBe(overflow.queues.sales?.summary.offered);
    expect(overflow.queues.tech?.summary.offered).toBe(0);
    expect(overflow.queues.sales?.summary.asaSeconds).toBeLessThan(30.001);
    const expired = run({
      domain: { skills, queues: [q('sales', { maxWaitSeconds: 30, maxLength: 3 })] },
      agents: [{ id: 's', count: 2, skills: { sales: 3 } }],
      contactTypes: [{ id: 'call', queueId: 'sales', arrivals: { perHour: 200 }, handleTime: exp(180) }],
    });
    expect(expired.total.summary.expired).toBeGreaterThan(50);
    expect(expired.total.summary.refused).toBeGreaterThan(50);
  });

  it('reports the occupancy of the agents serving each queue', () => {
    const r = run({
      domain: { skills, queues: [q('sales'), { id: 'tech', steps: [{ requirement: 'tech', afterSeconds: 0 }] }] },
      agents: [{ id: 's', count: 5, skills: { sales: 3 } }, { id: 't', count: 5, skills: { tech: 3 } }],
      contactTypes: [
        { id: 'buy', queueId: 'sales', arrivals: { perHour: 60 }, handleTime: { kind: 'fixed', seconds: 120 } },
        { id: 'fix', queueId: 'tech', arrivals: { perHour: 15 }, handleTime: { kind: 'fixed', seconds: 120 } },
      ],
    });
    expect(r.queues.sales?.summary.occupancy).toBeCloseTo(0.4, 1); // 60 × 120 s / (5 × 3600 s)
    expect(r.queues.tech?.summary.occupancy).toBeCloseTo(0.1, 1);
    expect(r.total.summary.occupancy).toBeCloseTo(0.25, 1);
  });

  it('leaves patient callers unresolved when every agent has gone home', () => {
    const r = run({ ...base, agents: [{ id: 'a', count: 1, skills: { sales: 3 }, shifts: [{ startMinute: 0, endMinute: 60 }] }] });
    expect(r.total.summary.unresolved).toBeGreaterThan(100);
  });
});
