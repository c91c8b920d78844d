/** Running totals of one queue since the engine started (or since `resetStats`). */
export interface QueueCounters {
  offered: number;
  answered: number;
  abandoned: number;
  expired: number;
  refused: number;
  overflowedOut: number;
  transferredOut: number;
  answeredWithinSl: number;
  abandonedWithinSl: number;
  waitAnsweredMs: number;
  waitAbandonedMs: number;
  handled: number;
  handleMs: number;
}

export function newCounters(): QueueCounters {
  return {
    offered: 0, answered: 0, abandoned: 0, expired: 0, refused: 0, overflowedOut: 0, transferredOut: 0,
    answeredWithinSl: 0, abandonedWithinSl: 0, waitAnsweredMs: 0, waitAbandonedMs: 0, handled: 0, handleMs: 0,
  };
}

/**
 * Live statistics of a queue. Service level follows both Asterisk definitions:
 * `serviceLevel` (app_queue ServicelevelPerf) = answered within the threshold / answered;
 * `serviceLevel2` (ServicelevelPerf2) = (answered + abandoned within the threshold) / (answered + abandoned).
 * Percentages are 0–100 and `null` when there is nothing to divide by.
 */
export interface QueueStats {
  readonly queueId: string;
  /** Contacts waiting in the queue's sets. */
  readonly waiting: number;
  /** Contacts held for their account owner / substitutes (preferred window), not yet in the queue. */
  readonly waitingForPreferred: number;
  readonly longestWaitMs: number;
  readonly readyAgents: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly expired: number;
  readonly refused: number;
  readonly overflowed: number;
  readonly transferred: number;
  readonly serviceLevel: number | null;
  readonly serviceLevel2: number | null;
  readonly serviceLevelTarget: { readonly percent: number; readonly thresholdSeconds: number };
  readonly asaMs: number | null;
  readonly ahtMs: number | null;
  readonly abandonmentRate: number | null;
}

const pct = (num: number, den: number): number | null => (den === 0 ? null : (100 * num) / den);
const avg = (sum: number, n: number): number | null => (n === 0 ? null : sum / n);

/** Derives the published statistics from the counters and the live queue state. */
export function queueStatsFrom(
  queueId: string,
  c: QueueCounters,
  live: { waiting: number; waitingForPreferred: number; longestWaitMs: number; readyAgents: number; slPercent: number; slThresholdMs: number },
): QueueStats {
  return {
    queueId,
    waiting: live.waiting,
    waitingForPreferred: live.waitingForPreferred,
    longestWaitMs: live.longestWaitMs,
    readyAgents: live.readyAgents,
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    expired: c.expired,
    refused: c.refused,
    overflowed: c.overflowedOut,
    transferred: c.transferredOut,
    serviceLevel: pct(c.answeredWithinSl, c.answered),
    serviceLevel2: pct(c.answeredWithinSl + c.abandonedWithinSl, c.answered + c.abandoned),
    serviceLevelTarget: { percent: live.slPercent, thresholdSeconds: live.slThresholdMs / 1000 },
    asaMs: avg(c.waitAnsweredMs, c.answered),
    ahtMs: avg(c.handleMs, c.handled),
    abandonmentRate: pct(c.abandoned, c.answered + c.abandoned),
  };
}

/** Per-agent statistics: handled counts drive pay in many centers, occupancy drives staffing. */
export interface AgentStats {
  readonly agentId: string;
  readonly handled: number;
  readonly missedInARow: number;
  readonly staffedMs: number;
  readonly occupiedMs: number;
  readonly occupancy: number | null;
}
