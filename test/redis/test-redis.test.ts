import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

describe('private test redis-server', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis({ appendOnly: true });
  });
  afterAll(async () => {
    await redis.dispose();
  });

  it('keeps data across a kill -9 and restart when AOF is on', async () => {
    const c = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await c.connect();
    await c.set('k', 'v');
    c.disconnect();
    await redis.kill();
    await redis.start();
    const c2 = new Redis(redis.url);
    expect(await c2.get('k')).toBe('v');
    c2.disconnect();
  });
});
