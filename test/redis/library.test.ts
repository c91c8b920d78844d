import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type DomainConfig } from '@switchboard/router';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { loadLibrary } from '../../packages/router/src/store/redis/scripts.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

/** The engine as a Redis Functions library: loaded once, loaded again whenever Redis lost it. */

let server: TestRedis;
let redis: Redis;

beforeAll(async () => {
  server = await startTestRedis(); // no AOF: a restart loses data and functions
  redis = new Redis(server.url, { maxRetriesPerRequest: 20 });
  redis.on('error', () => {});
});

afterAll(async () => {
  redis.disconnect();
  await server.dispose();
});

const domain = (ringSeconds: number): DomainConfig => ({
  skills: [{ id: 's' }],
  queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }], ringTimeoutSeconds: ringSeconds }],
  agents: [{ id: 'ann', skills: { s: 1 } }, { id: 'bob', skills: { s: 1 } }],
});

async function readyStore(name: string, ringSeconds: number, clock: ManualClock): Promise<RedisRoutingStore> {
  const store = await RedisRoutingStore.create(domain(ringSeconds), { redis, domain: name, clock });
  for (const a of ['ann', 'bob']) {
    await store.loginAgent(a);
    await store.readyAgent(a);
  }
  return store;
}

describe('the engine function library', () => {
  it('is named by a hash of its code, one function per operation', () => {
    const lib = loadLibrary(['enqueue', 'contact_end']);
    expect(lib.name).toMatch(/^sb_[0-9a-f]{10}$/);
    expect(lib.functions.enqueue).toBe(`sb_enqueue_${lib.name.slice(3)}`);
    expect(lib.source.startsWith(`#!lua name=${lib.name}\n`)).toBe(true);
  });

  it('is loaded again after FUNCTION FLUSH, once for every call in flight', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const store = await readyStore('flush', 20, clock);
    await redis.function('FLUSH');
    const outcomes = await Promise.all(['c1', 'c2', 'c3'].map((id) => store.enqueueContact({ id, queueId: 'q' })));
    expect(outcomes.map((o) => o.kind)).toEqual(['reserved', 'reserved', 'queued']);
    expect(((await redis.function('LIST')) as unknown[]).length).toBe(1);
  });

  it('is loaded again after Redis restarts without persistence', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    await readyStore('restart', 20, clock);
    await server.kill();
    await server.start();
    // The data is gone too: a new domain on the same connection works.
    const store = await readyStore('restart', 20, clock);
    expect((await store.enqueueContact({ id: 'c1', queueId: 'q' })).kind).toBe('reserved');
  });

  it('keeps nothing from one call to the next: two domains with the same queue id keep their own configuration', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const short = await readyStore('short', 5, clock);
    const long = await readyStore('long', 50, clock);
    for (let i = 0; i < 2; i++) {
      const a = await short.enqueueContact({ id: `s${i}`, queueId: 'q' });
      const b = await long.enqueueContact({ id: `l${i}`, queueId: 'q' });
      expect(a.kind === 'reserved' && a.deadline).toBe(clock.now() + 5_000);
      expect(b.kind === 'reserved' && b.deadline).toBe(clock.now() + 50_000);
    }
  });
});
