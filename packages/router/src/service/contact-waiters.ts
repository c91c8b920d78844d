import type { Observable, Subscription } from 'rxjs';
import type { RoutingEvent } from '../core/events.js';

/** Events after which a long-polling PBX has a new answer: an offer, or the contact ended. */
const ANSWERING = new Set<RoutingEvent['type']>([
  'reservation.created', 'contact.completed', 'contact.abandoned', 'contact.expired', 'contact.refused',
]);

/**
 * Long-poll support: waits until something a PBX wants to know happens to a contact (an agent
 * is reserved, or the contact ended), or a timeout passes, or the service closes. Register the
 * wait before reading the contact's state, so an event in between is not missed.
 */
export class ContactWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly sub: Subscription;
  private closed = false;

  constructor(events: Observable<RoutingEvent>) {
    this.sub = events.subscribe((e) => {
      if (ANSWERING.has(e.type) && 'contactId' in e) this.wake(e.contactId);
    });
  }

  /** A pending wait; `done` resolves on an answering event, the timeout, or close. Cancel it when unused. */
  wait(contactId: string, timeoutMs: number): { done: Promise<void>; cancel: () => void } {
    let wake: () => void = () => {};
    const done = new Promise<void>((resolve) => { wake = resolve; });
    if (this.closed) return { done: Promise.resolve(), cancel: () => {} };
    const set = this.waiting.get(contactId) ?? new Set();
    this.waiting.set(contactId, set);
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      set.delete(finish);
      if (set.size === 0 && this.waiting.get(contactId) === set) this.waiting.delete(contactId);
      wake();
    };
    set.add(finish);
    return { done, cancel: finish };
  }

  /** How many waits are pending (for metrics and tests). */
  get pending(): number {
    let n = 0;
    for (const s of this.waiting.values()) n += s.size;
    return n;
  }

  private wake(contactId: string): void {
    const set = this.waiting.get(contactId);
    if (set !== undefined) for (const f of [...set]) f();
  }

  /** Ends every pending wait now (graceful shutdown) and stops listening. */
  close(): void {
    this.closed = true;
    this.sub.unsubscribe();
    for (const set of [...this.waiting.values()]) for (const f of [...set]) f();
  }
}
