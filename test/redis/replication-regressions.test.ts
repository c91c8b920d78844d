import { connect, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ManualClock, type DomainConfig } from '@switchboard/router';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { registerScripts } from '../../packages/router/src/store/redis/scripts.js';
import { useTestRedis } from '../support/redis-server.js';

/** Defects found in review of the replicated store (2026-12-07), each reproduced first. */

const t = useTestRedis();
let n = 0;
const name = () => `repl${++n}`;

const DOMAIN: DomainConfig = {
  skills: [{ id: 'sales' }],
  queues: [{ id: 'sales', steps: [{ requirement: 'sales', afterSeconds: 0 }], wrapUpSeconds: 0 }],
  agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { sales: 4 } }],
};

/** A TCP proxy to the test Redis that can drop the next reply (and the connection with it). */
async function lossyProxy(target: number): Promise<{ port: number; dropNextReply: () => void; close: () => void }> {
  let drop = false;
  const server: Server = createServer((c: Socket) => {
    const s = connect(target, '127.0.0.1');
    c.on('data', (d) => s.write(d));
    s.on('data', (d) => {
      if (drop) {
        drop = false;
        c.destroy();
        s.destroy();
        return;
      }
      c.write(d);
    });
    for (const x of [c, s]) x.on('error', () => {});
    c.on('close', () => s.destroy());
    s.on('close', () => c.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { port, dropNextReply: () => { drop = true; }, close: () => server.close() };
}

describe('replicated Redis store review regressions', () => {
  it('a call whose reply is lost fails with STORE_UNAVAILABLE, and is in the log once (ioredis would have sent it again)', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = name();
    const proxy = await lossyProxy(t.server.port);
    const creator = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock });
    const lossy = new Redis({ port: proxy.port, host: '127.0.0.1', maxRetriesPerRequest: 2 });
    lossy.on('error', () => {});
    const store = await RedisRoutingStore.open({ redis: lossy, domain, clock });
    await store.loginAgent('ann');
    proxy.dropNextReply();
    await expect(store.enqueueContact({ id: 'c1', queueId: 'sales' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    const ops = (await t.redis.xrange(`sb:{${domain}}:log`, '-', '+')).map(([, f]) => f[3]);
    expect(ops.filter((o) => o?.includes('"c1"'))).toHaveLength(1);
    // It did happen: both processes see it, and the first is told a duplicate if it tries again.
    expect((await creator.getContact('c1')).state).toBe('queued');
    await expect(store.enqueueContact({ id: 'c1', queueId: 'sales' })).rejects.toMatchObject({ code: 'CONTACT_DUPLICATE' });
    await store.close();
    await creator.close();
    lossy.disconnect();
    proxy.close();
  });

  it('runDueTimers fires a timer another process set on its first call, as the memory store does', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = name();
    const a = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock });
    const b = await RedisRoutingStore.open({ redis: t.redis, domain, clock });
    await a.loginAgent('ann');
    await a.readyAgent('ann');
    expect(await a.enqueueContact({ id: 'c1', queueId: 'sales' })).toMatchObject({ kind: 'reserved' });
    await a.close();
    clock.advance(3_600_000);
    expect(await b.runDueTimers()).toBeGreaterThan(0);
    expect((await b.getContact('c1')).state).toBe('queued');
    await b.close();
  });

  it.each(['before', 'at'] as const)('a far-behind process whose catch-up read meets a newer snapshot (%s its own entry) restores it and agrees', async (where) => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = name();
    const keys = { meta: `sb:{${domain}}:meta`, log: `sb:{${domain}}:log`, snap: `sb:{${domain}}:snap`, outbox: `sb:{${domain}}:events` };
    const ra = new Redis(t.server.url);
    const busy = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock, snapshotEvery: 0 });
    await busy.loginAgent('ann');
    const behind = await RedisRoutingStore.open({ redis: ra, domain, clock, snapshotEvery: 0 });
    await behind.listAgents();
    for (let i = 0; i < 295; i++) {
      await busy.readyAgent('ann');
      await busy.pauseAgent('ann', 'x');
    }
    await busy.listAgents();
    const snapshotOf = (s: RedisRoutingStore) => {
      const inner = s as unknown as { log: { position: string }; replica: { snapshot(): { time: number; data: string } } };
      return { id: inner.log.position, ...inner.replica.snapshot() };
    };
    let saved = snapshotOf(busy);
    if (where === 'before') {
      await busy.loginAgent('bob');
      await busy.readyAgent('bob'); // after the snapshot, before the behind process's own entry
      await busy.listAgents();
    }
    // The snapshot is stored (and the log trimmed) between the behind process's append and its catch-up read.
    const { log_snapshot: store } = registerScripts(t.redis, ['log_snapshot']);
    let armed = true;
    const multi = ra.multi.bind(ra);
    (ra as unknown as { multi: typeof ra.multi }).multi = ((...a: Parameters<typeof ra.multi>) => {
      const m = multi(...a);
      const exec = m.exec.bind(m);
      m.exec = (async () => {
        if (armed) {
          armed = false;
          if (where === 'at') {
            await busy.listAgents();
            saved = snapshotOf(busy);
          }
          await store([keys.meta, keys.log, keys.snap, keys.outbox], [saved.id, saved.time, saved.data, '', '', '', 0]);
        }
        return exec();
      }) as typeof m.exec;
      return m;
    }) as typeof ra.multi;
    const outcome = await behind.enqueueContact({ id: 'c1', queueId: 'sales' }).catch((e: { code: string }) => e.code);
    expect(armed).toBe(false);
    const late = await RedisRoutingStore.open({ redis: t.redis, domain, clock, snapshotEvery: 0 });
    const truth = await late.getContact('c1');
    // Before: the snapshot holds bob's login, which the behind process must not skip. At: the
    // snapshot holds the operation itself, whose result is then unknown here (it did happen).
    if (where === 'before') expect(outcome).toMatchObject({ kind: 'reserved', agentId: 'bob' });
    else expect(outcome).toBe('STORE_UNAVAILABLE');
    expect(truth.state).toBe(where === 'before' ? 'reserved' : 'queued');
    for (const s of [behind, busy]) {
      expect(await s.getContact('c1')).toEqual(truth);
      expect(await s.listAgents()).toEqual(await late.listAgents());
    }
    for (const s of [behind, busy, late]) await s.close();
    ra.disconnect();
  });
});
