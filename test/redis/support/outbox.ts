import type { Redis } from 'ioredis';
import type { RoutingEvent } from '@switchboard/router';
import { outboxEvents } from '../../../packages/router/src/store/redis/outbox-format.js';

/**
 * The events in a domain's outbox, once it holds at least `atLeast` of them (or after 5 s):
 * an operation resolves when it is in the log, and its events follow in the store's next call.
 */
export async function readOutbox(redis: Redis, domain: string, atLeast: number): Promise<RoutingEvent[]> {
  const key = `sb:{${domain}}:events`;
  const end = Date.now() + 5000;
  while (outboxOf(await redis.xrange(key, '-', '+')).length < atLeast && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return outboxOf(await redis.xrange(key, '-', '+'));
}

/** The events of outbox entries as XRANGE returns them, in order. */
export function outboxOf(entries: ReadonlyArray<[id: string, fields: string[]]>): RoutingEvent[] {
  return entries.flatMap(([id, fields]) => outboxEvents(id, fields).map((x) => x.event as RoutingEvent));
}
