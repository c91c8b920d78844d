import { offerWork } from './agent-flow.js';
import { addWaiting, removeWaiting, stepAt } from './contact-state.js';
import type { DomainState } from './domain-state.js';
import { returnContact } from './lifecycle.js';
import { admit, enterQueue, overflowOrEnd, scheduleWake, seekAgent } from './placement.js';
import type { Assignment, ContactRec } from './records.js';
import { endWrapUp } from './lifecycle.js';

/**
 * Fires every timer due at or before `until`, each at its own due time, in due order.
 * Stale timers (their target moved on) are dropped here rather than cancelled eagerly.
 */
export function runDue(d: DomainState, until: number): number {
  let fired = 0;
  for (let t = d.timers.popDue(until); t !== undefined; t = d.timers.popDue(until)) {
    if (t.due > d.now) d.now = t.due;
    if (t.kind === 'contact') fired += onContactWake(d, t.target as ContactRec, t.version);
    else if (t.kind === 'ring') fired += onRingTimeout(d, t.version);
    else fired += onWrapUpEnd(d, t.target as Assignment, t.version);
  }
  if (until > d.now) d.now = until;
  return fired;
}

function onRingTimeout(d: DomainState, token: number): number {
  const r = d.reservations.get(token);
  if (r === undefined || r.phase !== 'reserved') return 0;
  returnContact(d, r, 'timeout');
  return 1;
}

function onWrapUpEnd(d: DomainState, asg: Assignment, version: number): number {
  if (asg.phase !== 'wrapUp' || asg.version !== version) return 0;
  const a = asg.agent;
  if (!a.assignments.includes(asg)) return 0;
  endWrapUp(d, a, asg);
  offerWork(d, a);
  return 1;
}

function onContactWake(d: DomainState, c: ContactRec, version: number): number {
  if (c.version !== version) return 0;
  switch (c.state) {
    case 'scheduled':
      c.queueEnteredAt = d.now;
      c.waitStartedAt = d.now;
      admit(d, c);
      return 1;
    case 'preferred':
      enterQueue(d, c, 'step-escalated');
      return 1;
    case 'queued':
      return onQueuedWake(d, c);
    default:
      return 0;
  }
}

function onQueuedWake(d: DomainState, c: ContactRec): number {
  const cfg = c.queue.config;
  if (cfg.maxWaitMs > 0 && !c.callback && d.now >= c.queueEnteredAt + cfg.maxWaitMs) {
    overflowOrEnd(d, c, 'max-wait', 'step-escalated');
    return 1;
  }
  const next = stepAt(c, d.now);
  if (next <= c.step) {
    assertNoStepDue(c, d.now);
    scheduleWake(d, c);
    return 0;
  }
  removeWaiting(d, c);
  c.step = next;
  if (d.wants('contact.escalated')) d.emit({ type: 'contact.escalated', at: d.now, contactId: c.id, queueId: c.queue.id, step: next });
  if (!seekAgent(d, c, 'step-escalated')) {
    addWaiting(d, c);
    scheduleWake(d, c);
  }
  return 1;
}

/** A wake that reaches no new step must not be due again at once (that would spin forever). */
function assertNoStepDue(c: ContactRec, now: number): void {
  const next = c.queue.config.steps[c.step + 1];
  if (next !== undefined && c.queueEnteredAt + next.afterMs <= now) {
    throw new Error(`broken invariant: contact ${c.id} step ${c.step + 1} is due but was not reached`);
  }
}
