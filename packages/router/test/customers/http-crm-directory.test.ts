import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../src/service/config-schema.js';
import type { LookupEvent } from '../../src/service/customers/customer-directory.js';
import { HttpCrmDirectory, type HttpCrmOptions } from '../../src/service/customers/http-crm-directory.js';
import { MemoryCustomerDirectory } from '../../src/service/customers/memory-customer-directory.js';
import { FakeCrm, type CrmMode } from './fake-crm.js';

const vip: Customer = { id: 'vip-1', name: 'Big Bank', numbers: ['+74951234567'], accounts: ['100200'], valueTier: 'platinum', segment: 'core', ownerAgentId: 'ann' };
/** The embedded directory's view of the same customer (older data), the fallback. */
const embeddedVip: Customer = { ...vip, valueTier: 'gold' };

let crm: FakeCrm;
let clock: number;
let events: LookupEvent[];
beforeEach(async () => {
  crm = await FakeCrm.start([vip]);
  clock = 1_000_000; // lru-cache takes a start time of 0 for "no TTL"
  events = [];
});
afterEach(async () => { await crm.close(); });

function directory(over: Partial<HttpCrmOptions> = {}): HttpCrmDirectory {
  return new HttpCrmDirectory({
    url: crm.url, timeoutMs: 200, cacheTtlSeconds: 60, negativeCacheTtlSeconds: 5, now: () => clock,
    fallback: MemoryCustomerDirectory.of([embeddedVip], 'RU'), onLookup: (e) => events.push(e), ...over,
  });
}

describe('HttpCrmDirectory against a CRM that answers', () => {
  it('finds a customer by number, id and account on the documented paths, dropping fields it does not know', async () => {
    const d = directory({ headers: { authorization: 'Bearer crm-token' } });
    expect(await d.byNumber('+74951234567')).toEqual({ customer: vip, outcome: 'hit', cached: false });
    expect(await d.byAccount('100200')).toEqual({ customer: vip, outcome: 'hit', cached: false });
    clock += 61_000; // past the TTL: byId asks again
    expect(await d.byId('vip-1')).toEqual({ customer: vip, outcome: 'hit', cached: false });
    expect(crm.requests).toEqual([
      { path: '/api/customers/by-number/+74951234567', authorization: 'Bearer crm-token' },
      { path: '/api/customers/by-account/100200', authorization: 'Bearer crm-token' },
      { path: '/api/customers/vip-1', authorization: 'Bearer crm-token' },
    ]);
  });

  it('takes 404 as "no such customer" (a miss, not a fallback)', async () => {
    expect(await directory().byNumber('+79990000000')).toEqual({ customer: undefined, outcome: 'miss', cached: false });
    expect(events.map((e) => e.outcome)).toEqual(['miss']);
  });

  it('caches a customer found, under its id too, until the TTL passes', async () => {
    const d = directory();
    await d.byNumber('+74951234567');
    expect(await d.byNumber('+74951234567')).toEqual({ customer: vip, outcome: 'hit', cached: true });
    expect(await d.byId('vip-1')).toMatchObject({ outcome: 'hit', cached: true });
    expect(d.peek('vip-1')).toEqual(vip);
    expect(crm.requests).toHaveLength(1);
    clock += 60_001;
    expect(await d.byNumber('+74951234567')).toMatchObject({ outcome: 'hit', cached: false });
    expect(crm.count('/api/customers/by-number/+74951234567')).toBe(2);
  });

  it('caches "no such customer" for the shorter negative TTL only', async () => {
    const d = directory();
    await d.byNumber('+79990000000');
    clock += 4_000;
    expect(await d.byNumber('+79990000000')).toEqual({ customer: undefined, outcome: 'miss', cached: true });
    expect(crm.requests).toHaveLength(1);
    clock += 1_001;
    expect(await d.byNumber('+79990000000')).toMatchObject({ outcome: 'miss', cached: false });
    expect(crm.requests).toHaveLength(2);
  });

  it('sends one request for concurrent lookups of one number', async () => {
    const d = directory();
    const all = await Promise.all(Array.from({ length: 10 }, () => d.byNumber('+74951234567')));
    expect(all.every((l) => l.customer?.id === 'vip-1')).toBe(true);
    expect(crm.requests).toHaveLength(1);
  });

  it('caches nothing with a TTL of 0', async () => {
    const d = directory({ cacheTtlSeconds: 0, negativeCacheTtlSeconds: 0 });
    for (const n of ['+74951234567', '+74951234567', '+79990000000', '+79990000000']) await d.byNumber(n);
    expect(crm.requests).toHaveLength(4);
  });
});

describe('HttpCrmDirectory against a CRM that cannot answer', () => {
  it('falls back when the CRM is slower than the budget, well before it would answer', async () => {
    crm.mode = 'slow';
    crm.delayMs = 20_000;
    const t0 = performance.now();
    expect(await directory().byNumber('+74951234567')).toEqual({ customer: embeddedVip, outcome: 'fallback', cached: false });
    expect(performance.now() - t0).toBeLessThan(crm.delayMs / 2); // timeout 200 ms vs a 20 s answer: proves it did not wait
    expect(events).toEqual([expect.objectContaining({ verb: 'byNumber', outcome: 'fallback', reason: 'timeout' })]);
  });

  it('falls back when nothing listens', async () => {
    const d = directory({ url: await FakeCrm.downUrl() });
    expect(await d.byAccount('100200')).toEqual({ customer: embeddedVip, outcome: 'fallback', cached: false });
    expect(events[0]).toMatchObject({ outcome: 'fallback', reason: 'unreachable' });
  });

  it.each<[CrmMode, string]>([
    ['status500', 'status 500'],
    ['notJson', 'invalid body'],
    ['badShape', 'invalid body'],
    ['huge', 'body too large'],
  ])('falls back when the CRM answers %s, and asks again next time (failures are not cached)', async (mode, reason) => {
    crm.mode = mode;
    const d = directory();
    expect(await d.byNumber('+74951234567')).toEqual({ customer: embeddedVip, outcome: 'fallback', cached: false });
    expect(await d.byNumber('+74951234567')).toMatchObject({ outcome: 'fallback', cached: false });
    expect(crm.requests).toHaveLength(2);
    expect(events.map((e) => e.reason)).toEqual([reason, reason]);
    crm.mode = 'ok';
    expect(await d.byNumber('+74951234567')).toEqual({ customer: vip, outcome: 'hit', cached: false });
  });

  it('refuses an answer about another customer than the id asked', async () => {
    crm.mode = 'otherCustomer';
    expect(await directory().byId('vip-1')).toMatchObject({ customer: embeddedVip, outcome: 'fallback' });
    expect(events[0]?.reason).toBe('another customer');
  });

  it('knows nobody when told to fall back to no one', async () => {
    crm.mode = 'status500';
    const d = new HttpCrmDirectory({ url: crm.url, timeoutMs: 200 });
    expect(await d.byNumber('+74951234567')).toEqual({ customer: undefined, outcome: 'fallback', cached: false });
    expect([d.peek('vip-1'), await d.list()]).toEqual([undefined, []]);
  });

  it('peeks and lists from the fallback', async () => {
    const d = directory();
    expect([d.peek('vip-1'), await d.list()]).toEqual([embeddedVip, [embeddedVip]]);
    expect(crm.requests).toHaveLength(0);
  });
});
