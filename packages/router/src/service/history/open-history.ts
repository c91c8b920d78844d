import type { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import type { RoutingEvent } from '../../core/events.js';
import type { ContactView } from '../../core/views.js';
import type { RoutingStore } from '../../store/routing-store.js';
import { HistoryRecorder, recordFromEvents, type HistoryFeed } from './history-recorder.js';
import { HistoryStreamReader, eventLogKey, type StreamReaderOptions } from './history-stream-reader.js';
import type { InteractionHistory } from './interaction-history.js';
import { MemoryInteractionHistory } from './memory-interaction-history.js';
import { RedisInteractionHistory } from './redis-interaction-history.js';

/** What the service needs to keep an interaction history. */
export interface HistoryOptions {
  readonly store: Pick<RoutingStore, 'getContact'>;
  /** Embedded mode: the store's view of a contact at once (as `getContact` gives it, throwing the same errors). */
  readonly contactNow?: (id: string) => ContactView;
  /** The store's events as this process sees them (embedded mode records from them). */
  readonly events: Observable<RoutingEvent>;
  /** Redis mode: the history and the event log's consumer group live here. */
  readonly redis?: Redis;
  readonly domain: string;
  readonly onError: (e: unknown) => void;
  readonly reader?: StreamReaderOptions;
}

/**
 * Opens the interaction history and starts feeding it: embedded, from this process's events;
 * in Redis, from the domain's event log through a consumer group (each event recorded once by
 * one of the domain's processes, idempotently by its log id).
 *
 * @example
 * const store = MemoryRoutingStore.create(domainConfig, { clock: systemClock });
 * const { history, feed } = openInteractionHistory({ store, events: store.events, contactNow: (id) => store.engine.contact(id), domain: 'acme', onError: console.error });
 * await feed.idle();
 * const entries = await history.entries('call-1');
 */
export function openInteractionHistory(opts: HistoryOptions): { history: InteractionHistory; feed: HistoryFeed } {
  if (opts.redis === undefined) {
    if (opts.contactNow === undefined) throw new Error('an embedded interaction history needs contactNow');
    const history = new MemoryInteractionHistory();
    return { history, feed: recordFromEvents(opts.events, new HistoryRecorder(opts.store, history), history, opts.contactNow, opts.onError) };
  }
  const history = new RedisInteractionHistory(opts.redis, opts.domain);
  const recorder = new HistoryRecorder(opts.store, history);
  return { history, feed: new HistoryStreamReader(opts.redis, eventLogKey(opts.domain), recorder, opts.onError, opts.reader ?? {}) };
}
