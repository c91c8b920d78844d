import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SharedRateStore, type RateCount } from '../../src/http/shared-rate-store.js';
import { startTestRedis, useTestRedis } from '../../../../test/support/redis-server.js';

/**
 * The rate-limit store of Redis mode on a real redis-server: two stores stand for two router
 * processes of one domain, sharing their counts every few milliseconds.
 */
const t = useTestRedis();
const MINUTE = 60_000;
let n = 0;
const prefix = () => `sb:{rl${++n}}:rate|`;

const incr = (s: SharedRateStore, key: string, windowMs = MINUTE): RateCount => {
  let out: RateCount | undefined;
  s.incr(key, (err, res) => { if (err !== null) throw err; out = res; }, windowMs);
  return out as RateCount;
};
const read = (s: SharedRateStore, key: string, windowMs = MINUTE): RateCount => {
  let out: RateCount | undefined;
  s.read(key, (_err, res) => { out = res; }, windowMs);
  return out as RateCount;
};
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

describe('SharedRateStore', () => {
  it('counts each request at once, and every process sees the others after a share', async () => {
    const p = prefix();
    const clock = { t: 5 * MINUTE + 1_000 };
    const a = new SharedRateStore({ redis: t.redis, prefix: p, shareEveryMs: 5, now: () => clock.t });
    const b = new SharedRateStore({ redis: t.redis, prefix: p, shareEveryMs: 5, now: () => clock.t });
    expect([1, 2, 3].map(() => incr(a, 'pbx:x').current)).toEqual([1, 2, 3]);
    expect(incr(a, 'pbx:x').ttl).toBe(MINUTE - 1_000);
    expect(incr(b, 'pbx:x').current).toBe(1); // b has not heard of a's requests yet
    await settle();
    expect(incr(b, 'pbx:x').current).toBe(6); // 4 of a's, 2 of b's
    expect(incr(a, 'user:y').current).toBe(1); // another caller
    await settle();
    expect(read(a, 'pbx:x').current).toBe(4); // a learns the total when it next counts
    expect(incr(a, 'pbx:x').current).toBe(5);
    await settle();
    expect(read(a, 'pbx:x').current).toBe(7);
    expect(await t.redis.get(`${p}pbx:x|${MINUTE}|5`)).toBe('7');
    await Promise.all([a.close(), b.close()]);
  });

  it('starts a caller from zero in a new window and still sends the old window its late counts', async () => {
    const p = prefix();
    const clock = { t: 7 * MINUTE + 59_999 };
    const a = new SharedRateStore({ redis: t.redis, prefix: p, shareEveryMs: 5, now: () => clock.t });
    incr(a, 'k');
    incr(a, 'k');
    clock.t += 1;
    expect(incr(a, 'k')).toEqual({ current: 1, ttl: MINUTE });
    await settle();
    expect(await t.redis.get(`${p}k|${MINUTE}|7`)).toBe('2');
    expect(await t.redis.get(`${p}k|${MINUTE}|8`)).toBe('1');
    expect(await t.redis.pttl(`${p}k|${MINUTE}|8`)).toBeGreaterThan(MINUTE);
    expect(read(a, 'k').current).toBe(1);
    expect(read(a, 'nobody')).toEqual({ current: 0, ttl: 0 });
    await a.close();
  });

  it('keeps at most maxKeys counters, dropping the least recently counted, so a busy caller keeps its count', async () => {
    const p = prefix();
    const a = new SharedRateStore({ redis: t.redis, prefix: p, shareEveryMs: 5, maxKeys: 100, now: () => 9 * MINUTE });
    for (let i = 0; i < 50; i++) incr(a, 'pbx:busy');
    await settle();
    for (let i = 0; i < 1_000; i++) {
      incr(a, `ip:10.0.${i >> 8}.${i & 255}`); // callers seen once each
      if (i % 10 === 0) incr(a, 'pbx:busy');
      if (i % 100 === 0) await settle(10);
    }
    expect(read(a, 'pbx:busy').current).toBeGreaterThanOrEqual(150);
    expect((a as unknown as { counters: Map<string, unknown> }).counters.size).toBeLessThanOrEqual(100);
    await a.close();
  });

  it('stays within maxKeys while Redis is down, and stops sharing once closed', async () => {
    const server = await startTestRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => {});
    const clock = { t: 4 * MINUTE };
    let failures = 0;
    const a = new SharedRateStore({ redis, prefix: 'sb:{out}:rate|', shareEveryMs: 5, maxKeys: 100, now: () => clock.t, onError: () => failures++ });
    await server.kill();
    await until(async () => redis.status !== 'ready');
    for (let w = 0; w < 5; w++, clock.t += MINUTE) for (let i = 0; i < 300; i++) incr(a, `ip:${i}`);
    await until(async () => failures > 0);
    expect(failures).toBeGreaterThan(0);
    expect((a as unknown as { counters: Map<string, unknown> }).counters.size).toBeLessThanOrEqual(100);
    await a.close(100);
    const after = failures;
    await settle(200);
    expect(failures).toBe(after);
    redis.disconnect();
    await server.dispose();
  });

  it('goes on counting in the process while Redis is down, sends the counts once it is back, and closes within its grace', async () => {
    const server = await startTestRedis();
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    redis.on('error', () => {});
    const a = new SharedRateStore({ redis, prefix: 'sb:{down}:rate|', shareEveryMs: 5, now: () => 3 * MINUTE });
    incr(a, 'k');
    await settle();
    await server.kill();
    for (let i = 0; i < 4; i++) incr(a, 'k');
    await settle(200);
    expect(incr(a, 'k').current).toBe(6);
    const t0 = Date.now();
    await a.close(300); // the share is held by ioredis until Redis is back
    expect(Date.now() - t0).toBeLessThan(2_000);
    const b = new SharedRateStore({ redis, prefix: 'sb:{down}:rate|', shareEveryMs: 5, now: () => 3 * MINUTE });
    incr(b, 'k');
    await server.start();
    await until(async () => (await redis.get(`sb:{down}:rate|k|${MINUTE}|3`)) === '6');
    // What reached the killed server (no AOF) is gone; a's 5 counts of the outage and b's 1 are there.
    expect(await redis.get(`sb:{down}:rate|k|${MINUTE}|3`)).toBe('6');
    await b.close();
    redis.disconnect();
    await server.dispose();
  });
});

/** Waits (up to 5 s) until the check holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check().catch(() => false)); i++) await settle(50);
}
