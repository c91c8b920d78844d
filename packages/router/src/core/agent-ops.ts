import { toLevelVector, type LevelVector } from '@switchboard/skills';
import { nextAgentState, type AgentEventType } from '../machines/index.js';
import { offerWork } from './agent-flow.js';
import { accountTime, repool } from './availability.js';
import { replacePreferred } from './placement.js';
import { normalizeAgent, type NormalizedAgent } from './config.js';
import type { DomainState } from './domain-state.js';
import { RoutingError } from './errors.js';
import type { AgentId } from './ids.js';
import { applyMembershipChanges, rescore } from './memberships.js';
import type { AgentRec } from './records.js';
import { withSkills } from './skill-errors.js';

const UNLIMITED = 0x7fffffff;

/** Looks an agent up or throws AGENT_UNKNOWN. */
export function agentOf(d: DomainState, id: unknown): AgentRec {
  const a = typeof id === 'string' ? d.agents.get(id) : undefined;
  if (a === undefined) throw new RoutingError('AGENT_UNKNOWN', `no agent '${String(id)}'`);
  return a;
}

function limits(d: DomainState, n: NormalizedAgent): Int32Array {
  const out = new Int32Array(d.channelNames.length).fill(UNLIMITED);
  for (const [ch, max] of Object.entries(n.maxPerChannel)) out[d.channelIndex.get(ch) as number] = max;
  return out;
}

/** Adds an agent (offline) or updates one; skills changes re-file it in its pools. All-or-nothing. */
export function upsertAgent(d: DomainState, input: unknown): AgentRec {
  const n = normalizeAgent(input, Object.fromEntries(d.channelIndex));
  const levels = withSkills(`agent '${n.id}' skills`, () => toLevelVector(d.catalogue, n.skills));
  const existing = d.agents.get(n.id);
  if (existing !== undefined && n.capacity < existing.used) {
    throw new RoutingError('CAPACITY_INVALID', `agent '${n.id}' holds ${existing.used} units; capacity ${n.capacity} is too small`);
  }
  const a = existing ?? createAgent(d, n, levels);
  if (existing !== undefined) {
    accountTime(d, a);
    Object.assign(a, { name: n.name, team: n.team, center: n.center, capacity: n.capacity, weight: n.weight, absences: n.absences });
    a.maxPerChannel = limits(d, n);
  }
  // Before the offers setLevels may make: a listener filtering by team knows the new one first.
  if (d.wants('agent.updated')) d.emit({ type: 'agent.updated', at: d.now, agentId: a.id, ...(a.team === undefined ? {} : { team: a.team }) });
  setLevels(d, a, levels);
  return a;
}

function createAgent(d: DomainState, n: NormalizedAgent, levels: LevelVector): AgentRec {
  const a: AgentRec = {
    id: n.id as AgentId, seq: d.agentSeq++, name: n.name, team: n.team, center: n.center, levels,
    presence: 'offline', reason: undefined, presenceSince: d.now, capacity: n.capacity, used: 0,
    perChannel: new Int32Array(d.channelNames.length), maxPerChannel: limits(d, n),
    availableSince: d.now, handled: 0, missedInARow: 0, weight: n.weight, memberships: [],
    assignments: [], absences: n.absences, preferredBy: [], staffedMs: 0, occupiedMs: 0, accountedAt: d.now,
  };
  d.agents.set(a.id, a);
  d.table.add(a);
  return a;
}

/** Replaces the agent's skill levels: pool membership is recomputed for this agent only. */
export function setLevels(d: DomainState, a: AgentRec, levels: LevelVector): void {
  a.levels = levels;
  applyMembershipChanges(d, d.membership.setAgent(a.id, levels));
  rescore(a);
  if (a.presence === 'ready') offerWork(d, a);
  else repool(d, a);
}

/** Removes an offline agent that holds nothing. */
export function removeAgent(d: DomainState, a: AgentRec): void {
  if (a.presence !== 'offline') throw new RoutingError('AGENT_STATE_INVALID', `agent '${a.id}' must be logged out first`);
  if (a.assignments.length > 0) throw new RoutingError('AGENT_BUSY', `agent '${a.id}' holds ${a.assignments.length} contact(s)`);
  applyMembershipChanges(d, d.membership.removeAgent(a.id));
  d.table.remove(a);
  d.agents.delete(a.id);
  if (d.wants('agent.removed')) d.emit({ type: 'agent.removed', at: d.now, agentId: a.id });
}

/**
 * Changes presence through the agent machine's table. Becoming ready runs the agent side of
 * the fast path; any other change just makes its pool entries stale.
 */
export function setPresence(d: DomainState, a: AgentRec, event: AgentEventType, reason?: string): void {
  const next = nextAgentState(a.presence, event);
  if (next === undefined) throw new RoutingError('AGENT_STATE_INVALID', `agent '${a.id}' is ${a.presence}; '${event}' is not allowed`);
  if (event === 'agent.loggedOut' && a.assignments.length > 0) {
    throw new RoutingError('AGENT_BUSY', `agent '${a.id}' holds ${a.assignments.length} contact(s)`);
  }
  accountTime(d, a);
  a.presence = next;
  a.reason = next === 'notReady' ? (reason ?? 'not-ready') : undefined;
  a.presenceSince = d.now;
  if (next === 'ready') {
    a.availableSince = d.now;
    a.missedInARow = 0;
  }
  emitPresence(d, a, event);
  if (next === 'ready') offerWork(d, a);
  else repool(d, a);
  if (next === 'offline') replacePreferred(d, a);
}

const PRESENCE_EVENT = {
  'agent.loggedIn': 'agent.loggedIn', 'agent.loggedOut': 'agent.loggedOut', 'agent.readied': 'agent.ready',
  'agent.paused': 'agent.paused', 'agent.notReadied': 'agent.notReady',
} as const;

function emitPresence(d: DomainState, a: AgentRec, event: AgentEventType): void {
  const type = PRESENCE_EVENT[event];
  if (!d.wants(type)) return;
  const base = { at: d.now, agentId: a.id };
  if (type === 'agent.paused') d.emit({ type, ...base, missedOffers: a.missedInARow });
  else if (type === 'agent.notReady') d.emit({ type, ...base, reason: a.reason ?? 'not-ready' });
  else d.emit({ type, ...base });
}
