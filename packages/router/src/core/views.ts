import type { AgentPresence, ContactState } from '../machines/index.js';
import { fromLevelVector, type SkillLevels } from '@switchboard/skills';
import type { DomainState } from './domain-state.js';
import type { AgentRec, ContactAttributes, ContactRec, QueueRec } from './records.js';
import { queueStatsFrom, type AgentStats, type QueueStats } from './stats.js';

/** What an agent is doing, derived from presence and assignments (for the agent grid). */
export type AgentActivity = 'offline' | 'ready' | 'notReady' | 'reserved' | 'busy' | 'wrapUp';

/** Read-only picture of a contact. */
export interface ContactView {
  readonly id: string;
  /** Arrival sequence in the domain: breaks ties between equal order keys. */
  readonly seq: number;
  readonly state: ContactState;
  readonly queueId: string;
  readonly channel: string;
  readonly step: number;
  readonly orderKey: number;
  readonly boostMs: number;
  readonly createdAt: number;
  /** When it entered its current queue (steps and max wait count from here). */
  readonly queueEnteredAt: number;
  readonly waitStartedAt: number;
  readonly agentId: string | undefined;
  readonly reservation: { readonly id: string; readonly token: number; readonly deadline: number } | undefined;
  /** The reservation the contact was answered through, while it is active (or its agent wraps it up). */
  readonly connectedVia: string | undefined;
  readonly preferredAgentIds: readonly string[];
  readonly preferredUntil: number;
  readonly declinedBy: readonly string[];
  /** Skills the contact itself requires of its agent (none: empty). */
  readonly requiredSkills: readonly string[];
  readonly callback: boolean;
  readonly callbackAt: number | undefined;
  readonly offers: number;
  readonly answeredAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly attributes: ContactAttributes;
}

/** Read-only picture of an agent. */
export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly team: string | undefined;
  readonly center: string | undefined;
  readonly presence: AgentPresence;
  readonly activity: AgentActivity;
  readonly reason: string | undefined;
  readonly presenceSince: number;
  readonly capacity: number;
  readonly used: number;
  readonly skills: SkillLevels;
  readonly memberships: ReadonlyArray<{ readonly queueId: string; readonly step: number; readonly score: number }>;
  readonly assignments: ReadonlyArray<{ readonly contactId: string; readonly queueId: string; readonly phase: 'reserved' | 'active' | 'wrapUp'; readonly since: number }>;
  readonly absences: ReadonlyArray<{ readonly from: number; readonly to: number }>;
  readonly handled: number;
}

export function contactView(c: ContactRec): ContactView {
  const r = c.assignment?.phase === 'reserved' ? c.assignment : undefined;
  return {
    id: c.id, seq: c.seq, state: c.state, queueId: c.queue.id, channel: c.channelName, step: c.step, orderKey: c.orderKey,
    boostMs: c.boostMs, createdAt: c.createdAt, queueEnteredAt: c.queueEnteredAt, waitStartedAt: c.waitStartedAt, agentId: c.agent?.id,
    reservation: r === undefined ? undefined : { id: r.id, token: r.token, deadline: r.deadline },
    connectedVia: c.assignment === undefined || c.assignment.phase === 'reserved' ? undefined : c.assignment.id,
    preferredAgentIds: c.preferred, preferredUntil: c.preferredUntil, declinedBy: (c.declinedBy ?? []).map((a) => a.id),
    requiredSkills: c.required?.ids ?? [], callback: c.callback, callbackAt: c.callbackAt, offers: c.offers, answeredAt: c.answeredAt, endedAt: c.endedAt,
    attributes: c.attributes,
  };
}

function activityOf(a: AgentRec): AgentActivity {
  let reserved = false;
  let active = false;
  let wrap = false;
  for (const asg of a.assignments) {
    if (asg.phase === 'reserved') reserved = true;
    else if (asg.phase === 'active') active = true;
    else wrap = true;
  }
  return active ? 'busy' : reserved ? 'reserved' : wrap ? 'wrapUp' : a.presence;
}

export function agentView(d: DomainState, a: AgentRec): AgentView {
  return {
    id: a.id, name: a.name, team: a.team, center: a.center, presence: a.presence, activity: activityOf(a),
    reason: a.reason, presenceSince: a.presenceSince, capacity: a.capacity, used: a.used,
    skills: fromLevelVector(d.catalogue, a.levels),
    memberships: a.memberships.map((m) => ({ queueId: m.queue.id, step: m.step, score: m.score })),
    assignments: a.assignments.map((x) => ({ contactId: x.contact.id, queueId: x.queue.id, phase: x.phase, since: x.since })),
    absences: a.absences, handled: a.handled,
  };
}

export function queueStats(d: DomainState, q: QueueRec): QueueStats {
  let oldest = Infinity;
  for (const h of q.waiting) for (const c of h.values()) if (c.waitStartedAt < oldest) oldest = c.waitStartedAt;
  let ready = 0;
  for (const [id] of d.membership.members(q.id)) {
    const a = d.agents.get(id);
    if (a !== undefined && a.presence === 'ready' && a.capacity - a.used >= (d.channelCost[q.channel] as number)) ready++;
  }
  return queueStatsFrom(q.id, q.counters, {
    waiting: q.waitingCount, waitingForPreferred: q.waitingPreferred, longestWaitMs: oldest === Infinity ? 0 : d.now - oldest, readyAgents: ready,
    slPercent: q.config.slPercent, slThresholdMs: q.config.slThresholdMs,
  });
}

export function agentStats(d: DomainState, a: AgentRec): AgentStats {
  const dt = d.now - a.accountedAt;
  const staffed = a.staffedMs + (a.presence !== 'offline' ? dt : 0);
  const occupied = a.occupiedMs + (a.used > 0 ? dt : 0);
  return { agentId: a.id, handled: a.handled, missedInARow: a.missedInARow, staffedMs: staffed, occupiedMs: occupied, occupancy: staffed === 0 ? null : occupied / staffed };
}
