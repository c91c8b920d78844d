import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ManualClock, MemoryRoutingStore, RedisRoutingStore, type RoutingEvent } from '@switchboard/router';
import { HistoryRecorder, recordFromEvents } from '../../src/service/history/history-recorder.js';
import { HistoryStreamReader, eventLogKey } from '../../src/service/history/history-stream-reader.js';
import { outboxEvents } from '../../src/store/redis/outbox-format.js';
import type { InteractionHistory } from '../../src/service/history/interaction-history.js';
import { MemoryInteractionHistory } from '../../src/service/history/memory-interaction-history.js';
import { RedisInteractionHistory } from '../../src/service/history/redis-interaction-history.js';
import { useTestRedis } from '../../../../test/support/redis-server.js';
import { checkHistories, expectedEntries } from './history-checks.js';
import { HISTORY_DOMAIN, applyHistoryOp, endEverything, historyOpArb, type HistoryOp } from './history-ops.js';

/**
 * History completeness (issue 6): for random operation sequences — offers missed and taken,
 * transfers, moves, overflows, expiries, refusals, callbacks, abandons — once every contact has
 * ended, each contact's history starts with its arrival, records every event about it exactly
 * once and in order, and ends in exactly one terminal entry followed only by after-call work.
 */
const t = useTestRedis();
const ops = (max: number) => fc.array(historyOpArb, { minLength: 1, maxLength: max });

describe('history completeness, embedded store', () => {
  it('every contact ends in exactly one terminal entry; entries in order; every event once', async () => {
    await fc.assert(fc.asyncProperty(ops(80), async (seq) => {
      const clock = new ManualClock(1_000_000);
      const store = MemoryRoutingStore.create(HISTORY_DOMAIN, { clock, trace: false });
      const history = new MemoryInteractionHistory();
      const log: RoutingEvent[] = [];
      const sub = store.events.subscribe((e) => log.push(e));
      const errors: unknown[] = [];
      const feed = recordFromEvents(store.events, new HistoryRecorder(store, history), history, (id) => store.engine.contact(id), (e) => errors.push(e));
      const r = { store, clock, submitted: 0 };
      for (const op of seq) await applyHistoryOp(r, op);
      await endEverything(r);
      await feed.stop();
      sub.unsubscribe();
      expect(errors).toEqual([]);
      await checkHistories(history, log, r.submitted);
    }), { numRuns: 150 });
  });
});

let domains = 0;

async function readLog(redis: Redis, key: string): Promise<RoutingEvent[]> {
  return (await redis.xrange(key, '-', '+')).flatMap(([id, f]) => outboxEvents(id, f).map((x) => x.event as RoutingEvent));
}

/** Waits until the contacts' histories hold `want` entries (or more: the check then says what is wrong). */
async function recorded(history: InteractionHistory, submitted: number, want: number): Promise<void> {
  const ids = Array.from({ length: submitted }, (_, i) => `h${i}`);
  for (let i = 0; i < 200; i++) {
    if ((await history.entriesOf(ids)).flat().length >= want) return;
    await new Promise((res) => setTimeout(res, 25));
  }
}

async function redisRun(seq: readonly HistoryOp[]): Promise<void> {
  const domain = `hist${++domains}`;
  const clock = new ManualClock(1_000_000);
  const store = await RedisRoutingStore.create(HISTORY_DOMAIN, { redis: t.redis, domain, clock, trace: false });
  const history = new RedisInteractionHistory(t.redis, domain);
  const errors: unknown[] = [];
  // Two processes of the domain: each has its own recorder, both read through the one consumer group.
  const readers = [0, 1].map(() => new HistoryStreamReader(t.redis, eventLogKey(domain), new HistoryRecorder(store, history), (e) => errors.push(e), { blockMs: 20 }));
  const r = { store, clock, submitted: 0 };
  for (const op of seq) await applyHistoryOp(r, op);
  await endEverything(r);
  const log = await readLog(t.redis, eventLogKey(domain));
  await recorded(history, r.submitted, expectedEntries(log, r.submitted));
  await Promise.all(readers.map((x) => x.stop()));
  expect(errors).toEqual([]);
  await checkHistories(history, log, r.submitted);
}

describe('history completeness, Redis store', () => {
  it('the same, with two recording processes sharing the event log through a consumer group', async () => {
    await fc.assert(fc.asyncProperty(ops(40), redisRun), { numRuns: 12 });
  });
});
