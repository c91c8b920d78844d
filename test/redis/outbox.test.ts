import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { StreamConsumer, tailStream, type StreamEntry } from '../../packages/router/src/store/redis/outbox.js';
import { useTestRedis } from '../support/redis-server.js';

const t = useTestRedis();

const until = async (ok: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('tailStream', () => {
  it('delivers every entry appended after it started, in order, to each subscriber', async () => {
    const stream = 'sb:{t1}:events';
    await t.redis.xadd(stream, '*', 'e', 'before');
    const a = firstValueFrom(tailStream(t.redis, stream, { blockMs: 100 }).pipe(take(50), toArray()));
    const b = firstValueFrom(tailStream(t.redis, stream, { blockMs: 100 }).pipe(take(50), toArray()));
    await new Promise((r) => setTimeout(r, 200)); // both are reading
    for (let i = 0; i < 50; i++) await t.redis.xadd(stream, '*', 'e', String(i));
    const want = Array.from({ length: 50 }, (_, i) => String(i));
    expect((await a).map((x) => x.fields.e)).toEqual(want);
    expect((await b).map((x) => x.fields.e)).toEqual(want);
  });

  it('can start from the beginning', async () => {
    const stream = 'sb:{t2}:events';
    for (let i = 0; i < 3; i++) await t.redis.xadd(stream, '*', 'e', String(i));
    const got = await firstValueFrom(tailStream(t.redis, stream, { after: '0', blockMs: 100 }).pipe(take(3), toArray()));
    expect(got.map((x) => x.fields.e)).toEqual(['0', '1', '2']);
  });
});

describe('StreamConsumer', () => {
  it('hands each entry to one consumer, and a dead consumer’s pending entries to a live one', async () => {
    const stream = 'sb:{t3}:events';
    const seen = new Map<string, string[]>();
    const note = (who: string) => async (e: StreamEntry) => {
      seen.set(e.fields.e as string, [...(seen.get(e.fields.e as string) ?? []), who]);
    };
    // A consumer that takes entries and dies before acknowledging them.
    const dead = new StreamConsumer(t.redis, stream, 'dispatch', 'dead', { blockMs: 100, claimIdleMs: 300 });
    await dead.ensureGroup();
    for (let i = 0; i < 20; i++) await t.redis.xadd(stream, '*', 'e', String(i));
    await dead.start(async () => {
      throw new Error('crashes before acknowledging');
    });
    await until(async () => ((await t.redis.xpending(stream, 'dispatch')) as [number])[0] === 20);
    await dead.stop();

    const live = new StreamConsumer(t.redis, stream, 'dispatch', 'live', { blockMs: 100, claimIdleMs: 300 });
    await live.start(note('live'));
    for (let i = 20; i < 30; i++) await t.redis.xadd(stream, '*', 'e', String(i));
    await until(() => seen.size === 30);
    await until(async () => ((await t.redis.xpending(stream, 'dispatch')) as [number])[0] === 0);
    await live.stop();
    for (const [, who] of seen) expect(who).toEqual(['live']);
  });

  it('two live consumers share the work without handling an entry twice', async () => {
    const stream = 'sb:{t4}:events';
    const seen: string[] = [];
    const a = new StreamConsumer(t.redis, stream, 'g', 'a', { blockMs: 50 });
    const b = new StreamConsumer(t.redis, stream, 'g', 'b', { blockMs: 50 });
    await a.start(async (e) => void seen.push(e.fields.e as string));
    await b.start(async (e) => void seen.push(e.fields.e as string));
    for (let i = 0; i < 200; i++) await t.redis.xadd(stream, '*', 'e', String(i));
    await until(() => seen.length >= 200);
    await Promise.all([a.stop(), b.stop()]);
    expect(seen.length).toBe(200);
    expect(new Set(seen).size).toBe(200);
  });
});
