import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScript, registerScripts } from '../../packages/router/src/store/redis/scripts.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

let server: TestRedis;

beforeAll(async () => {
  server = await startTestRedis({ appendOnly: true });
});

afterAll(async () => {
  await server.dispose();
});

const KEYS = ['sb:{s}:pool', 'sb:{s}:a:ann', 'sb:{s}:c:c1', 'sb:{s}:timers'];

describe('store scripts', () => {
  it('load with a versioned command name and the key count of their header', () => {
    const s = loadScript('ceiling');
    expect(s.numberOfKeys).toBe(4);
    expect(s.command).toMatch(/^sb_ceiling_[0-9a-f]{10}$/);
    expect(loadScript('log_append').numberOfKeys).toBe(3);
    expect(loadScript('log_create').numberOfKeys).toBe(2);
    expect(loadScript('log_snapshot').numberOfKeys).toBe(4);
  });

  it('refuse a script that uses more keys than its header lists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-lua-'));
    writeFileSync(join(dir, 'bad.lua'), "-- KEYS: 1 meta, 2 log,\n--   3 outbox\nreturn redis.call('GET', KEYS[3])\n");
    expect(() => loadScript('bad', dir)).toThrow(/uses KEYS\[3\]/);
  });

  it('run, and keep running after the script cache is flushed and after Redis restarts', async () => {
    const redis = new Redis(server.url, { maxRetriesPerRequest: 20 });
    const { ceiling } = registerScripts(redis, ['ceiling']);
    await redis.zadd(KEYS[0] as string, 1, 'ann', 2, 'bob', 3, 'cy');
    expect(await ceiling(KEYS, ['c1', 1000])).toBe('ann');
    expect(await redis.hget(KEYS[2] as string, 'agent')).toBe('ann');

    await redis.script('FLUSH'); // NOSCRIPT on the next EVALSHA
    expect(await ceiling(KEYS, ['c2', 2000])).toBe('bob');

    await server.kill(); // the cache is gone, the data (AOF) is not
    await server.start();
    expect(await ceiling(KEYS, ['c3', 3000])).toBe('cy');
    expect(await ceiling(KEYS, ['c4', 4000])).toBe(-2); // empty pool: the documented refusal
    expect(await redis.zrange(KEYS[3] as string, 0, -1)).toEqual(['c1', 'c2', 'c3']);
    redis.disconnect();
  });
});
