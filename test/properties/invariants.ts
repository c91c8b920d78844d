import { SkillCatalogue, compileRequirement, toLevelVector, type CompiledRequirement } from '@switchboard/skills';
import type { AgentView, ContactView, DomainConfig, RoutingEvent } from '@switchboard/router';
import { CHANNEL_COST, MAX_BOOST_SECONDS } from './domain-arbitrary.js';

/**
 * The routing guarantees, checked from the engine's public views against an independent
 * recomputation (membership from the requirement expressions, capacity from channel costs).
 * Each check throws an Error naming the violation.
 */

interface QueueModel {
  readonly channel: string;
  readonly steps: readonly CompiledRequirement[];
}

export interface DomainModel {
  readonly catalogue: SkillCatalogue;
  readonly queues: ReadonlyMap<string, QueueModel>;
  readonly chatMax: ReadonlyMap<string, number>;
}

export function modelOf(dom: DomainConfig): DomainModel {
  const catalogue = SkillCatalogue.create(dom.skills);
  const queues = new Map<string, QueueModel>();
  for (const q of dom.queues ?? []) {
    queues.set(q.id, { channel: q.channel ?? 'voice', steps: q.steps.map((s) => compileRequirement(catalogue, s.requirement)) });
  }
  const chatMax = new Map<string, number>();
  for (const a of dom.agents ?? []) {
    if (a.maxPerChannel?.chat !== undefined) chatMax.set(a.id, a.maxPerChannel.chat);
  }
  return { catalogue, queues, chatMax };
}

const fail = (msg: string): never => {
  throw new Error(`invariant violated: ${msg}`);
};

/** Cumulative steps: the first step whose requirement the agent meets, or -1. */
function memberStep(m: DomainModel, a: AgentView, queueId: string): number {
  const q = m.queues.get(queueId);
  if (q === undefined) return -1;
  const levels = toLevelVector(m.catalogue, a.skills);
  return q.steps.findIndex((s) => s.matches(levels));
}

function perChannel(m: DomainModel, a: AgentView): Map<string, number> {
  const n = new Map<string, number>();
  for (const x of a.assignments) {
    const ch = m.queues.get(x.queueId)?.channel ?? '?';
    n.set(ch, (n.get(ch) ?? 0) + 1);
  }
  return n;
}

function fits(m: DomainModel, a: AgentView, channel: string): boolean {
  const max = channel === 'chat' ? (m.chatMax.get(a.id) ?? Infinity) : Infinity;
  return a.presence === 'ready' && a.capacity - a.used >= (CHANNEL_COST[channel] ?? 0) && (perChannel(m, a).get(channel) ?? 0) < max;
}

/** Whether the agent has every skill the contact itself requires. */
const hasRequired = (a: AgentView, c: ContactView): boolean => c.requiredSkills.every((s) => (a.skills[s] ?? 0) > 0);

/** No double assignment, holders agree with contacts, capacity never exceeded, memberships right. */
export function checkHolding(m: DomainModel, agents: AgentView[], contacts: ContactView[]): void {
  const holder = new Map<string, string>();
  const byId = new Map(contacts.map((c) => [c.id, c]));
  for (const a of agents) {
    let used = 0;
    for (const x of a.assignments) {
      if (x.phase !== 'wrapUp') {
        if (holder.has(x.contactId)) fail(`contact ${x.contactId} held by ${holder.get(x.contactId)} and ${a.id}`);
        holder.set(x.contactId, a.id);
      }
      used += CHANNEL_COST[m.queues.get(x.queueId)?.channel ?? ''] ?? 0;
      const c = byId.get(x.contactId);
      if (x.phase !== 'wrapUp' && (c === undefined || c.agentId !== a.id || (x.phase === 'reserved') !== (c.state === 'reserved'))) {
        fail(`agent ${a.id} holds ${x.contactId} as ${x.phase} but the contact is ${c?.state} with ${c?.agentId}`);
      }
    }
    if (used !== a.used) fail(`agent ${a.id} used ${a.used} but its assignments cost ${used}`);
    if (used > a.capacity) fail(`agent ${a.id} over capacity: ${used} > ${a.capacity}`);
    const chats = perChannel(m, a).get('chat') ?? 0;
    if (chats > (m.chatMax.get(a.id) ?? Infinity)) fail(`agent ${a.id} holds ${chats} chats over its limit`);
    for (const q of m.queues.keys()) {
      const want = memberStep(m, a, q);
      const got = a.memberships.find((x) => x.queueId === q)?.step ?? -1;
      if (want !== got) fail(`agent ${a.id} membership of ${q}: engine step ${got}, expected ${want}`);
    }
  }
  for (const c of contacts) {
    if ((c.state === 'reserved' || c.state === 'active') && holder.get(c.id) !== c.agentId) {
      fail(`contact ${c.id} is ${c.state} with ${c.agentId} but held by ${holder.get(c.id)}`);
    }
  }
}

/** Work-conserving: no ready agent with free capacity is eligible (member, step, skills the contact requires) for a waiting contact. */
export function checkWorkConserving(m: DomainModel, agents: AgentView[], contacts: ContactView[]): void {
  for (const c of contacts) {
    if (c.state !== 'queued' && c.state !== 'preferred') continue;
    const channel = m.queues.get(c.queueId)?.channel ?? '?';
    for (const a of agents) {
      if (c.declinedBy.includes(a.id) || !fits(m, a, channel) || !hasRequired(a, c)) continue;
      if (c.state === 'queued') {
        const s = memberStep(m, a, c.queueId);
        if (s >= 0 && s <= c.step) fail(`agent ${a.id} (step ${s}) is ready for waiting ${c.id} (${c.queueId} step ${c.step})`);
      } else if (c.preferredAgentIds.includes(a.id)) {
        fail(`preferred agent ${a.id} is ready for ${c.id} waiting for it`);
      }
    }
  }
}

const before = (x: { orderKey: number; seq: number }, y: { orderKey: number; seq: number }) =>
  x.orderKey < y.orderKey || (x.orderKey === y.orderKey && x.seq < y.seq);

/** An offer made during one operation, as the reservation.created event reported it. */
export interface Offer {
  readonly contactId: string;
  readonly agentId: string;
  readonly queueId: string;
}

/**
 * Every offer goes to an agent with the skills the contact itself requires. Order kept, and no
 * overtaking beyond the head-start bound. When contact C went to agent A
 * during an operation (not as A's named customer), no contact W that waited through the whole
 * operation (never offered, same queue) and that A could already serve at W's step before the
 * operation may come before C by order key — whether W waited in C's queue or in another queue
 * of the same channel (cross-queue arbitration: a freed agent takes the smallest order key of
 * every set it qualifies for). A contact that overflowed away and back meanwhile re-entered its
 * queue and does not count. Within one queue, C may also not have arrived more than the
 * head-start bound after W.
 */
export function checkOrder(m: DomainModel, pre: ContactView[], post: ContactView[], agents: AgentView[], offers: readonly Offer[], moved: ReadonlySet<string>): void {
  const postById = new Map(post.map((c) => [c.id, c]));
  const agentById = new Map(agents.map((a) => [a.id, a]));
  const channelOf = (queueId: string) => m.queues.get(queueId)?.channel;
  for (const o of offers) {
    const c = postById.get(o.contactId);
    const a = agentById.get(o.agentId);
    if (c === undefined || a === undefined) continue;
    if (!hasRequired(a, c)) fail(`${c.id} went to ${a.id}, who lacks a skill it requires (${c.requiredSkills.join(', ')})`);
    if (c.preferredAgentIds.includes(a.id)) continue;
    for (const w of pre) {
      if (w.id === c.id || w.state !== 'queued') continue;
      const sameQueue = w.queueId === o.queueId;
      if (!sameQueue && channelOf(w.queueId) !== channelOf(o.queueId)) continue;
      const aStep = memberStep(m, a, w.queueId);
      if (aStep < 0) continue;
      const now = postById.get(w.id);
      if (now === undefined || now.state !== 'queued' || moved.has(w.id) || now.queueEnteredAt !== w.queueEnteredAt || now.offers !== w.offers) continue;
      // Steps only grow with time, and a live queue edit re-files steps: the smaller of the two is
      // a step W had certainly reached when C was offered.
      if (aStep > Math.min(w.step, now.step)) continue;
      if (now.declinedBy.includes(a.id) || !hasRequired(a, now)) continue;
      if (before(w, c)) fail(`${c.id} (key ${c.orderKey}, ${o.queueId}) went to ${a.id} while ${w.id} (key ${w.orderKey}, step ${w.step}) waited in ${w.queueId}`);
      if (sameQueue && c.waitStartedAt - w.waitStartedAt > MAX_BOOST_SECONDS * 1000) {
        fail(`${c.id} overtook ${w.id} by ${(c.waitStartedAt - w.waitStartedAt) / 1000}s, more than the ${MAX_BOOST_SECONDS}s bound`);
      }
    }
  }
}

/** The model after a live edit of one queue's steps (what the supervisor changed). */
export function withQueueEdit(m: DomainModel, dom: DomainConfig, edit: { queue: number; steps: ReadonlyArray<{ requirement: string }> }): DomainModel {
  const queues = dom.queues ?? [];
  const q = queues[edit.queue % queues.length];
  if (q === undefined) return m;
  const next = new Map(m.queues);
  next.set(q.id, { channel: q.channel ?? 'voice', steps: edit.steps.map((s) => compileRequirement(m.catalogue, s.requirement)) });
  return { ...m, queues: next };
}

/** The head start never exceeds the queue's bound (the cap is what bounds overtaking). */
export function checkBoostCap(contacts: ContactView[]): void {
  for (const c of contacts) {
    if (c.boostMs > MAX_BOOST_SECONDS * 1000) fail(`${c.id} has a head start of ${c.boostMs} ms, over the ${MAX_BOOST_SECONDS} s cap`);
  }
}

/** A contact is never offered again to an agent that already declined it, unless it moved queue meanwhile. */
export function checkNoReofferToDecliner(pre: ContactView[], post: ContactView[], offers: readonly Offer[], moved: ReadonlySet<string>): void {
  const preById = new Map(pre.map((c) => [c.id, c]));
  const postById = new Map(post.map((c) => [c.id, c]));
  for (const o of offers) {
    const before = preById.get(o.contactId);
    const after = postById.get(o.contactId);
    // A transfer or overflow starts afresh in the new queue (a transfer excludes only its own agent).
    if (before === undefined || after === undefined || moved.has(o.contactId)) continue;
    if (before.declinedBy.includes(o.agentId)) fail(`${o.contactId} was offered again to ${o.agentId}, who had declined it`);
  }
}

/** The live counters agree with a recount of the contacts: waiting in sets, and held for preferred agents. */
export function checkCounters(stats: ReadonlyArray<{ queueId: string; waiting: number; waitingForPreferred: number }>, contacts: ContactView[]): void {
  for (const q of stats) {
    const queued = contacts.filter((c) => c.queueId === q.queueId && c.state === 'queued').length;
    const preferred = contacts.filter((c) => c.queueId === q.queueId && c.state === 'preferred').length;
    if (q.waiting !== queued) fail(`${q.queueId} reports ${q.waiting} waiting, ${queued} contacts are queued`);
    if (q.waitingForPreferred !== preferred) fail(`${q.queueId} reports ${q.waitingForPreferred} held for preferred agents, ${preferred} are`);
  }
}

/** Within one operation, no offer goes to an agent after it was paused, set not ready or logged out. */
export function checkOffersToAvailable(events: readonly RoutingEvent[]): void {
  const away = new Set<string>();
  for (const ev of events) {
    if (ev.type === 'agent.paused' || ev.type === 'agent.notReady' || ev.type === 'agent.loggedOut') away.add(ev.agentId);
    else if (ev.type === 'agent.ready') away.delete(ev.agentId);
    else if (ev.type === 'reservation.created' && away.has(ev.agentId)) fail(`${ev.contactId} was offered to ${ev.agentId} after it became unavailable`);
  }
}
