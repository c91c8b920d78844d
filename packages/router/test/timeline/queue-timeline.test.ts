import { afterEach, describe, expect, it } from 'vitest';
import { MemoryQueueTimeline } from '../../src/service/timeline/memory-queue-timeline.js';
import { RedisQueueTimeline } from '../../src/service/timeline/redis-queue-timeline.js';
import { KEEP_MS, MINUTE_MS, type QueueTimeline } from '../../src/service/timeline/queue-timeline.js';
import { useTestRedis } from '../../../../test/support/redis-server.js';
import { testApp, type TestApp } from '../http/http-fixture.js';

const T0 = Date.parse('2026-12-07T09:00:00Z');
const redis = useTestRedis();

/** The same behaviour from both stores of the timeline. */
function behaves(name: string, make: () => QueueTimeline): void {
  describe(`${name}`, () => {
    it('keeps one point per minute: the most contacts seen waiting, and the latest service level', async () => {
      const tl = make();
      await tl.record(T0 + 5_000, [{ queueId: 'sales', waiting: 3, serviceLevel: 80 }, { queueId: 'vip', waiting: 0, serviceLevel: null }]);
      await tl.record(T0 + 20_000, [{ queueId: 'sales', waiting: 1, serviceLevel: 75 }]);
      await tl.record(T0 + MINUTE_MS + 1, [{ queueId: 'sales', waiting: 2, serviceLevel: 76.5 }]);
      expect(await tl.since(T0, ['sales', 'vip', 'none'])).toEqual({
        sales: [{ t: T0, waiting: 3, serviceLevel: 75 }, { t: T0 + MINUTE_MS, waiting: 2, serviceLevel: 76.5 }],
        vip: [{ t: T0, waiting: 0, serviceLevel: null }],
        none: [],
      });
      expect(await tl.since(T0 + MINUTE_MS + 30_000, ['sales'])).toEqual({ sales: [{ t: T0 + MINUTE_MS, waiting: 2, serviceLevel: 76.5 }] });
    });

    it('forgets minutes older than a day', async () => {
      const tl = make();
      await tl.record(T0, [{ queueId: 'sales', waiting: 1, serviceLevel: 50 }]);
      for (let i = 1; i <= 60; i++) await tl.record(T0 + KEEP_MS + i * MINUTE_MS, [{ queueId: 'sales', waiting: 0, serviceLevel: 50 }]);
      const points = (await tl.since(0, ['sales'])).sales ?? [];
      expect(points[0]?.t).toBeGreaterThan(T0);
      expect(points).toHaveLength(60);
    });
  });
}

behaves('MemoryQueueTimeline', () => new MemoryQueueTimeline());
behaves('RedisQueueTimeline', () => new RedisQueueTimeline(redis.redis, `tl-${Math.random().toString(36).slice(2)}`));

describe('GET /v1/queues/timeline', () => {
  let t: TestApp;
  afterEach(async () => { await t.close(); });

  it("answers each queue's day as the sampler took it, to any logged-in user", async () => {
    t = await testApp();
    await t.call('pbx', 'POST', '/v1/route', { callId: 'waiting-1@pbx.test', queueId: 'sales' });
    await t.service.sampler?.sample();
    const res = await t.call('ann', 'GET', '/v1/queues/timeline');
    expect(res.statusCode).toBe(200);
    const day = res.json();
    expect(Object.keys(day).sort()).toEqual(['sales', 'support']);
    expect(day.sales.at(-1)).toMatchObject({ waiting: 1 });
    expect((await t.call(undefined, 'GET', '/v1/queues/timeline')).statusCode).toBe(401);
    expect((await t.call('ann', 'GET', '/v1/queues/timeline?since=soon')).statusCode).toBe(400);
  });
});
