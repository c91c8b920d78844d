import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { useTestRedis } from '../../../../test/support/redis-server.js';
import { leadIdOf, type Lead, type LeadBook } from '../../src/service/leads/lead.js';
import { MemoryLeadBook } from '../../src/service/leads/memory-lead-book.js';
import { RedisLeadBook } from '../../src/service/leads/redis-lead-book.js';
import { RedisServiceEventBus } from '../../src/service/service-events.js';

const r = useTestRedis();
let domains = 0;

const leadOf = (number: string, at: string, over: Partial<Lead> = {}): Lead => ({
  id: leadIdOf(number), number, country: 'RU', regionId: undefined, createdAt: at, firstContactId: `c-${number.slice(1)}`,
  askedQueueId: 'sales', reason: undefined, data: {}, status: 'new', ...over,
});

const books: Array<[string, () => LeadBook]> = [
  ['memory', () => new MemoryLeadBook()],
  ['redis', () => new RedisLeadBook(r.redis, `leads-${process.pid}-${++domains}`)],
];

describe.each(books)('lead book (%s)', (_, make) => {
  it('keeps the first lead of a number; a second create returns it unchanged', async () => {
    const book = make();
    const first = leadOf('+79001112233', '2026-11-25T10:00:00.000Z', { data: { topic: 'tariffs' } });
    expect(await book.create(first)).toEqual({ lead: first, created: true });
    const again = await book.create({ ...first, firstContactId: 'other', createdAt: '2026-11-25T11:00:00.000Z' });
    expect(again).toEqual({ lead: first, created: false });
    expect(await book.get(first.id)).toEqual(first);
  });

  it('creates a number\'s lead once when calls race', async () => {
    const book = make();
    const tries = Array.from({ length: 20 }, (_, i) => book.create(leadOf('+79005556677', '2026-11-25T10:00:00.000Z', { firstContactId: `c${i}` })));
    const results = await Promise.all(tries);
    expect(results.filter((x) => x.created)).toHaveLength(1);
    expect(new Set(results.map((x) => x.lead.firstContactId)).size).toBe(1);
  });

  it('assigns an existing lead and never creates one by assigning', async () => {
    const book = make();
    const lead = leadOf('+79001110000', '2026-11-25T10:00:00.000Z');
    await book.create(lead);
    const a = { agentId: 'agent03', by: 'sue', at: '2026-11-25T10:05:00.000Z' };
    expect(await book.assign(lead.id, a)).toEqual({ ...lead, status: 'assigned', assignedAgentId: 'agent03', assignedBy: 'sue', assignedAt: a.at });
    expect((await book.get(lead.id))?.assignedAgentId).toBe('agent03');
    expect(await book.assign('lead-missing', a)).toBeUndefined();
    expect(await book.get('lead-missing')).toBeUndefined();
  });

  it('lists the newest first, up to the limit', async () => {
    const book = make();
    for (let i = 0; i < 5; i++) await book.create(leadOf(`+7900111220${i}`, `2026-11-25T10:0${i}:00.000Z`));
    expect((await book.latest(3)).map((l) => l.number)).toEqual(['+79001112204', '+79001112203', '+79001112202']);
  });
});

describe('service events across processes (Redis)', () => {
  it('an event published by one process reaches every other process of the domain', async () => {
    const domain = `bus-${process.pid}`;
    const a = new RedisServiceEventBus(r.redis, domain);
    const other = r.redis.duplicate();
    const b = new RedisServiceEventBus(other, domain);
    const seen = firstValueFrom(b.events.pipe(take(2), toArray()));
    await new Promise((res) => setTimeout(res, 200)); // the tail starts at the stream's end: let it start
    await a.publish({ type: 'lead.created', at: 1, leadId: 'lead-1', contactId: 'c1', queueId: 'leads', askedQueueId: 'sales' });
    await a.publish({ type: 'lead.assigned', at: 2, leadId: 'lead-1', agentId: 'agent01', by: 'sue' });
    expect((await seen).map((e) => e.type)).toEqual(['lead.created', 'lead.assigned']);
    other.disconnect();
  });
});
