import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis, type RedisOptions } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, type DomainConfig, type RoutingEvent } from '@switchboard/router';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { outboxOf } from './support/outbox.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

const HERE = dirname(fileURLToPath(import.meta.url));

const DOMAIN: DomainConfig = {
  skills: [{ id: 'sales' }],
  queues: [{ id: 'sales', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }, { requirement: 'sales', afterSeconds: 5 }], ringTimeoutSeconds: 1, wrapUpSeconds: 2 }],
  agents: [{ id: 'ann', skills: { sales: 4 } }, { id: 'bob', skills: { sales: 2 } }, { id: 'cy', skills: { sales: 5 } }],
};

let server: TestRedis | undefined;
const clients: Redis[] = [];
const client = (url: string, opts: RedisOptions = {}) => {
  const c = new Redis(url, opts);
  c.on('error', () => undefined); // connection errors surface on the commands that meet them
  clients.push(c);
  return c;
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await server?.dispose();
  server = undefined;
});

const eventsOf = async (redis: Redis, domain: string): Promise<RoutingEvent[]> => outboxOf(await redis.xrange(`sb:{${domain}}:events`, '-', '+'));

/** The outbox once `ok` holds of it (an operation's events follow it into the outbox), or after 5 s. */
async function eventsWhen(redis: Redis, domain: string, ok: (events: RoutingEvent[]) => boolean): Promise<RoutingEvent[]> {
  const end = Date.now() + 5_000;
  let events = await eventsOf(redis, domain);
  while (!ok(events) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    events = await eventsOf(redis, domain);
  }
  return events;
}

describe('faults', () => {
  it('a router process killed (-9) while its offers ring: another process fires their ring timeouts and offers them again', async () => {
    server = await startTestRedis();
    const redis = client(server.url);
    const store = await RedisRoutingStore.create(DOMAIN, { redis, domain: 'crash' });
    for (const a of ['ann', 'cy']) {
      await store.loginAgent(a);
      await store.readyAgent(a);
    }
    // The doomed process takes two calls (ann and cy are offered them), then hangs and is killed.
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'support', 'submit-and-hang.ts'), server.url, 'crash'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => b.toString().includes('offered') && resolve()));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // Whether or not the killed process wrote the events of its offers, this one (which applies
    // the same log) writes what the outbox lacks.
    await store.listContacts();
    const before = await eventsWhen(redis, 'crash', (es) => es.filter((e) => e.type === 'reservation.created').length >= 2);
    expect(before.filter((e) => e.type === 'reservation.created').length).toBe(2);
    await new Promise((r) => setTimeout(r, 1_300)); // past the 1 s ring timeout, with no process left to notice
    expect(await store.runDueTimers()).toBeGreaterThanOrEqual(2);
    const after = (await eventsWhen(redis, 'crash', (es) => es.filter((e) => e.type === 'reservation.timedOut').length >= 2)).slice(before.length);
    const timedOut = after.filter((e) => e.type === 'reservation.timedOut').map((e) => (e as { contactId: string }).contactId).sort();
    expect(timedOut).toEqual(['k1', 'k2']);
    // Each is offered again at once, to the agent who did not just miss it.
    for (const id of ['k1', 'k2']) {
      const c = await store.getContact(id);
      expect(c.state).toBe('reserved');
      expect(c.declinedBy).toHaveLength(1);
      expect(c.agentId).not.toBe(c.declinedBy[0]);
    }
  });

  it('Redis killed and restarted with AOF on: state and pending timers survive, decisions go on as in the memory engine', async () => {
    server = await startTestRedis({ appendOnly: true });
    const redis = client(server.url, { maxRetriesPerRequest: 50 });
    const clock = new ManualClock(1_700_000_000_000);
    const engine = RoutingEngine.create(DOMAIN, { clock, trace: false });
    const engineEvents: RoutingEvent[] = [];
    engine.events.subscribe((e) => engineEvents.push(e));
    const store = await RedisRoutingStore.create(DOMAIN, { redis, domain: 'aof', clock });
    const both = async (f: (s: RedisRoutingStore) => Promise<unknown>, g: () => unknown) => {
      g();
      await f(store);
    };
    await both((s) => s.loginAgent('bob'), () => engine.login('bob'));
    await both((s) => s.readyAgent('bob'), () => engine.ready('bob'));
    await both((s) => s.loginAgent('ann'), () => engine.login('ann'));
    await both((s) => s.readyAgent('ann'), () => engine.ready('ann'));
    for (const id of ['c1', 'c2', 'c3']) await both((s) => s.enqueueContact({ id, queueId: 'sales' }), () => engine.submit({ id, queueId: 'sales' }));
    const viewsBefore = { agents: await store.listAgents(), contacts: await store.listContacts(), due: await store.nextDueAt() };

    await eventsWhen(redis, 'aof', (es) => es.length >= engineEvents.length);

    await server.kill();
    await server.start();

    // A process that opens the domain now rebuilds it from what Redis kept.
    const fresh = await RedisRoutingStore.open({ redis: client(server.url, { maxRetriesPerRequest: 50 }), domain: 'aof', clock });
    expect({ agents: await fresh.listAgents(), contacts: await fresh.listContacts(), due: await fresh.nextDueAt() }).toEqual(viewsBefore);
    expect({ agents: await store.listAgents(), contacts: await store.listContacts(), due: await store.nextDueAt() }).toEqual(viewsBefore);
    clock.advance(6_000); // c1's ring timeout, c2/c3 reach step 1 (bob), wrap-ups…
    engine.advance();
    await fresh.runDueTimers();
    expect(await fresh.listContacts()).toEqual(engine.contacts());
    expect(await store.listAgents()).toEqual(engine.agents());
    expect(await eventsWhen(redis, 'aof', (es) => es.length >= engineEvents.length)).toEqual(engineEvents);
    await fresh.close();
  });

  it('Redis unreachable: operations fail fast with STORE_UNAVAILABLE and nothing half-done; they resume when it is back', async () => {
    server = await startTestRedis({ appendOnly: true });
    const redis = client(server.url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    const store = await RedisRoutingStore.create(DOMAIN, { redis, domain: 'down' });
    await store.loginAgent('ann');
    await server.stop();
    const t0 = Date.now();
    await expect(store.readyAgent('ann')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.enqueueContact({ id: 'x1', queueId: 'sales' })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.listAgents()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(Date.now() - t0).toBeLessThan(10_000);
    await server.start();
    // The client reconnects with its own back-off; meanwhile reads still answer STORE_UNAVAILABLE.
    const end = Date.now() + 15_000;
    let presence: string | undefined;
    while (presence === undefined && Date.now() < end) {
      presence = await store.getAgent('ann').then((a) => a.presence, (e: { code?: string }) => {
        if (e.code !== 'STORE_UNAVAILABLE') throw e;
        return new Promise<undefined>((r) => setTimeout(() => r(undefined), 100));
      });
    }
    expect(presence).toBe('notReady');
    await store.readyAgent('ann');
    expect((await store.enqueueContact({ id: 'x1', queueId: 'sales' })).kind).toBe('reserved');
  });
});
