import type { Observable } from 'rxjs';
import { isRoutingError } from '../../core/errors.js';
import type { RoutingEvent } from '../../core/events.js';
import type { ContactView } from '../../core/views.js';
import type { RoutingStore } from '../../store/routing-store.js';
import { arrivalDraft, entryOfEvent, queueOfEvent } from './entries-of-event.js';
import { ARRIVAL_POSITION, type HistoryDraft } from './history-entry.js';
import type { AppendOptions, HistoryAppend, InteractionHistory } from './interaction-history.js';
import type { MemoryInteractionHistory } from './memory-interaction-history.js';

/** How many interactions a recorder remembers having recorded the arrival of. */
const REMEMBERED_ARRIVALS = 50_000;

/** Something that feeds routing events into the history until stopped. */
export interface HistoryFeed {
  /** Resolves once every event received so far is recorded (this process's share of them). */
  idle(): Promise<void>;
  /**
   * What is not recorded yet: events (embedded), or the event-log entries the domain's history
   * group has not read plus those read but not acknowledged (Redis; undefined when it cannot tell).
   */
  backlog(): Promise<number | undefined>;
  /** Stops taking events; what was taken is recorded first. */
  stop(): Promise<void>;
}

/**
 * Turns routing events into history entries: the entry each event stands for and, the first
 * time this process sees a contact, its arrival from the store's view of it.
 * Appends are idempotent by key, so recording an event twice records it once.
 */
export class HistoryRecorder {
  /**
   * Interactions whose arrival this process recorded (or saw recorded) already, the latest
   * {@link REMEMBERED_ARRIVALS} (oldest forgotten first: each is added once and only asked about
   * after, so insertion order is recency order).
   */
  private readonly arrived = new Set<string>();
  /** The oldest of {@link arrived} first; kept between calls (see {@link noteArrived}). */
  private oldestArrived = this.arrived.values();

  constructor(private readonly store: Pick<RoutingStore, 'getContact'>, private readonly history: InteractionHistory) {}

  /**
   * Records events, in order, each at its position in the domain's event log and once per its
   * key, and the arrival of each contact this process has not seen yet, with few round trips:
   * the contacts of new interactions are read together, then every entry is appended in one
   * {@link InteractionHistory.appendMany}. When it rejects, entries before the failure may be
   * recorded (recording them again records nothing twice).
   */
  async recordMany(items: ReadonlyArray<{ readonly e: RoutingEvent; readonly at: AppendOptions }>): Promise<void> {
    const logins: Array<{ agentId: string; at: number }> = [];
    const drafts: Draft[] = [];
    for (const { e, at } of items) {
      if (e.type === 'agent.loggedIn') logins.push({ agentId: e.agentId, at: e.at });
      const draft = entryOfEvent(e);
      if (draft !== undefined) drafts.push({ draft, at, queueId: queueOfEvent(e) });
    }
    const arrivals = await this.arrivalsOf(drafts);
    const appends: HistoryAppend[] = [];
    for (const { draft, at } of drafts) {
      const arrival = arrivals.get(draft.interactionId);
      if (arrival !== undefined) appends.push({ draft: arrival, opts: ARRIVAL });
      arrivals.delete(draft.interactionId);
      appends.push({ draft, opts: at });
    }
    // Started together and awaited together: none is left without a handler when another fails.
    await Promise.all([this.history.appendMany(appends), ...logins.map((l) => this.history.noteShiftStart(l.agentId, l.at))]);
    for (const { draft } of drafts) this.noteArrived(draft.interactionId);
  }

  /** The arrivals of the interactions this process has not recorded one for, from their contacts (read together). */
  private async arrivalsOf(drafts: readonly Draft[]): Promise<Map<string, HistoryDraft>> {
    const firsts = new Map<string, Draft>();
    for (const d of drafts) if (!this.arrived.has(d.draft.interactionId) && !firsts.has(d.draft.interactionId)) firsts.set(d.draft.interactionId, d);
    const contacts = await Promise.all([...firsts.keys()].map((id) => this.contact(id)));
    return new Map([...firsts.values()].map((f, i) => [f.draft.interactionId, arrivalOf(f.draft, f.queueId, contacts[i])]));
  }

  /**
   * {@link recordMany} in one process: a store and a history that answer at once, synchronously.
   * The same entries in the same order; no promise per step (four awaits per event, three events
   * per routed call, cost several percent of a routed call). Whether the arrival is recorded is
   * the history's own answer (its `arrival` key), so no set of arrivals is kept besides it.
   * `contactNow` throws like the store's `getContact`.
   */
  recordAtOnce(e: RoutingEvent, at: AppendOptions, contactNow: (id: string) => ContactView, history: MemoryInteractionHistory): void {
    if (e.type === 'agent.loggedIn') {
      void history.noteShiftStart(e.agentId, e.at);
      return;
    }
    const draft = entryOfEvent(e);
    if (draft === undefined) return;
    if (!history.hasKey(draft.interactionId, ARRIVAL_KEY)) {
      const contact = knownOrUndefined(() => contactNow(draft.interactionId));
      history.appendNow(arrivalOf(draft, queueOfEvent(e), contact), ARRIVAL);
    }
    history.appendNow(draft, at);
  }

  /**
   * Remembers an interaction's arrival, forgetting the oldest beyond the limit through an
   * iterator kept between calls: a new iterator would step over every entry deleted before it
   * (a Set keeps their slots until it rehashes), tens of microseconds per call at the limit.
   */
  private noteArrived(interactionId: string): void {
    if (this.arrived.has(interactionId)) return;
    this.arrived.add(interactionId);
    if (this.arrived.size <= REMEMBERED_ARRIVALS) return;
    let oldest = this.oldestArrived.next();
    if (oldest.done === true) {
      this.oldestArrived = this.arrived.values();
      oldest = this.oldestArrived.next();
    }
    this.arrived.delete(oldest.value as string);
  }

  private async contact(id: string): Promise<ContactView | undefined> {
    try {
      return await this.store.getContact(id);
    } catch (e) {
      if (isRoutingError(e, 'CONTACT_UNKNOWN')) return undefined; // forgotten since: the arrival says less
      throw e;
    }
  }
}

/** An event's entry, where it goes, and the queue the event names. */
interface Draft {
  readonly draft: HistoryDraft;
  readonly at: AppendOptions;
  readonly queueId: string | undefined;
}

/** How an arrival is appended: first in its interaction, once. */
const ARRIVAL_KEY = 'arrival';
const ARRIVAL: AppendOptions = { position: ARRIVAL_POSITION, key: ARRIVAL_KEY };

/** The arrival of the interaction `first` is about, from the store's view of its contact (undefined: forgotten). */
function arrivalOf(first: HistoryDraft, queueId: string | undefined, contact: ContactView | undefined): HistoryDraft {
  return arrivalDraft(first.interactionId, first.at, queueId ?? contact?.queueId, contact);
}

/** The contact, or undefined when the store has forgotten it since (the arrival then says less). */
function knownOrUndefined(read: () => ContactView): ContactView | undefined {
  try {
    return read();
  } catch (e) {
    if (isRoutingError(e, 'CONTACT_UNKNOWN')) return undefined;
    throw e;
  }
}

/**
 * Embedded mode: every event of the store, recorded one at a time in the order they happen.
 * Each event takes its position when it happens (synchronously), so an entry the service
 * appends meanwhile still sorts after the events that came before it. Recording starts on a
 * later microtask, after the store operation that emitted the event has finished, and records
 * every event queued by then synchronously (`contactNow`: the store's view of a contact, as
 * `getContact` gives it, at once).
 */
export function recordFromEvents(
  events: Observable<RoutingEvent>, recorder: HistoryRecorder, history: MemoryInteractionHistory,
  contactNow: (id: string) => ContactView, onError: (e: unknown) => void,
): HistoryFeed {
  const queue: Array<{ readonly e: RoutingEvent; readonly position: string }> = [];
  let draining: Promise<void> | undefined;
  const drain = (): void => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      try {
        recorder.recordAtOnce(next.e, { position: next.position }, contactNow, history);
      } catch (err) {
        onError(err);
      }
    }
    draining = undefined;
  };
  const sub = events.subscribe((e) => {
    queue.push({ e, position: history.positionNow() });
    draining ??= Promise.resolve().then(drain);
  });
  const idle = async (): Promise<void> => {
    while (draining !== undefined) await draining;
  };
  return { idle, backlog: () => Promise.resolve(queue.length), stop: async () => { sub.unsubscribe(); await idle(); } };
}
