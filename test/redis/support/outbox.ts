import type { Redis } from 'ioredis';
import type { RoutingEvent } from '@switchboard/router';

/**
 * The events in a domain's outbox, once it holds at least `atLeast` of them (or after 5 s):
 * an operation resolves when it is in the log, and its events follow in the store's next call.
 */
export async function readOutbox(redis: Redis, domain: string, atLeast: number): Promise<RoutingEvent[]> {
  const key = `sb:{${domain}}:events`;
  const end = Date.now() + 5000;
  while ((await redis.xlen(key)) < atLeast && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return (await redis.xrange(key, '-', '+')).map(([, f]) => JSON.parse(f[1] as string) as RoutingEvent);
}
