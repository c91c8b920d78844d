import { describe, expect, it } from 'vitest';
import { ManualClock, type DomainConfig } from '@switchboard/router';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { BehindSnapshot } from '../../packages/router/src/store/redis/log-entry.js';
import { replayLog } from '../../packages/router/src/store/redis/replay.js';
import { useTestRedis } from '../support/redis-server.js';

/** The command log stays bounded by snapshots, and a process that opens the domain restores the latest one. */

const t = useTestRedis();
let n = 0;

const DOMAIN: DomainConfig = {
  skills: [{ id: 'sales' }],
  queues: [{ id: 'sales', steps: [{ requirement: 'sales', afterSeconds: 0 }], wrapUpSeconds: 0 }],
  agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { sales: 4 } }],
};

/** Calls arrive and are answered and completed, one operation at a time (one log entry each). */
async function day(store: RedisRoutingStore, clock: ManualClock, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const o = await store.enqueueContact({ id: `c${i}`, queueId: 'sales' });
    clock.advance(1_000);
    if (o.kind === 'reserved') {
      await store.acceptReservation(o.reservationId, o.token);
      await store.completeContact(o.contactId);
    }
  }
}

const logLength = (domain: string) => t.redis.xlen(`sb:{${domain}}:log`);

describe('snapshots of the Redis store', () => {
  it('keep the log bounded, and a process that opens the domain later is where the others are', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = `snaps${++n}`;
    const store = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock, snapshotEvery: 20 });
    for (const a of ['ann', 'bob']) {
      await store.loginAgent(a);
      await store.readyAgent(a);
    }
    await day(store, clock, 200); // 604 entries
    expect(await logLength(domain)).toBeLessThan(60);
    expect(await t.redis.hget(`sb:{${domain}}:snap`, 'id')).not.toBeNull();
    const late = await RedisRoutingStore.open({ redis: t.redis, domain, clock });
    expect(await late.listAgents()).toEqual(await store.listAgents());
    expect(await late.listContacts()).toEqual(await store.listContacts());
    expect(await late.queueStats('sales')).toEqual(await store.queueStats('sales'));
    // …and goes on deciding as the first process would.
    const o = await late.enqueueContact({ id: 'after', queueId: 'sales' });
    expect(o).toMatchObject({ kind: 'reserved', reservationId: 'R201' });
    expect((await store.getContact('after')).state).toBe('reserved');
    await late.close();
    await store.close();
  });

  it('are not taken by a process told not to (snapshotEvery 0), and a bad setting is refused', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = `snaps${++n}`;
    const store = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock, snapshotEvery: 0 });
    await store.loginAgent('ann');
    await store.readyAgent('ann');
    await day(store, clock, 30);
    expect(await logLength(domain)).toBe(92);
    expect(await t.redis.exists(`sb:{${domain}}:snap`)).toBe(0);
    await store.close();
    for (const snapshotEvery of [-1, 1.5, Number.NaN]) {
      const name = `snaps${++n}`;
      await expect(RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain: name, clock, snapshotEvery })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      expect(await t.redis.exists(`sb:{${name}}:meta`)).toBe(0); // nothing written
    }
  });

  it('tell a reader whose position was trimmed so, instead of handing it a log with a hole', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = `snaps${++n}`;
    const store = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock, snapshotEvery: 10 });
    await store.loginAgent('ann');
    await store.readyAgent('ann');
    await day(store, clock, 20);
    const keys = { meta: `sb:{${domain}}:meta`, log: `sb:{${domain}}:log` };
    await expect(replayLog(t.redis, keys, '0-0', () => undefined)).rejects.toBeInstanceOf(BehindSnapshot);
    const from = (await t.redis.hget(`sb:{${domain}}:snap`, 'id')) as string;
    const read: string[] = [];
    await replayLog(t.redis, keys, from, (e) => read.push(e.id));
    expect(read.length).toBeGreaterThan(0);
    await store.close();
  });

  it.each([0, 100])('let a process far behind catch up before its own operation (snapshotEvery %i)', async (snapshotEvery) => {
    const clock = new ManualClock(1_700_000_000_000);
    const domain = `snaps${++n}`;
    const busy = await RedisRoutingStore.create(DOMAIN, { redis: t.redis, domain, clock, snapshotEvery });
    const idle = await RedisRoutingStore.open({ redis: t.redis, domain, clock, snapshotEvery });
    for (const a of ['ann', 'bob']) {
      await busy.loginAgent(a);
      await busy.readyAgent(a);
    }
    await day(busy, clock, 250); // 754 entries: more than one reply carries (512), or trimmed past the idle one
    const o = await idle.enqueueContact({ id: 'late', queueId: 'sales' });
    expect(o).toMatchObject({ kind: 'reserved', reservationId: 'R251' });
    expect(await idle.listAgents()).toEqual(await busy.listAgents());
    expect(await idle.listContacts()).toEqual(await busy.listContacts());
    await idle.close();
    await busy.close();
  });
});
