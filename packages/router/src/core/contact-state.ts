import { nextContactState, type ContactEventType } from '../machines/index.js';
import type { DomainState } from './domain-state.js';
import { RoutingError } from './errors.js';
import type { ContactHeap } from './contact-heap.js';
import type { ContactRec, QueueRec } from './records.js';
import { MAX_DECISIONS_PER_CONTACT, type DecisionRecord } from './trace.js';

/**
 * Moves a contact along its lifecycle using the table derived from the contact machine.
 * Internal callers only request legal transitions; an illegal one is a broken invariant.
 */
export function step(c: ContactRec, event: ContactEventType): void {
  const next = nextContactState(c.state, event);
  if (next === undefined) {
    throw new RoutingError('CONTACT_STATE_INVALID', `contact ${c.id} cannot take '${event}' in state '${c.state}'`);
  }
  if (c.state === 'preferred') c.queue.waitingPreferred--;
  if (next === 'preferred') c.queue.waitingPreferred++;
  c.state = next;
}

/** True when the contact machine allows `event` in the contact's current state. */
export function allows(c: ContactRec, event: ContactEventType): boolean {
  return nextContactState(c.state, event) !== undefined;
}

/** Puts a contact into the waiting set of its current step. */
export function addWaiting(d: DomainState, c: ContactRec): void {
  const q = c.queue;
  (q.waiting[c.step] as { push(c: ContactRec): void }).push(c);
  q.waitingCount++;
  d.waitingTotal++;
  refreshMinKeys(q, c.step);
}

/** Takes a contact out of its waiting set, if it is in one. */
export function removeWaiting(d: DomainState, c: ContactRec): void {
  if (c.heapPos < 0) return;
  const q = c.queue;
  (q.waiting[c.step] as { remove(c: ContactRec): void }).remove(c);
  q.waitingCount--;
  d.waitingTotal--;
  refreshMinKeys(q, c.step);
}

/** Recomputes `minKeyFrom` for steps `from` down to 0 after the set of step `from` changed. */
function refreshMinKeys(q: QueueRec, from: number): void {
  const mins = q.minKeyFrom;
  for (let s = from; s >= 0; s--) {
    const head = (q.waiting[s] as ContactHeap<ContactRec>).peek();
    const above = mins[s + 1] as number;
    mins[s] = head !== undefined && head.orderKey < above ? head.orderKey : above;
  }
}

/**
 * The step a contact has reached after waiting in its queue until `t`. It compares due times
 * exactly as the wake timer computes them (`enteredAt + afterMs`), so a timer that fires at that
 * due time always sees the step reached, even with fractional times.
 */
export function stepAt(c: ContactRec, t: number): number {
  const steps = c.queue.config.steps;
  let k = 0;
  while (k + 1 < steps.length && c.queueEnteredAt + (steps[k + 1] as { afterMs: number }).afterMs <= t) k++;
  return k;
}

/** Appends a decision to the contact's bounded trace. */
export function recordDecision(c: ContactRec, rec: DecisionRecord): void {
  const list = (c.decisions ??= []);
  list.push(rec);
  if (list.length > MAX_DECISIONS_PER_CONTACT) list.shift();
}

/** Marks a contact ended: it holds nothing in its queue any more and will be retired. */
export function endContact(d: DomainState, c: ContactRec): void {
  c.endedAt = d.now;
  c.version++;
  c.queue.held--;
  d.retire(c);
}
