import { canTake, isAbsent, repool } from './availability.js';
import { addWaiting, endContact, recordDecision, removeWaiting, step, stepAt } from './contact-state.js';
import type { DomainState } from './domain-state.js';
import { RoutingError } from './errors.js';
import { bestAgentFor, meetsContact, type AgentPick } from './matching.js';
import type { AgentRec, ContactRec, QueueRec } from './records.js';
import { reserve } from './reserve.js';
import type { DecisionRecord, TraceCandidate } from './trace.js';

/** An overflow chain longer than this refuses the contact (guards against A→B→A loops). */
export const MAX_OVERFLOW_HOPS = 8;

const pick: AgentPick = { agent: undefined, step: 0, k1: 0, k2: 0 };
type Trigger = DecisionRecord['trigger'];

/** A contact arriving at its queue (state new): preferred agents first, then the queue. */
export function admit(d: DomainState, c: ContactRec): void {
  c.queue.counters.offered++;
  if (c.preferred.length > 0 && c.preferredUntil > d.now && tryPreferred(d, c)) return;
  enterQueue(d, c, 'contact-arrived');
}

/**
 * Offers the contact to its first available preferred agent (owner, then substitutes, skipping
 * those who declined it). If none is free, it waits for them until its window ends — but never
 * for an agent who is logged out or absent per calendar (an absent agent who is in fact logged
 * in and ready still takes their customer), nor for one without a skill the contact requires
 * (who still takes it if given that skill while it waits for the others).
 * Returns false when there is nobody worth waiting for.
 * The account owner and substitutes may take the contact whatever the queue's skill steps say.
 */
export function tryPreferred(d: DomainState, c: ContactRec): boolean {
  const waitFor: AgentRec[] = [];
  const listen: AgentRec[] = [];
  const cands: TraceCandidate[] | undefined = d.trace ? [] : undefined;
  for (const id of c.preferred) {
    const a = d.agents.get(id);
    if (a === undefined) continue;
    if (c.declinedBy !== undefined && c.declinedBy.includes(a)) {
      cands?.push({ id, kind: 'agent', skipped: 'declined' });
      continue;
    }
    if (!meetsContact(c, a)) {
      // Not waited for, but told: given the skill during the window (a supervisor edit), they take it.
      listen.push(a);
      cands?.push({ id, kind: 'agent', skipped: 'lacks-skill' });
      continue;
    }
    if (canTake(d, a, c.queue.channel)) {
      cands?.push({ id, kind: 'agent', pool: 'preferred' });
      reserve(d, c, a, 'preferred', cands);
      repool(d, a);
      return true;
    }
    listen.push(a);
    if (a.presence === 'offline' || isAbsent(a, d.now)) {
      cands?.push({ id, kind: 'agent', skipped: 'absent' });
      continue;
    }
    cands?.push({ id, kind: 'agent', skipped: 'not-ready' });
    waitFor.push(a);
  }
  if (waitFor.length === 0) return false;
  if (c.state !== 'preferred') step(c, 'preferred.waiting');
  for (const a of listen) if (!a.preferredBy.includes(c)) a.preferredBy.push(c);
  scheduleWake(d, c);
  if (d.wants('contact.preferred')) d.emit({ type: 'contact.preferred', at: d.now, contactId: c.id, agentIds: waitFor.map((a) => a.id), until: c.preferredUntil });
  if (cands !== undefined) traceWait(c, d.now, 'preferred', 'preferred', cands);
  return true;
}

/**
 * The contact needs an agent of its queue now: the best ready agent of the pools it qualifies
 * for gets it; otherwise it waits in its set, unless the queue is full (overflow or refuse).
 */
export function enterQueue(d: DomainState, c: ContactRec, trigger: Trigger): void {
  if (c.state === 'scheduled' || c.state === 'reserved') step(c, 'queue.entered');
  c.step = stepAt(c, d.now);
  if (seekAgent(d, c, trigger)) return;
  const q = c.queue;
  // A contact coming back from a declined offer already had its place: it is not re-admitted.
  if (trigger !== 'returned' && q.config.maxLength > 0 && q.waitingCount >= q.config.maxLength) {
    if (c.state === 'preferred') step(c, 'queue.entered');
    overflowOrEnd(d, c, 'max-length', trigger);
    return;
  }
  wait(d, c, trigger);
}

/** Contact side of the fast path. Returns true when the contact was reserved. */
export function seekAgent(d: DomainState, c: ContactRec, trigger: Trigger): boolean {
  const cands: TraceCandidate[] | undefined = d.trace ? [] : undefined;
  const a = bestAgentFor(c, pick, cands).agent;
  if (a === undefined) return false;
  if (c.queue.config.strategy === 'weighted-random') c.queue.raceClock = pick.k1;
  reserve(d, c, a, trigger, cands);
  repool(d, a);
  return true;
}

function wait(d: DomainState, c: ContactRec, trigger: Trigger): void {
  if (c.state !== 'queued') step(c, 'queue.entered');
  addWaiting(d, c);
  scheduleWake(d, c);
  if (d.wants('contact.queued')) {
    d.emit({ type: 'contact.queued', at: d.now, contactId: c.id, queueId: c.queue.id, step: c.step, orderKey: c.orderKey });
  }
  if (d.trace) traceWait(c, d.now, trigger, 'queued', []);
}

function traceWait(c: ContactRec, at: number, trigger: Trigger, outcome: 'queued' | 'preferred', cands: TraceCandidate[]): void {
  recordDecision(c, {
    at, trigger, contactId: c.id, queueId: c.queue.id, step: c.step, outcome,
    strategy: c.queue.config.strategy, candidates: cands,
  });
}

/**
 * Max wait reached or queue full: move to the overflow queue (keeping the order key, so the
 * customer keeps credit for the time already waited), or end the contact (expired / refused).
 */
export function overflowOrEnd(d: DomainState, c: ContactRec, reason: 'max-wait' | 'max-length', trigger: Trigger): void {
  const q = c.queue;
  removeWaiting(d, c);
  const to = q.config.overflowQueueId === undefined ? undefined : d.queues.get(q.config.overflowQueueId);
  if (to === undefined || c.overflowHops >= MAX_OVERFLOW_HOPS) {
    if (reason === 'max-wait') expire(d, c);
    else refuse(d, c, to === undefined ? 'queue-full' : 'overflow-limit');
    return;
  }
  if (c.state === 'queued') step(c, 'queue.overflowed');
  q.counters.overflowedOut++;
  moveToQueue(c, to, d.now);
  c.overflowHops++;
  to.counters.offered++;
  if (d.wants('contact.overflowed')) d.emit({ type: 'contact.overflowed', at: d.now, contactId: c.id, fromQueueId: q.id, toQueueId: to.id, reason });
  enterQueue(d, c, trigger);
}

/**
 * A supervisor moves a queued contact to another queue of its channel. Like an overflow, it
 * keeps its order key (the customer keeps credit for the time already waited); its steps and
 * max wait count from now. Not counted as an overflow hop: hops guard automatic loops only.
 */
export function moveWaiting(d: DomainState, c: ContactRec, to: QueueRec): void {
  if (c.state !== 'queued') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only queued contacts can be moved`);
  if (to === c.queue || to.config.channel !== c.channelName) {
    throw new RoutingError('INPUT_INVALID', `contact '${c.id}' (${c.channelName}, in '${c.queue.id}') cannot move to '${to.id}' (${to.config.channel})`);
  }
  const from = c.queue;
  removeWaiting(d, c);
  step(c, 'queue.overflowed');
  from.counters.transferredOut++;
  moveToQueue(c, to, d.now);
  to.counters.offered++;
  if (d.wants('contact.moved')) d.emit({ type: 'contact.moved', at: d.now, contactId: c.id, fromQueueId: from.id, toQueueId: to.id });
  enterQueue(d, c, 'contact-arrived');
}

/** Re-homes a contact in another queue: its steps and max wait count from now. */
export function moveToQueue(c: ContactRec, to: QueueRec, now: number): void {
  c.queue.held--;
  to.held++;
  c.queue = to;
  c.queueEnteredAt = now;
  c.step = 0;
  c.declinedBy = undefined;
  c.version++;
}

function expire(d: DomainState, c: ContactRec): void {
  step(c, 'contact.expired');
  c.queue.counters.expired++;
  if (d.wants('contact.expired')) d.emit({ type: 'contact.expired', at: d.now, contactId: c.id, queueId: c.queue.id, waitedMs: d.now - c.waitStartedAt });
  endContact(d, c);
}

function refuse(d: DomainState, c: ContactRec, reason: 'queue-full' | 'overflow-limit'): void {
  step(c, 'contact.refused');
  c.queue.counters.refused++;
  if (d.wants('contact.refused')) d.emit({ type: 'contact.refused', at: d.now, contactId: c.id, queueId: c.queue.id, reason });
  endContact(d, c);
}

/** Schedules the contact's next timed change: window end, next step, max wait or callback time. */
export function scheduleWake(d: DomainState, c: ContactRec): void {
  c.version++;
  const due = nextWake(c);
  if (due !== Infinity) d.timers.schedule(due, 'contact', c, c.version, c.orderKey);
}

function nextWake(c: ContactRec): number {
  if (c.state === 'preferred') return c.preferredUntil;
  if (c.state === 'scheduled') return c.callbackAt ?? Infinity;
  if (c.state !== 'queued') return Infinity;
  const cfg = c.queue.config;
  const next = cfg.steps[c.step + 1];
  const stepDue = next === undefined ? Infinity : c.queueEnteredAt + next.afterMs;
  const maxDue = cfg.maxWaitMs > 0 && !c.callback ? c.queueEnteredAt + cfg.maxWaitMs : Infinity;
  return stepDue < maxDue ? stepDue : maxDue;
}

/** The agent logged out: contacts waiting for it look again at their other preferred agents, or queue. */
export function replacePreferred(d: DomainState, a: AgentRec): void {
  const waiting = a.preferredBy.filter((c) => c.state === 'preferred');
  a.preferredBy.length = 0;
  for (const c of waiting) {
    if (c.state === 'preferred' && !tryPreferred(d, c)) enterQueue(d, c, 'step-escalated');
  }
}
