import type { Activity, AgentView, QueueStats } from './types.js';

/**
 * The wallboard as data: queue tiles with their colour, the centre's figures and the agent
 * grid, from the service's statistics and agent views plus the live events. Pure: the clock is
 * a parameter (server time, see `ServerClock`).
 */

/** A tile's colour: on target (green), at risk (amber), missed (red), or nothing to judge yet. */
export type TileStatus = 'ok' | 'warn' | 'bad' | 'idle';

export const STATUS_LABEL: Readonly<Record<TileStatus, string>> = {
  ok: 'On target', warn: 'At risk', bad: 'Below target', idle: 'No calls yet',
};

/** Points below the service-level target that are still amber rather than red. */
export const SL_AMBER_MARGIN = 10;
/** Abandonment above these percentages is amber, then red. */
export const ABANDON_WARN_PERCENT = 5;
export const ABANDON_BAD_PERCENT = 10;

const RANK: Readonly<Record<TileStatus, number>> = { idle: 0, ok: 1, warn: 2, bad: 3 };
const worst = (a: TileStatus, b: TileStatus): TileStatus => (RANK[a] >= RANK[b] ? a : b);

/**
 * The colour of a queue: its service level against the target (green at or above it, amber
 * within {@link SL_AMBER_MARGIN} points below, red further down), made worse by the contact
 * waiting now: one that has waited half the threshold is amber, one past it red (it will count
 * as a miss). Nothing answered and nobody waiting is `idle`.
 */
export function tileStatus(s: Pick<QueueStats, 'serviceLevel' | 'serviceLevelTarget' | 'waiting'>, longestWaitMs: number): TileStatus {
  const thresholdMs = s.serviceLevelTarget.thresholdSeconds * 1000;
  const byWait: TileStatus = s.waiting === 0 ? 'idle' : longestWaitMs >= thresholdMs ? 'bad' : longestWaitMs >= thresholdMs / 2 ? 'warn' : 'ok';
  if (s.serviceLevel === null) return byWait;
  const target = s.serviceLevelTarget.percent;
  const bySl: TileStatus = s.serviceLevel >= target ? 'ok' : s.serviceLevel >= target - SL_AMBER_MARGIN ? 'warn' : 'bad';
  return worst(bySl, byWait);
}

/** The colour of an abandonment rate. */
export function abandonStatus(rate: number | null): TileStatus {
  if (rate === null) return 'idle';
  return rate > ABANDON_BAD_PERCENT ? 'bad' : rate > ABANDON_WARN_PERCENT ? 'warn' : 'ok';
}

/** What the wallboard knows: the last statistics and agents, and the server time they were read at. */
export interface WallboardData {
  readonly queues: readonly QueueStats[];
  readonly agents: readonly AgentView[];
  readonly fetchedAt: number;
}

/** One queue tile, ready to render. */
export interface QueueTile {
  readonly queueId: string;
  readonly name: string;
  readonly waiting: number;
  readonly longestWaitMs: number;
  readonly readyAgents: number;
  readonly serviceLevel: number | null;
  readonly targetPercent: number;
  readonly thresholdSeconds: number;
  readonly status: TileStatus;
  readonly asaMs: number | null;
  readonly abandonmentRate: number | null;
  readonly abandonStatus: TileStatus;
  readonly offered: number;
  readonly answered: number;
}

/** The longest wait now: the one read at `fetchedAt` has grown since while contacts still wait. */
export function longestWaitNow(s: Pick<QueueStats, 'waiting' | 'longestWaitMs'>, fetchedAt: number, now: number): number {
  return s.waiting === 0 ? 0 : s.longestWaitMs + Math.max(0, now - fetchedAt);
}

/** The tiles of the queues shown (in the order of `queueIds`), each with its colour at `now`. */
export function queueTiles(data: WallboardData, queueIds: readonly string[], names: ReadonlyMap<string, string>, now: number): QueueTile[] {
  const byId = new Map(data.queues.map((q) => [q.queueId, q]));
  return queueIds.flatMap((id) => {
    const s = byId.get(id);
    if (s === undefined) return [];
    const longest = longestWaitNow(s, data.fetchedAt, now);
    return [{
      queueId: id, name: names.get(id) ?? id, waiting: s.waiting, longestWaitMs: longest, readyAgents: s.readyAgents,
      serviceLevel: s.serviceLevel, targetPercent: s.serviceLevelTarget.percent, thresholdSeconds: s.serviceLevelTarget.thresholdSeconds,
      status: tileStatus(s, longest), asaMs: s.asaMs, abandonmentRate: s.abandonmentRate, abandonStatus: abandonStatus(s.abandonmentRate),
      offered: s.offered, answered: s.answered,
    }];
  });
}

/** The centre's figures over the queues and agents shown. */
export interface CentreKpis {
  /** Occupied over staffed time of the agents, 0–100; `null` before anyone was staffed. */
  readonly occupancy: number | null;
  /** Average handle time, weighted by each queue's answered contacts. */
  readonly ahtMs: number | null;
  readonly waiting: number;
  readonly loggedIn: number;
  readonly ready: number;
}

export function centreKpis(queues: readonly QueueStats[], agents: readonly AgentView[]): CentreKpis {
  let staffed = 0;
  let occupied = 0;
  for (const a of agents) {
    staffed += a.stats?.staffedMs ?? 0;
    occupied += a.stats?.occupiedMs ?? 0;
  }
  let handleSum = 0;
  let handled = 0;
  for (const q of queues) {
    if (q.ahtMs === null || q.answered === 0) continue;
    handleSum += q.ahtMs * q.answered;
    handled += q.answered;
  }
  return {
    occupancy: staffed === 0 ? null : (100 * occupied) / staffed,
    ahtMs: handled === 0 ? null : handleSum / handled,
    waiting: queues.reduce((n, q) => n + q.waiting, 0),
    loggedIn: agents.filter((a) => a.presence !== 'offline').length,
    ready: agents.filter((a) => a.activity === 'ready').length,
  };
}

/** Grid order: who is on a contact first, then who is free, then who is away. */
export const ACTIVITY_ORDER: readonly Activity[] = ['reserved', 'busy', 'wrapUp', 'ready', 'notReady', 'offline'];

export const ACTIVITY_LABEL: Readonly<Record<string, string>> = {
  reserved: 'Ringing', busy: 'On contact', wrapUp: 'Wrap-up', ready: 'Ready', notReady: 'Not ready', offline: 'Logged out',
};

/** Since when the agent has been doing what it does: its newest assignment when that is what it does, else its presence change. */
export function stateSince(a: AgentView): number {
  const fromAssignments = a.activity === 'reserved' || a.activity === 'busy' || a.activity === 'wrapUp';
  if (!fromAssignments) return a.presenceSince;
  return a.assignments.reduce((t, x) => Math.max(t, x.since), a.presenceSince);
}

export interface AgentRow {
  readonly id: string;
  readonly name: string;
  readonly team: string | undefined;
  readonly activity: string;
  readonly label: string;
  readonly reason: string | undefined;
  readonly timeInStateMs: number;
  readonly handled: number;
  readonly occupancy: number | null;
}

/** The agent grid at `now`: grouped by state in {@link ACTIVITY_ORDER}, longest in state first. */
export function agentRows(agents: readonly AgentView[], now: number): AgentRow[] {
  const rank = (s: string) => { const i = ACTIVITY_ORDER.indexOf(s as Activity); return i < 0 ? ACTIVITY_ORDER.length : i; };
  return agents
    .map((a): AgentRow => ({
      id: a.id, name: a.name, team: a.team, activity: a.activity, label: ACTIVITY_LABEL[a.activity] ?? a.activity, reason: a.reason,
      timeInStateMs: Math.max(0, now - stateSince(a)), handled: a.stats?.handled ?? a.handled, occupancy: a.stats?.occupancy ?? null,
    }))
    .sort((x, y) => rank(x.activity) - rank(y.activity) || y.timeInStateMs - x.timeInStateMs || x.id.localeCompare(y.id));
}

/** How many agents are in each state, in {@link ACTIVITY_ORDER}. */
export function stateCounts(agents: readonly AgentView[]): Array<{ activity: Activity; label: string; count: number }> {
  return ACTIVITY_ORDER.map((activity) => ({ activity, label: ACTIVITY_LABEL[activity] ?? activity, count: agents.filter((a) => a.activity === activity).length }));
}

/** An event of the stream, as far as the wallboard reads it. */
export interface StreamEvent {
  readonly type: string;
  readonly at: number;
  readonly agentId?: unknown;
  readonly reason?: unknown;
}

const PRESENCE_OF: Readonly<Record<string, string>> = {
  'agent.ready': 'ready', 'agent.notReady': 'notReady', 'agent.loggedIn': 'notReady', 'agent.loggedOut': 'offline', 'agent.paused': 'notReady',
};

/**
 * Applies a presence event to the agents at once, so the grid moves before the debounced
 * refresh reads the truth: presence, and activity unless the agent holds a contact. Other
 * events leave the agents as they are.
 */
export function applyAgentEvent(agents: readonly AgentView[], e: StreamEvent): readonly AgentView[] {
  const presence = PRESENCE_OF[e.type];
  if (presence === undefined || typeof e.agentId !== 'string') return agents;
  return agents.map((a) => {
    if (a.id !== e.agentId) return a;
    const { reason: _old, ...rest } = a;
    const reason = e.type === 'agent.notReady' && typeof e.reason === 'string' ? e.reason : e.type === 'agent.paused' ? 'missed-offers' : undefined;
    const activity = a.assignments.length > 0 && presence !== 'offline' ? a.activity : presence;
    return { ...rest, presence, activity, presenceSince: e.at, ...(reason === undefined ? {} : { reason }) };
  });
}
