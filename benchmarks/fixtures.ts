import { seededRng, type AgentConfig, type DomainConfig, type QueueConfig, type Rng } from '@switchboard/router';

/**
 * Seeded fixtures for the core benchmark, shaped as the issue asks: 50 skills, agents with 3–6
 * skills at levels 1–5, 200 queues with 3 requirement steps each (strict, relaxed after 30 s,
 * widened to a second skill after 90 s), value tiers on.
 */

export const SKILL_COUNT = 50;
export const QUEUE_COUNT = 200;
export const TIERS = ['platinum', 'gold', 'silver', undefined] as const;

const skillId = (i: number) => `s${i}`;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function queues(rng: Rng): QueueConfig[] {
  return Array.from({ length: QUEUE_COUNT }, (_, i) => {
    const main = skillId(i % SKILL_COUNT);
    const other = skillId((i * 7 + 3 + int(rng, 0, SKILL_COUNT - 2)) % SKILL_COUNT);
    return {
      id: `q${i}`,
      steps: [
        { requirement: `${main}>=4`, afterSeconds: 0 },
        { requirement: `${main}>=2`, afterSeconds: 30 },
        { requirement: `${main} | ${other}>=3`, afterSeconds: 90 },
      ],
      strategy: 'longest-idle',
      ringTimeoutSeconds: 20,
      priority: { tierBoostSeconds: { platinum: 60, gold: 30, silver: 10 }, scoreBoostSecondsPerPoint: 0.5, maxBoostSeconds: 90 },
    } satisfies QueueConfig;
  });
}

function agents(rng: Rng, n: number): AgentConfig[] {
  return Array.from({ length: n }, (_, i) => {
    const skills: Record<string, number> = {};
    const k = int(rng, 3, 6);
    while (Object.keys(skills).length < k) skills[skillId(int(rng, 0, SKILL_COUNT - 1))] = int(rng, 1, 5);
    return { id: `a${i}`, skills };
  });
}

/** The benchmark domain for `n` agents (same seed → same domain). */
export function benchDomain(n: number, seed = 42): DomainConfig {
  const rng = seededRng(seed);
  return {
    skills: Array.from({ length: SKILL_COUNT }, (_, i) => ({ id: skillId(i) })),
    channels: { voice: { cost: 1 } },
    queues: queues(rng),
    agents: agents(rng, n).map((a) => ({ ...a, capacity: 1 })),
  };
}

/** One arriving contact of the seeded stream. */
export interface Arrival {
  readonly queue: number;
  readonly tier: (typeof TIERS)[number];
  readonly score: number;
}

/** A seeded stream of arrivals: uniform over queues, 5 % platinum, 15 % gold, 30 % silver. */
export function arrivals(count: number, seed = 7): Arrival[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, () => {
    const r = rng();
    const tier = r < 0.05 ? TIERS[0] : r < 0.2 ? TIERS[1] : r < 0.5 ? TIERS[2] : TIERS[3];
    return { queue: int(rng, 0, QUEUE_COUNT - 1), tier, score: int(rng, 0, 100) };
  });
}
