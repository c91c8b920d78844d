import type { Scenario } from '@switchboard/router/wfm';
import { QUEUE_COUNT, benchDomain } from './fixtures.js';

/** Sizes of the simulation benchmark: agents, hours simulated, contacts expected over them. */
export interface SimBenchSize {
  readonly agents: number;
  readonly hours: number;
  readonly contacts: number;
}

/** One day of a 1,000-agent center: about 500,000 contacts. */
export const FULL_DAY: SimBenchSize = { agents: 1000, hours: 24, contacts: 500_000 };

/**
 * The core benchmark's domain (50 skills, 200 queues of 3 requirement steps, value-tier head
 * starts; agents with 3–6 skills at levels 1–5, one call at a time) as a simulation scenario:
 * every agent on shift all day, one contact type per queue with the same Poisson rate, value
 * tiers 5 % platinum, 15 % gold, 30 % silver, exponential handle times sized for about 88 %
 * offered load, exponential patience of 3 minutes, answers after 1 s.
 */
export function simBenchScenario(size: SimBenchSize, seed = 42): Scenario {
  const domain = benchDomain(size.agents, seed);
  const perHour = size.contacts / size.hours / QUEUE_COUNT;
  const ahtSeconds = (0.88 * size.agents * 3600 * size.hours) / size.contacts;
  return {
    seed, intervalMinutes: 60, intervals: size.hours, warmUpMinutes: 0,
    domain: { skills: domain.skills, channels: domain.channels ?? {}, queues: domain.queues ?? [] },
    agents: (domain.agents ?? []).map((a) => ({ id: a.id, count: 1, skills: a.skills, capacity: 1 })),
    ringDelay: { kind: 'fixed', seconds: 1 },
    contactTypes: (domain.queues ?? []).map((q) => ({
      id: q.id, queueId: q.id, arrivals: { perHour },
      handleTime: { kind: 'exponential', meanSeconds: ahtSeconds },
      patience: { kind: 'exponential', meanSeconds: 180 },
      valueTiers: { platinum: 0.05, gold: 0.15, silver: 0.3 },
    })),
  };
}
