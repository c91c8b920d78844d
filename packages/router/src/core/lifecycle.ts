import { offerWork } from './agent-flow.js';
import { setPresence } from './agent-ops.js';
import { allows, endContact, removeWaiting, step } from './contact-state.js';
import type { DomainState } from './domain-state.js';
import { RoutingError } from './errors.js';
import { enterQueue, moveToQueue, scheduleWake, tryPreferred } from './placement.js';
import type { AgentRec, Assignment, ContactRec, QueueRec, ReservationRec } from './records.js';
import { releaseCapacity } from './reserve.js';

/** Finds a current reservation and checks its fencing token; stale tokens are refused. */
export function currentReservation(d: DomainState, reservationId: string, token: number): ReservationRec {
  // Tokens come from outside: anything but a number is simply no current reservation.
  const r = typeof token === 'number' ? d.reservations.get(token) : undefined;
  if (r !== undefined && r.id === reservationId) return r;
  // Not the current holder of this token: tell a stale token from an unknown reservation.
  const own = typeof reservationId === 'string' && /^R\d+$/.test(reservationId) ? d.reservations.get(Number(reservationId.slice(1))) : undefined;
  if (own !== undefined) throw new RoutingError('RESERVATION_STALE', `token ${String(token)} does not match reservation '${reservationId}'`);
  throw new RoutingError('RESERVATION_UNKNOWN', `no current reservation '${reservationId}'`);
}

/** The agent answered: the contact becomes active and the wait is counted for ASA and service level. */
export function accept(d: DomainState, r: ReservationRec): void {
  const c = r.contact;
  const a = r.agent;
  d.reservations.delete(r.token);
  step(c, 'offer.accepted');
  c.answeredAt = d.now;
  r.phase = 'active';
  r.since = d.now;
  r.answeredAt = d.now;
  a.missedInARow = 0;
  const q = c.queue;
  const waited = d.now - c.waitStartedAt;
  q.counters.answered++;
  q.counters.waitAnsweredMs += waited;
  if (waited <= q.config.slThresholdMs) q.counters.answeredWithinSl++;
  if (d.wants('reservation.accepted')) d.emit({ type: 'reservation.accepted', at: d.now, reservationId: r.id, contactId: c.id, agentId: a.id });
}

/**
 * Reject or ring timeout: the contact goes back to its place (same order key) and will not be
 * offered to this agent again; the agent's capacity is freed and, after too many missed offers
 * in a row, the agent is paused.
 */
export function returnContact(d: DomainState, r: ReservationRec, why: 'rejected' | 'timeout'): void {
  const c = r.contact;
  const a = r.agent;
  d.reservations.delete(r.token);
  releaseCapacity(d, a, r);
  c.agent = undefined;
  (c.declinedBy ??= []).push(a);
  const type = why === 'rejected' ? 'reservation.rejected' : 'reservation.timedOut';
  if (d.wants(type)) d.emit({ type, at: d.now, reservationId: r.id, contactId: c.id, agentId: a.id });
  if (why === 'timeout') notePause(d, a, c.queue);
  if (c.preferredUntil > d.now) {
    step(c, 'preferred.waiting');
    if (!tryPreferred(d, c)) enterQueue(d, c, 'returned');
  } else {
    enterQueue(d, c, 'returned');
  }
  offerWork(d, a);
}

function notePause(d: DomainState, a: AgentRec, q: QueueRec): void {
  a.missedInARow++;
  const limit = q.config.autoPauseAfterMissed;
  if (limit === 0 || a.missedInARow < limit || a.presence !== 'ready') return;
  setPresence(d, a, 'agent.paused', 'missed-offers'); // machine-checked; its pool entries go stale
}

/** The conversation ended: the contact is completed; the agent wraps up (or is freed at once). */
export function complete(d: DomainState, c: ContactRec): void {
  const a = c.agent as AgentRec;
  step(c, 'contact.completed');
  if (d.wants('contact.completed')) d.emit({ type: 'contact.completed', at: d.now, contactId: c.id, queueId: c.queue.id, agentId: a.id });
  const asg = c.assignment as Assignment;
  c.assignment = undefined;
  endContact(d, c);
  startWrapUp(d, a, asg);
}

function startWrapUp(d: DomainState, a: AgentRec, asg: Assignment): void {
  const wrapMs = asg.queue.config.wrapUpMs;
  if (wrapMs === 0) {
    endWrapUp(d, a, asg);
    offerWork(d, a);
    return;
  }
  asg.phase = 'wrapUp';
  asg.since = d.now;
  asg.wrapUpUntil = d.now + wrapMs;
  asg.version++;
  d.timers.schedule(asg.wrapUpUntil, 'wrapUp', asg, asg.version);
  if (d.wants('agent.wrapUpStarted')) d.emit({ type: 'agent.wrapUpStarted', at: d.now, agentId: a.id, contactId: asg.contact.id, until: asg.wrapUpUntil });
}

/** Wrap-up over: handle time is counted and the capacity is given back. */
export function endWrapUp(d: DomainState, a: AgentRec, asg: Assignment): void {
  const q = asg.queue;
  const c = asg.contact;
  q.counters.handled++;
  q.counters.handleMs += d.now - asg.answeredAt;
  a.handled++;
  releaseCapacity(d, a, asg);
  if (asg.phase === 'wrapUp' && d.wants('agent.wrapUpEnded')) d.emit({ type: 'agent.wrapUpEnded', at: d.now, agentId: a.id, contactId: c.id });
}

/** The agent ends its wrap-up early. */
export function finishWrapUp(d: DomainState, a: AgentRec, contactId: string): void {
  let held: Assignment | undefined;
  let asg: Assignment | undefined;
  for (const x of a.assignments) {
    if (x.contact.id !== contactId) continue;
    held = x;
    if (x.phase === 'wrapUp') asg = x;
  }
  if (held === undefined) throw new RoutingError('ASSIGNMENT_UNKNOWN', `agent '${a.id}' holds no contact '${contactId}'`);
  if (asg === undefined) throw new RoutingError('CONTACT_STATE_INVALID', `contact '${contactId}' is not in wrap-up`);
  endWrapUp(d, a, asg);
  offerWork(d, a);
}

/** The customer hung up before being served. A reserved agent is released. */
export function abandon(d: DomainState, c: ContactRec): void {
  if (!allows(c, 'contact.abandoned')) {
    throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only waiting or ringing contacts can be abandoned`);
  }
  const r = c.assignment?.phase === 'reserved' ? c.assignment : undefined;
  const counted = c.state !== 'new' && c.state !== 'scheduled';
  removeWaiting(d, c);
  step(c, 'contact.abandoned');
  const q = c.queue;
  const waited = counted ? d.now - c.waitStartedAt : 0;
  if (counted) {
    q.counters.abandoned++;
    q.counters.waitAbandonedMs += waited;
    if (waited <= q.config.slThresholdMs) q.counters.abandonedWithinSl++;
  }
  if (d.wants('contact.abandoned')) d.emit({ type: 'contact.abandoned', at: d.now, contactId: c.id, queueId: q.id, waitedMs: waited });
  endContact(d, c);
  if (r !== undefined) {
    d.reservations.delete(r.token);
    releaseCapacity(d, r.agent, r);
    if (d.wants('reservation.cancelled')) d.emit({ type: 'reservation.cancelled', at: d.now, reservationId: r.id, contactId: c.id, agentId: r.agent.id });
    offerWork(d, r.agent);
  }
}

/**
 * The agent hands the contact to another queue; the agent wraps up as after a completed contact.
 * The contact is not offered back to the transferring agent.
 */
export function transfer(d: DomainState, c: ContactRec, to: QueueRec, boostMs: number): void {
  if (c.state !== 'active') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only active contacts can be transferred`);
  if (to.config.channel !== c.channelName) {
    throw new RoutingError('INPUT_INVALID', `contact '${c.id}' is a ${c.channelName} contact; queue '${to.id}' takes ${to.config.channel}`);
  }
  const a = c.agent as AgentRec;
  const from = c.queue;
  const asg = c.assignment as Assignment;
  c.assignment = undefined;
  step(c, 'contact.transferred');
  from.counters.transferredOut++;
  if (d.wants('contact.transferred')) d.emit({ type: 'contact.transferred', at: d.now, contactId: c.id, fromQueueId: from.id, toQueueId: to.id, agentId: a.id });
  c.agent = undefined;
  c.answeredAt = undefined;
  moveToQueue(c, to, d.now);
  c.declinedBy = [a]; // a transfer never comes straight back to the agent who made it
  c.waitStartedAt = d.now;
  c.boostMs = boostMs;
  c.orderKey = d.now - boostMs;
  c.overflowHops = 0;
  to.counters.offered++;
  startWrapUp(d, a, asg); // the assignment keeps the queue it was handled in
  enterQueue(d, c, 'contact-arrived');
}

/** Virtual hold: the customer leaves the line but keeps its place; the agent will call back. */
export function requestCallback(d: DomainState, c: ContactRec): void {
  if (c.state !== 'queued') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only queued contacts can switch to a callback`);
  step(c, 'callback.requested');
  c.callback = true;
  scheduleWake(d, c); // a promised callback no longer expires at max wait
  if (d.wants('callback.requested')) d.emit({ type: 'callback.requested', at: d.now, contactId: c.id, queueId: c.queue.id });
}
