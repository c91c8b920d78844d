import { LRUCache } from 'lru-cache';
import type { Observable } from 'rxjs';
import { isRoutingError } from '../../core/errors.js';
import type { RoutingEvent } from '../../core/events.js';
import type { ContactView } from '../../core/views.js';
import type { RoutingStore } from '../../store/routing-store.js';
import { arrivalDraft, entryOfEvent, queueOfEvent } from './entries-of-event.js';
import { ARRIVAL_POSITION, type HistoryDraft } from './history-entry.js';
import type { AppendOptions, InteractionHistory } from './interaction-history.js';
import type { MemoryInteractionHistory } from './memory-interaction-history.js';

/** Something that feeds routing events into the history until stopped. */
export interface HistoryFeed {
  /** Resolves once every event received so far is recorded (this process's share of them). */
  idle(): Promise<void>;
  /** Stops taking events; what was taken is recorded first. */
  stop(): Promise<void>;
}

/**
 * Turns routing events into history entries: the entry each event stands for and, the first
 * time this process sees a contact, its arrival from the store's view of it.
 * Appends are idempotent by key, so recording an event twice records it once.
 */
export class HistoryRecorder {
  /** Interactions whose arrival this process recorded (or saw recorded) already. */
  private readonly arrived = new LRUCache<string, true>({ max: 50_000 });

  constructor(private readonly store: Pick<RoutingStore, 'getContact'>, private readonly history: InteractionHistory) {}

  /** Records one event at its position in the domain's event log, once per `key`. */
  async record(e: RoutingEvent, at: AppendOptions): Promise<void> {
    if (e.type === 'agent.loggedIn') return this.history.noteShiftStart(e.agentId, e.at);
    const draft = entryOfEvent(e);
    if (draft === undefined) return;
    if (!this.arrived.has(draft.interactionId)) await this.recordArrival(draft, queueOfEvent(e));
    await this.history.append(draft, at);
  }

  private async recordArrival(first: HistoryDraft, queueId: string | undefined): Promise<void> {
    const contact = await this.contact(first.interactionId);
    await this.history.append(arrivalDraft(first.interactionId, first.at, queueId ?? contact?.queueId, contact), { position: ARRIVAL_POSITION, key: 'arrival' });
    this.arrived.set(first.interactionId, true);
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

/**
 * Embedded mode: every event of the store, recorded one at a time in the order they happen.
 * Each event takes its position when it happens (synchronously), so an entry the service
 * appends meanwhile still sorts after the events that came before it.
 */
export function recordFromEvents(
  events: Observable<RoutingEvent>, recorder: HistoryRecorder, history: MemoryInteractionHistory, onError: (e: unknown) => void,
): HistoryFeed {
  let chain: Promise<void> = Promise.resolve();
  const sub = events.subscribe((e) => {
    const position = history.positionNow();
    chain = chain.then(() => recorder.record(e, { position })).catch(onError);
  });
  const idle = async (): Promise<void> => {
    for (let seen: Promise<void> | undefined; seen !== chain;) await (seen = chain);
  };
  return { idle, stop: async () => { sub.unsubscribe(); await idle(); } };
}
