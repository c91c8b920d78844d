import { createHash } from 'node:crypto';
import { fromLevelVector, toLevelVector } from '@switchboard/skills';
import type { NormalizedQueue } from '../../core/config.js';
import type { DomainState } from '../../core/domain-state.js';
import type { Membership, QueueRec } from '../../core/records.js';

/** Strategies whose pool order depends on the agent alone, not on the queue (see poolNames). */
const SHARED_ORDER = new Set(['longest-idle', 'fewest-contacts', 'least-occupied']);
const names = new WeakMap<NormalizedQueue, readonly string[]>();

/**
 * The pool of each step of a queue, by name. A pool holds the ready agents whose first
 * qualifying step is that one, in the strategy's order. Where the order depends on the agent
 * alone (longest-idle, fewest-contacts, least-occupied), queues of one channel and strategy
 * whose steps up to that one have the same requirements have the same pool: it is named by a
 * hash of (channel, strategy, those requirements) and kept once, so an agent is filed once in
 * it, not once per queue. Other pools are the queue's own: `<queue>:<step>`. (`=` cannot
 * appear in an id, so the two kinds never collide.)
 */
export function poolNames(q: QueueRec): readonly string[] {
  const c = q.config;
  let out = names.get(c);
  if (out === undefined) {
    out = c.steps.map((_, s) => SHARED_ORDER.has(c.strategy)
      ? `=${createHash('sha1').update(JSON.stringify([c.channel, c.strategy, c.steps.slice(0, s + 1).map((x) => x.requirement)])).digest('hex').slice(0, 20)}`
      : `${q.id}:${s}`);
    names.set(c, out);
  }
  return out;
}

/**
 * A membership as the scripts keep it: the queue, the step, the skill score, the pool it files
 * the agent in, and the queue's channel, cost and strategy, so filing an agent in its pools
 * reads no queue configuration.
 */
export function membershipOf(d: DomainState, m: Membership): { queue: string; step: number; score: number; ch: number; cost: number; st: string; pool: string } {
  const q = m.queue;
  return { queue: q.id, step: m.step, score: m.score, ch: q.channel, cost: d.channelCost[q.channel] as number, st: q.config.strategy, pool: poolNames(q)[m.step] as string };
}

/** What the bootstrap script writes for one queue: the configuration its scripts read. */
export interface QueueLayout {
  readonly id: string;
  /** The configuration the scripts read, as JSON text (stored verbatim: Lua's encoder keeps 14 digits). */
  readonly cfg: string;
}

interface QueueCfg {
  readonly id: string;
  readonly strategy: string;
  readonly channel: number;
  readonly channelName: string;
  readonly cost: number;
    /** `afterMs` of each step. */
  readonly steps: readonly number[];
  readonly ringMs: number;
  readonly wrapMs: number;
  readonly autoPause: number;
  readonly maxWaitMs: number;
  readonly maxLength: number;
  readonly overflow?: string;
  readonly slMs: number;
  /** The queue's skill weights, in scorer order: a reservation's trace records level × weight per skill. */
  readonly terms: ReadonlyArray<readonly [string, number]>;
  /** The pool of each step (poolNames). */
  readonly pools: readonly string[];
}

export interface AgentLayout {
  readonly id: string;
  readonly seq: number;
  readonly cap: number;
  readonly maxch: readonly number[];
  readonly weight: number;
  /** Memberships as JSON: [{ queue, step, score, lastOfferedAt }]. */
  readonly mem: string;
  /** Absence calendar as JSON: [{ from, to }]. */
  readonly absences: string;
  /** Skill levels as JSON: { skill: level }. */
  readonly levels: string;
}

export interface DomainLayout {
  readonly queues: readonly QueueLayout[];
  readonly agents: readonly AgentLayout[];
}

/**
 * The Redis layout of a domain built (validated, memberships computed) by the core: the router
 * process does the pure work once with the core's own code, and the scripts only read it.
 */
export function layoutOf(d: DomainState): DomainLayout {
  const zeros = toLevelVector(d.catalogue, {});
  const queues = [...d.queues.values()].map((q): QueueLayout => {
    const c = q.config;
    const cfg: QueueCfg = {
      id: q.id, strategy: c.strategy, channel: q.channel, channelName: c.channel, cost: d.channelCost[q.channel] as number,
      steps: c.steps.map((s) => s.afterMs), ringMs: c.ringTimeoutMs, wrapMs: c.wrapUpMs, autoPause: c.autoPauseAfterMissed,
      maxWaitMs: c.maxWaitMs, maxLength: c.maxLength, ...(c.overflowQueueId === undefined ? {} : { overflow: c.overflowQueueId }),
      slMs: c.slThresholdMs,
      terms: q.scorer.components(zeros).map((x) => [x.skill, x.weight] as const),
      pools: poolNames(q),
    };
    return { id: q.id, cfg: JSON.stringify(cfg) };
  });
  const agents = [...d.agents.values()].map((a): AgentLayout => ({
    id: a.id, seq: a.seq, cap: a.capacity, maxch: Array.from(a.maxPerChannel), weight: a.weight,
    mem: JSON.stringify(a.memberships.map((m) => ({ ...membershipOf(d, m), lastOfferedAt: 0 }))),
    absences: JSON.stringify(a.absences),
    levels: JSON.stringify(fromLevelVector(d.catalogue, a.levels)),
  }));
  return { queues, agents };
}
