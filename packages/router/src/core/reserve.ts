import type { ReservationId } from './ids.js';
import { accountTime } from './availability.js';
import { recordDecision, removeWaiting, step } from './contact-state.js';
import type { DomainState } from './domain-state.js';
import type { AgentRec, Assignment, ContactRec, ReservationRec } from './records.js';
import type { DecisionRecord, TraceCandidate } from './trace.js';

/**
 * Offers a contact to an agent: takes the contact out of its waiting set, takes capacity from the
 * agent, creates a reservation with a fresh fencing token and a ring deadline. The caller
 * re-pools the agent afterwards (once, however many contacts it took).
 */
export function reserve(
  d: DomainState,
  c: ContactRec,
  a: AgentRec,
  trigger: DecisionRecord['trigger'],
  cands: TraceCandidate[] | undefined,
): ReservationRec {
  const q = c.queue;
  const now = d.now;
  removeWaiting(d, c);
  step(c, 'offer.reserved');
  c.version++;
  accountTime(d, a);
  const ch = q.channel;
  const cost = d.channelCost[ch] as number;
  a.used += cost;
  a.perChannel[ch] = (a.perChannel[ch] as number) + 1;
  a.availableSince = now;
  if (q.config.strategy === 'round-robin') {
    const m = a.memberships.find((x) => x.queue === q);
    if (m !== undefined) m.lastOfferedAt = now;
  }
  const token = ++d.fencing;
  const r: Assignment = {
    id: `R${token}` as ReservationId, token, createdAt: now, deadline: now + q.config.ringTimeoutMs,
    agent: a, contact: c, queue: q, cost, channel: ch, phase: 'reserved', since: now, answeredAt: now, wrapUpUntil: 0, version: 0,
  };
  d.reservations.set(r);
  a.assignments[a.assignments.length] = r;
  c.assignment = r;
  c.agent = a;
  c.offers++;
  // The timer names the reservation by its token rather than holding it, so an answered
  // offer's record is not kept alive for the rest of the ring timeout.
  d.timers.schedule(r.deadline, 'ring', undefined, token);
  if (d.wants('reservation.created')) {
    d.emit({ type: 'reservation.created', at: now, reservationId: r.id, token, contactId: c.id, agentId: a.id, queueId: q.id, step: c.step, deadline: r.deadline });
  }
  if (d.trace) traceReservation(c, a, trigger, cands);
  return r;
}

function traceReservation(c: ContactRec, a: AgentRec, trigger: DecisionRecord['trigger'], cands: TraceCandidate[] | undefined): void {
  const q = c.queue;
  const components = q.scorer.components(a.levels);
  recordDecision(c, {
    at: c.assignment?.createdAt ?? 0,
    trigger, contactId: c.id, queueId: q.id, step: c.step, outcome: 'reserved', agentId: a.id,
    strategy: q.config.strategy,
    candidates: (cands ?? []).map((x) => (x.id === a.id || x.id === c.id ? x : { ...x, skipped: x.kind === 'agent' ? 'worse-key' : 'lower-order-key' })),
    score: { total: components.reduce((s, x) => s + x.contribution, 0), components },
  });
}

/** Gives back the capacity an assignment held. */
export function releaseCapacity(d: DomainState, a: AgentRec, asg: Assignment): void {
  const list = a.assignments;
  const i = list[0] === asg ? 0 : list.indexOf(asg);
  if (i < 0) return;
  accountTime(d, a);
  a.used -= asg.cost;
  a.perChannel[asg.channel] = (a.perChannel[asg.channel] as number) - 1;
  // pop() keeps the small backing store for the next offer; splice reallocates.
  if (i === list.length - 1) list.pop();
  else list.splice(i, 1);
  if (asg.contact.assignment === asg) asg.contact.assignment = undefined;
  a.availableSince = d.now;
}
