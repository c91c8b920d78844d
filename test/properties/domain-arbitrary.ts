import fc from 'fast-check';
import type { AgentConfig, DomainConfig, QueueConfig } from '@switchboard/router';
import { STRATEGIES } from '@switchboard/router';

/** Small random routing domains: few agents and queues, so collisions and edge cases are common. */

export const SKILLS = ['a', 'b', 'c'] as const;
export const MAX_BOOST_SECONDS = 40;
export const CHANNEL_COST: Readonly<Record<string, number>> = { voice: 6, chat: 1, email: 2 };

const requirementArb = fc.constantFrom(
  'a>=3', 'a', 'b>=2', '!c', 'a>=2 | b>=3', 'a & b>=2', '*', 'c>=4', 'a>=4 & !c', '(a | b) & c<3',
);

export const stepsArb = fc
  .array(fc.tuple(requirementArb, fc.integer({ min: 3, max: 20 })), { minLength: 1, maxLength: 3 })
  .map((xs) => {
    let t = 0;
    return xs.map(([requirement, gap], i) => {
      if (i > 0) t += gap;
      return { requirement, afterSeconds: t };
    });
  });

function queueArb(i: number, n: number): fc.Arbitrary<QueueConfig> {
  return fc.record({
    channel: fc.constantFrom('voice', 'chat', 'email'),
    steps: stepsArb,
    strategy: fc.constantFrom(...STRATEGIES),
    ringTimeoutSeconds: fc.integer({ min: 10, max: 30 }),
    wrapUpSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })),
    autoPauseAfterMissed: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
    maxLength: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })),
    maxWaitSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 10, max: 60 })),
    overflow: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }),
    preferredWindowSeconds: fc.integer({ min: 0, max: 20 }),
  }).map((r) => {
    const overflow = r.overflow === undefined || r.overflow === i ? undefined : `q${r.overflow}`;
    const { overflow: _o, ...rest } = r;
    return {
      ...rest, id: `q${i}`,
      ...(overflow === undefined ? {} : { overflowQueueId: overflow }),
      skillWeights: { a: 2, b: 1, c: 1 },
      priority: { tierBoostSeconds: { gold: 30, silver: 10 }, scoreBoostSecondsPerPoint: 1, maxBoostSeconds: MAX_BOOST_SECONDS },
    } satisfies QueueConfig;
  });
}

function agentArb(i: number): fc.Arbitrary<AgentConfig> {
  return fc.record({
    levels: fc.tuple(...SKILLS.map(() => fc.integer({ min: 0, max: 5 }))),
    capacity: fc.oneof(fc.constant(6), fc.integer({ min: 1, max: 8 })),
    chatMax: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    absent: fc.boolean(),
    weight: fc.integer({ min: 1, max: 5 }),
  }).map((r) => {
    const skills: Record<string, number> = {};
    SKILLS.forEach((s, k) => { if ((r.levels[k] as number) > 0) skills[s] = r.levels[k] as number; });
    return {
      id: `ag${i}`, skills, capacity: r.capacity, weight: r.weight,
      ...(r.chatMax === undefined ? {} : { maxPerChannel: { chat: r.chatMax } }),
      ...(r.absent ? { absences: [{ from: 0, to: 30_000 }] } : {}),
    } satisfies AgentConfig;
  });
}

/** A random domain with 1–3 queues and 1–6 agents. */
export const domainArb: fc.Arbitrary<DomainConfig> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }))
  .chain(([nq, na]) =>
    fc.record({
      queues: fc.tuple(...Array.from({ length: nq }, (_, i) => queueArb(i, nq))),
      agents: fc.tuple(...Array.from({ length: na }, (_, i) => agentArb(i))),
    }),
  )
  .map(({ queues, agents }) => ({
    skills: SKILLS.map((id) => ({ id })),
    // overflow only within a channel, as the engine requires
    queues: queues.map((q) => {
      const to = queues.find((x) => x.id === q.overflowQueueId);
      if (to === undefined || to.channel === q.channel) return q;
      const { overflowQueueId: _drop, ...rest } = q;
      return rest;
    }),
    agents,
  }));
