import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, type DomainConfig, type RoutingEvent } from '@switchboard/router';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { useTestRedis } from '../support/redis-server.js';
import { readOutbox } from './support/outbox.js';

/** Defects found in review of the Redis store, each pinned against the memory engine. */

const t = useTestRedis();
let n = 0;

async function both(config: DomainConfig) {
  const clock = new ManualClock(1_700_000_000_000);
  const engine = RoutingEngine.create(config, { clock });
  const engineEvents: RoutingEvent[] = [];
  engine.events.subscribe((e) => engineEvents.push(e));
  const domain = `review${++n}`;
  const store = await RedisRoutingStore.create(config, { redis: t.redis, domain, clock });
  const storeEvents = () => readOutbox(t.redis, domain, engineEvents.length);
  return { clock, engine, store, engineEvents, storeEvents, domain };
}

const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));

describe('Redis store review regressions', () => {
  it('queue ids with ":" do not collide with another queue’s keys', async () => {
    const config: DomainConfig = {
      skills: [{ id: 's' }],
      queues: [{ id: 'a', steps: [{ requirement: 's', afterSeconds: 0 }] }, { id: 'a:w:0', steps: [{ requirement: 's', afterSeconds: 0 }] }],
      agents: [],
    };
    const p = await both(config);
    for (const q of ['a', 'a:w:0', 'a']) {
      const id = `c${q}${Math.random()}`.replace(/[^A-Za-z0-9.:]/g, '');
      expect(await p.store.enqueueContact({ id, queueId: q })).toEqual(p.engine.submit({ id, queueId: q }));
    }
    expect(await p.store.queueStats('a:w:0')).toEqual(p.engine.queueStats('a:w:0'));
  });

  it('a contact that overflows on arrival is reported in the queue it went to', async () => {
    const config: DomainConfig = {
      skills: [{ id: 's' }],
      queues: [
        { id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }], maxLength: 1, overflowQueueId: 'o' },
        { id: 'o', steps: [{ requirement: 's', afterSeconds: 0 }] },
      ],
      agents: [],
    };
    const p = await both(config);
    for (const id of ['c1', 'c2']) expect(await p.store.enqueueContact({ id, queueId: 'q' })).toEqual(p.engine.submit({ id, queueId: 'q' }));
    expect(await p.storeEvents()).toEqual(p.engineEvents);
  });

  it('fractional configuration values keep full precision (service level at the threshold)', async () => {
    const config: DomainConfig = {
      skills: [{ id: 's' }],
      queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }], serviceLevel: { percent: 80, thresholdSeconds: 1.005 } }],
      agents: [{ id: 'ann', skills: { s: 1 } }],
    };
    const p = await both(config);
    await p.store.enqueueContact({ id: 'c1', queueId: 'q' });
    p.engine.submit({ id: 'c1', queueId: 'q' });
    p.clock.advance(1005);
    await p.store.loginAgent('ann');
    await p.store.readyAgent('ann');
    p.engine.login('ann');
    p.engine.ready('ann');
    const r = (await p.store.getContact('c1')).reservation as { id: string; token: number };
    await p.store.acceptReservation(r.id, r.token);
    p.engine.accept(r.id, r.token);
    expect(await p.store.queueStats('q')).toEqual(p.engine.queueStats('q'));
  });

  it('a reservation id with a leading zero names the same reservation (stale, not unknown)', async () => {
    const config: DomainConfig = { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }], agents: [{ id: 'ann', skills: { s: 1 } }] };
    const p = await both(config);
    await p.store.loginAgent('ann');
    await p.store.readyAgent('ann');
    p.engine.login('ann');
    p.engine.ready('ann');
    await p.store.enqueueContact({ id: 'c1', queueId: 'q' });
    p.engine.submit({ id: 'c1', queueId: 'q' });
    const engineCode = (() => {
      try {
        p.engine.accept('R01', 7);
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    })();
    expect(await code(p.store.acceptReservation('R01', 7))).toBe(engineCode);
    expect(await code(p.store.acceptReservation('R1', Symbol('t') as never))).toBe('RESERVATION_STALE');
  });

  it('a backlog of more due timers than one script fires is worked off before the next operation', async () => {
    const config: DomainConfig = {
      skills: [{ id: 's' }],
      queues: [{ id: 'q', steps: [{ requirement: 's>=2', afterSeconds: 0 }, { requirement: 's', afterSeconds: 60 }], maxWaitSeconds: 600 }],
      agents: [{ id: 'ann', skills: { s: 1 } }],
    };
    const p = await both(config);
    for (let i = 0; i < 700; i++) {
      await p.store.enqueueContact({ id: `c${i}`, queueId: 'q' });
      p.engine.submit({ id: `c${i}`, queueId: 'q' });
    }
    p.clock.advance(61_000); // 700 escalation timers due at once
    await p.store.loginAgent('ann');
    p.engine.login('ann');
    await p.store.readyAgent('ann');
    p.engine.ready('ann');
    expect(await p.storeEvents()).toEqual(p.engineEvents);
    expect(await p.store.listContacts()).toEqual(p.engine.contacts());
  });

  it('a process that opens the domain works from the stored configuration, live edits included', async () => {
    const config: DomainConfig = { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }], agents: [] };
    const p = await both(config);
    await p.store.upsertAgent({ id: 'x', skills: { s: 2 } });
    const other = await RedisRoutingStore.open({ redis: t.redis, domain: p.domain, clock: p.clock });
    expect((await other.getAgent('x')).memberships).toEqual([{ queueId: 'q', step: 0, score: 2 }]);
    await other.loginAgent('x');
    await other.readyAgent('x');
    // The first store's layout is behind (one edit later): it reloads when Redis says so.
    await p.store.setAgentSkills('x', { s: 1 });
    expect((await other.enqueueContact({ id: 'c1', queueId: 'q' })).kind).toBe('reserved');
    await expect(RedisRoutingStore.open({ redis: t.redis, domain: 'nowhere' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
