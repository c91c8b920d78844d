import type { Redis } from 'ioredis';
import { expect } from 'vitest';

/**
 * The Redis store keeps its pools exact (no stale entries): every pool holds one entry for each
 * ready agent with a membership filed in it (one for several memberships that share the pool)
 * and room for the queue's channel, and nothing else. Read straight from the domain's keys (a
 * test may SCAN; the store never does).
 */
export async function expectExactPools(redis: Redis, domain: string): Promise<void> {
  const prefix = `sb:{${domain}}:`;
  const want = new Set<string>();
  for (const key of await scan(redis, `${prefix}a|*`)) {
    const [id, presence, cap, used, perch, maxch, mem] = await redis.hmget(key, 'id', 'presence', 'cap', 'used', 'perch', 'maxch', 'mem');
    if (presence !== 'ready') continue;
    const per = JSON.parse(perch ?? '[]') as number[];
    const max = JSON.parse(maxch ?? '[]') as number[];
    for (const m of JSON.parse(mem ?? '[]') as Array<{ pool: string; ch: number; cost: number }>) {
      if (Number(cap) - Number(used) >= m.cost && (per[m.ch] ?? 0) < (max[m.ch] ?? 0)) want.add(`p|${m.pool} ${id}`);
    }
  }
  const got: string[] = [];
  for (const key of await scan(redis, `${prefix}p|*`)) {
    for (const member of await redis.zrange(key, 0, -1)) got.push(`${key.slice(prefix.length)} ${member.split('|').slice(2).join('|')}`);
  }
  expect(got.sort()).toEqual([...want].sort());
}

async function scan(redis: Redis, pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out;
}
