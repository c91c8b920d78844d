import { describe, expect, it } from 'vitest';
import { RoutingError, type RoutingEvent } from '@switchboard/router';
import { HistoryRecorder } from '../../src/service/history/history-recorder.js';
import { HistoryStreamReader } from '../../src/service/history/history-stream-reader.js';
import type { HistoryDraft } from '../../src/service/history/history-entry.js';
import { MemoryInteractionHistory } from '../../src/service/history/memory-interaction-history.js';
import { RedisInteractionHistory } from '../../src/service/history/redis-interaction-history.js';
import { useTestRedis } from '../../../../test/support/redis-server.js';

/**
 * The Redis history on a real redis-server: appends idempotent by key, the indices, and the
 * consumer-group reader's exactly-once recording when a process dies between recording an
 * event and acknowledging it, or when Redis loses the group.
 */
const t = useTestRedis();
let n = 0;
const domain = () => `hr${++n}`;
const noContacts = { getContact: () => Promise.reject(new RoutingError('CONTACT_UNKNOWN')) };
const draft = (over: Partial<HistoryDraft> = {}): HistoryDraft => ({ interactionId: 'c1', at: 1000, kind: 'queued', source: 'router', queueId: 'q', details: { step: 0 }, ...over });
const queued = (contactId: string, at: number): RoutingEvent => ({ type: 'contact.queued', at, contactId, queueId: 'q', step: 0, orderKey: at });

/** Waits (up to 10 s) until the check holds; a check that throws (the group not there yet) does not hold. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await check().catch(() => false)); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('RedisInteractionHistory', () => {
  it('records an entry appended twice with one key once, in the stream and the interaction', async () => {
    const d = domain();
    const h = new RedisInteractionHistory(t.redis, d);
    const first = await h.append(draft(), { position: '5-0', key: '5-0' });
    expect(first).toMatchObject({ position: '5-0', kind: 'queued' });
    expect(await h.append(draft({ at: 2000 }), { position: '5-0', key: '5-0' })).toBeUndefined();
    expect(await h.entries('c1')).toEqual([first]);
    expect(await t.redis.xlen(`sb:{${d}}:svc|hist`)).toBe(1);
  });

  it('appends several entries in one round trip as append would, each key once, in memory as in Redis', async () => {
    const items = [
      { draft: draft({ customerId: 'cu1' }), opts: { position: '5-0', key: '5-0' } },
      { draft: draft({ kind: 'offered', agentId: 'ann', at: 2000 }), opts: { position: '6-0', key: '6-0' } },
      { draft: draft({ at: 3000 }), opts: { position: '5-0', key: '5-0' } },
      { draft: draft({ interactionId: 'c2', agentId: 'ann', at: 4000 }) },
    ];
    for (const h of [new RedisInteractionHistory(t.redis, domain()), new MemoryInteractionHistory()]) {
      const made = await h.appendMany(items);
      expect(made.map((e) => e?.kind)).toEqual(['queued', 'offered', undefined, 'queued']);
      expect((await h.entries('c1')).map((e) => [e.kind, e.position])).toEqual([['queued', '5-0'], ['offered', '6-0']]);
      expect(await h.interactionsOfAgent('ann', 10)).toEqual(['c2', 'c1']);
      expect(await h.interactionsOfCustomer('cu1', 10)).toEqual(['c1']);
      expect(await h.appendMany([])).toEqual([]);
    }
  });

  it('appends a batch longer than one script call as the memory history does: dedupe across calls, both indices of an entry', async () => {
    // 100 entries: four script calls of up to 32; every fifth from 40 repeats the key of the entry 36
    // before it (same interaction, an earlier call), and entry 12 that of entry 6 (the same call);
    // some entries have a customer and an agent.
    const items = Array.from({ length: 100 }, (_, i) => {
      const key = i % 5 === 0 && i >= 36 ? `k${i - 36}` : i === 12 ? 'k6' : `k${i}`;
      const who = i % 3 === 0 ? { customerId: `cu${i % 4}`, agentId: `ag${i % 7}` } : i % 3 === 1 ? { agentId: `ag${i % 7}` } : {};
      return { draft: draft({ interactionId: `c${i % 6}`, at: 1000 + i, details: { step: i }, ...who }), opts: { position: `${i + 1}-0`, key } };
    });
    const [redis, memory] = [new RedisInteractionHistory(t.redis, domain()), new MemoryInteractionHistory()];
    const made = await Promise.all([redis.appendMany(items), memory.appendMany(items)]);
    expect(made[0].map((e) => e?.position)).toEqual(made[1].map((e) => e?.position));
    expect(made[0].filter((e) => e === undefined)).toHaveLength(13);
    for (let c = 0; c < 6; c++) {
      expect((await redis.entries(`c${c}`)).map((e) => [e.details, e.position])).toEqual((await memory.entries(`c${c}`)).map((e) => [e.details, e.position]));
    }
    for (let a = 0; a < 7; a++) expect(await redis.interactionsOfAgent(`ag${a}`, 10)).toEqual(await memory.interactionsOfAgent(`ag${a}`, 10));
    for (let cu = 0; cu < 4; cu++) expect(await redis.interactionsOfCustomer(`cu${cu}`, 10)).toEqual(await memory.interactionsOfCustomer(`cu${cu}`, 10));
  });

  it('orders an interaction by position, files it under its customer and agents, and pages the log', async () => {
    const h = new RedisInteractionHistory(t.redis, domain());
    await h.append(draft({ kind: 'answered', agentId: 'ann', at: 3000 }), { position: '9-1' });
    await h.append(draft({ kind: 'arrived', customerId: 'cu', at: 1000 }), { position: '0-0', key: 'arrival' });
    await h.append(draft({ kind: 'offered', agentId: 'ann', at: 2000 }), { position: '9-0' });
    await h.append(draft({ interactionId: 'c2', kind: 'arrived', customerId: 'cu', at: 5000 }), { position: '0-0', key: 'arrival' });
    expect((await h.entries('c1')).map((e) => e.kind)).toEqual(['arrived', 'offered', 'answered']);
    expect(await h.interactionsOfCustomer('cu', 10)).toEqual(['c2', 'c1']);
    expect(await h.interactionsOfAgent('ann', 10)).toEqual(['c1']);
    expect(await h.interactionsOfAgent('ann', 10, 3001)).toEqual([]);
    const p1 = await h.page(undefined, 3);
    const p2 = await h.page(p1.next, 3);
    expect([...p1.entries, ...p2.entries].map((e) => e.kind)).toEqual(['answered', 'arrived', 'offered', 'arrived']);
    expect(p2.next).toBeUndefined();
  });

  it("files an interaction under an agent by the agent's latest entry, in Redis as in memory (a shift's handling of an older call counts)", async () => {
    for (const h of [new RedisInteractionHistory(t.redis, domain()), new MemoryInteractionHistory()]) {
      await h.append(draft({ kind: 'answered', agentId: 'bob', customerId: 'cu', at: 1000 }));
      await h.append(draft({ interactionId: 'c2', kind: 'arrived', customerId: 'cu', at: 2000 }));
      await h.append(draft({ kind: 'answered', agentId: 'bob', customerId: 'cu', at: 5000 })); // the call came back to bob
      expect(await h.interactionsOfAgent('bob', 10, 4000)).toEqual(['c1']);
      expect(await h.interactionsOfCustomer('cu', 10)).toEqual(['c2', 'c1']); // a customer's stay by arrival
    }
  });

  it('keeps the latest shift start of an agent', async () => {
    const h = new RedisInteractionHistory(t.redis, domain());
    await h.noteShiftStart('ann', 2000);
    await h.noteShiftStart('ann', 1000); // an old login recorded late
    expect(await h.shiftStart('ann')).toBe(2000);
    expect(await h.shiftStart('bob')).toBeUndefined();
  });
});

describe('HistoryRecorder.recordMany', () => {
  it('rejects once when a shift note fails while contacts are read, leaving no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const h = new MemoryInteractionHistory();
    h.noteShiftStart = () => Promise.reject(new Error('Redis is down'));
    const slowContacts = { getContact: () => new Promise<never>((_, reject) => setTimeout(() => reject(new RoutingError('CONTACT_UNKNOWN')), 20)) };
    const login: RoutingEvent = { type: 'agent.loggedIn', at: 900, agentId: 'ann' };
    await expect(new HistoryRecorder(slowContacts, h).recordMany([{ e: login, at: {} }, { e: queued('s1', 1000), at: {} }])).rejects.toThrow('Redis is down');
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});

describe('HistoryStreamReader', () => {
  it('records an event once when the process that recorded it died before acknowledging it', async () => {
    const d = domain();
    const stream = `sb:{${d}}:events`;
    const h = new RedisInteractionHistory(t.redis, d);
    for (let i = 0; i < 20; i++) await t.redis.xadd(stream, '*', 'e', JSON.stringify(queued(`c${i % 4}`, 1000 + i)));
    // Process A records every event, then "dies" before each acknowledgement.
    const dying = new HistoryRecorder(noContacts, h);
    const record = dying.recordMany.bind(dying);
    dying.recordMany = async (items) => { await record(items); throw new Error('killed before XACK'); };
    const errors: unknown[] = [];
    const a = new HistoryStreamReader(t.redis, stream, dying, (e) => errors.push(e), { blockMs: 20, claimIdleMs: 60_000 });
    await until(async () => errors.length >= 20);
    await a.stop();
    const pending = (await t.redis.xpending(stream, 'history')) as [number, ...unknown[]];
    expect(pending[0]).toBe(20);
    // Process B takes the abandoned entries over and records them again: nothing is recorded twice.
    const bErrors: unknown[] = [];
    const b = new HistoryStreamReader(t.redis, stream, new HistoryRecorder(noContacts, h), (e) => bErrors.push(e), { blockMs: 20, claimIdleMs: 50 });
    await until(async () => ((await t.redis.xpending(stream, 'history')) as [number])[0] === 0);
    await b.stop();
    expect(bErrors).toEqual([]);
    const all = await h.entriesOf(['c0', 'c1', 'c2', 'c3']);
    expect(all.map((es) => es.map((e) => e.kind))).toEqual(Array(4).fill(['arrived', 'queued', 'queued', 'queued', 'queued', 'queued']));
    expect(await t.redis.xlen(`sb:{${d}}:svc|hist`)).toBe(24);
  });

  it('records and acknowledges the entries of a batch when one of them cannot be recorded, which stays pending', async () => {
    const d = domain();
    const stream = `sb:{${d}}:events`;
    const h = new RedisInteractionHistory(t.redis, d);
    for (const id of ['p1', 'poison', 'p2']) await t.redis.xadd(stream, '*', 'e', JSON.stringify(queued(id, 1000)));
    const recorder = new HistoryRecorder(noContacts, h);
    const record = recorder.recordMany.bind(recorder);
    recorder.recordMany = async (items) => {
      if (items.some(({ e }) => 'contactId' in e && e.contactId === 'poison')) throw new Error('cannot record this one');
      await record(items);
    };
    const errors: unknown[] = [];
    const reader = new HistoryStreamReader(t.redis, stream, recorder, (e) => errors.push(e), { blockMs: 20, claimIdleMs: 60_000 });
    await until(async () => errors.length >= 1 && (await h.entries('p2')).length === 2);
    await reader.stop();
    expect(((await t.redis.xpending(stream, 'history')) as [number])[0]).toBe(1);
    expect((await h.entries('p1')).map((e) => e.kind)).toEqual(['arrived', 'queued']);
    expect(await h.entries('poison')).toEqual([]);
  });

  it('tells its backlog: entries not read by the group plus those read and not acknowledged', async () => {
    const d = domain();
    const stream = `sb:{${d}}:events`;
    const h = new RedisInteractionHistory(t.redis, d);
    const recorder = new HistoryRecorder(noContacts, h);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => { release = r; });
    const record = recorder.recordMany.bind(recorder);
    recorder.recordMany = async (items) => { await held; await record(items); };
    const reader = new HistoryStreamReader(t.redis, stream, recorder, () => {}, { blockMs: 20 });
    for (const id of ['b1', 'b2', 'b3']) await t.redis.xadd(stream, '*', 'e', JSON.stringify(queued(id, 1000)));
    await until(async () => (await reader.backlog()) === 3);
    expect(await reader.backlog()).toBe(3);
    release();
    await until(async () => (await reader.backlog()) === 0);
    expect(await reader.backlog()).toBe(0);
    await reader.stop();
  });

  it('goes on recording after Redis lost the consumer group', async () => {
    const d = domain();
    const stream = `sb:{${d}}:events`;
    const h = new RedisInteractionHistory(t.redis, d);
    const errors: unknown[] = [];
    const reader = new HistoryStreamReader(t.redis, stream, new HistoryRecorder(noContacts, h), (e) => errors.push(e), { blockMs: 20 });
    await t.redis.xadd(stream, '*', 'e', JSON.stringify(queued('x1', 1000)));
    await until(async () => (await h.entries('x1')).length === 2);
    await t.redis.del(stream); // as after a Redis restart without persistence
    await t.redis.xadd(stream, '*', 'e', JSON.stringify(queued('x2', 2000)));
    await until(async () => (await h.entries('x2')).length === 2);
    await reader.stop();
    expect((await h.entries('x2')).map((e) => e.kind)).toEqual(['arrived', 'queued']);
    expect(errors.some((e) => String(e).includes('NOGROUP'))).toBe(true);
  });

  it('skips a log entry that is not an event instead of retrying it forever', async () => {
    const d = domain();
    const stream = `sb:{${d}}:events`;
    const h = new RedisInteractionHistory(t.redis, d);
    await t.redis.xadd(stream, '*', 'e', '{not json');
    await t.redis.xadd(stream, '*', 'e', JSON.stringify(queued('y1', 1000)));
    const errors: unknown[] = [];
    const reader = new HistoryStreamReader(t.redis, stream, new HistoryRecorder(noContacts, h), (e) => errors.push(e), { blockMs: 20 });
    await until(async () => ((await t.redis.xpending(stream, 'history')) as [number])[0] === 0 && (await h.entries('y1')).length === 2);
    await reader.stop();
    expect(errors).toEqual([]);
    expect((await h.entries('y1')).map((e) => e.kind)).toEqual(['arrived', 'queued']);
  });

  it('records the events of a batch entry (one per line) in order, each once, skipping a line that is not one', async () => {
    const d = domain();
    const stream = `sb:{${d}}:events`;
    const h = new RedisInteractionHistory(t.redis, d);
    const lines = [queued('z1', 1000), queued('z2', 1001), queued('z1', 1002)].map((e) => JSON.stringify(e));
    await t.redis.xadd(stream, '*', 'b', [lines[0], '{not json', lines[1], lines[2]].join('\n'));
    const errors: unknown[] = [];
    const reader = new HistoryStreamReader(t.redis, stream, new HistoryRecorder(noContacts, h), (e) => errors.push(e), { blockMs: 20 });
    await until(async () => ((await t.redis.xpending(stream, 'history')) as [number])[0] === 0 && (await h.entries('z1')).length === 3);
    await reader.stop();
    expect(errors).toEqual([]);
    expect((await h.entries('z1')).map((e) => [e.kind, e.at])).toEqual([['arrived', 1000], ['queued', 1000], ['queued', 1002]]);
    expect((await h.entries('z2')).map((e) => e.kind)).toEqual(['arrived', 'queued']);
  });
});
