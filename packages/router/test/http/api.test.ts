import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './http-fixture.js';
import { RoutingError } from '../../src/core/errors.js';

let t: TestApp;
beforeEach(async () => { t = await testApp(); });
afterEach(async () => { await t.close(); });

const route = (callId: string, extra: Record<string, unknown> = {}) => t.call('pbx', 'POST', '/v1/route', { callId, dnis: '+7 800 555-01-01', ...extra });

describe('a call routed end to end', () => {
  it('reserves a ready agent, is idempotent by Call-ID, and goes through accept, complete and wrap-up', async () => {
    await t.ready('ann');
    const first = await route('a84b4c76e66710@pc33.example.com', { caller: '8 (812) 997-83-63' });
    expect(first.statusCode).toBe(200);
    const answer = first.json();
    expect(answer).toMatchObject({ status: 'reserved', agentId: 'ann', sipUri: 'sip:ann@pbx.test', queueId: 'sales', contactId: 'a84b4c76e66710@pc33.example.com' });

    const retry = await route('a84b4c76e66710@pc33.example.com', { caller: '8 (812) 997-83-63' });
    expect(retry.json()).toEqual(answer);

    const desk = (await t.call('ann', 'GET', '/v1/me/desk')).json();
    const offer = desk.contacts[0];
    expect(offer.attributes).toMatchObject({ caller: '+78129978363', customerId: 'cust-1', valueTier: 'gold' });
    expect((await t.call('ann', 'POST', `/v1/me/offers/${encodeURIComponent(offer.id)}/accept`, { token: offer.reservation.token })).statusCode).toBe(200);
    expect((await t.call('pbx', 'GET', `/v1/route/${encodeURIComponent(offer.id)}`)).json()).toMatchObject({ status: 'connected', agentId: 'ann' });

    expect((await t.call('ann', 'POST', `/v1/contacts/${encodeURIComponent(offer.id)}/complete`)).statusCode).toBe(200);
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent.activity).toBe('wrapUp');
    expect((await t.call('ann', 'POST', `/v1/me/wrap-ups/${encodeURIComponent(offer.id)}/finish`)).statusCode).toBe(200);
    const stats = (await t.call('sue', 'GET', '/v1/queues/sales/stats')).json();
    expect(stats).toMatchObject({ offered: 1, answered: 1, waiting: 0 });
  });

  it("shows the desk of an agent whose wrap-up outlasted the store's memory of the ended contact (it keeps the last 10,000)", async () => {
    await t.ready('ann');
    const { contactId } = (await route('gone@pbx.test')).json();
    const token = (await t.call('ann', 'GET', '/v1/me/desk')).json().contacts[0].reservation.token;
    await t.call('ann', 'POST', `/v1/me/offers/${encodeURIComponent(contactId)}/accept`, { token });
    await t.call('ann', 'POST', `/v1/contacts/${encodeURIComponent(contactId)}/complete`);
    const store = t.service.ctx.store;
    const getContact = store.getContact.bind(store);
    store.getContact = async (id: string) => {
      if (id === contactId) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${id}'`); // dropped from the retained ended contacts
      return getContact(id);
    };
    try {
      const desk = await t.call('ann', 'GET', '/v1/me/desk');
      expect([desk.statusCode, desk.json().agent.activity, desk.json().contacts]).toEqual([200, 'wrapUp', []]);
    } finally {
      store.getContact = getContact;
    }
  });

  it('queues a call with its position and expected wait when nobody is free', async () => {
    expect((await route('c1')).json()).toMatchObject({ status: 'queued', position: 1 });
    const second = (await route('c2')).json();
    expect(second).toMatchObject({ status: 'queued', position: 2 });
    expect(second.expectedWaitSeconds).toBeGreaterThan(0);
  });

  it('long-polls a queued call until an agent is reserved', async () => {
    const polled = route('lp-1', { waitSeconds: 10 });
    await new Promise((r) => setTimeout(r, 50));
    await t.ready('bob');
    const res = await polled;
    expect(res.json()).toMatchObject({ status: 'reserved', agentId: 'bob' });
  });

  it('gives a Call-ID that is not a valid id a stable digest id', async () => {
    const a = (await route('weird call id with spaces')).json();
    const b = (await route('weird call id with spaces')).json();
    expect(a.contactId).toMatch(/^sip-[0-9a-f]{40}$/);
    expect(b).toEqual(a);
  });

  it('routes a call with an invalid caller number unidentified, and rejects an unmapped dialled number with a typed error', async () => {
    const bad = await route('x1', { caller: 'not a number' });
    expect([bad.statusCode, bad.json().routing]).toEqual([200, { reason: 'queue', callerNumber: 'invalid' }]);
    const unmapped = await t.call('pbx', 'POST', '/v1/route', { callId: 'x2', dnis: '+7 800 555-09-09' });
    expect([unmapped.statusCode, unmapped.json().code]).toEqual([400, 'REQUEST_INVALID']);
    expect((await t.call('sue', 'GET', '/v1/contacts')).json().map((c: { id: string }) => c.id)).toEqual(['x1']);
  });
});

describe('an answer that cannot be kept for retries', () => {
  it('still answers the PBX, tells onError, and a retry answers from the contact without routing it again', async () => {
    const failures: unknown[] = [];
    const app = await testApp({ onError: (e) => failures.push(e) });
    try {
      await app.ready('ann');
      const values = app.service.ctx.values;
      const put = values.putIfAbsent.bind(values);
      values.putIfAbsent = (key, value, ttl) => (key.startsWith('route|') ? Promise.reject(new RoutingError('STORE_UNAVAILABLE', 'lost')) : put(key, value, ttl));
      const first = await app.call('pbx', 'POST', '/v1/route', { callId: 'lost-1', dnis: '+7 800 555-01-01' });
      expect([first.statusCode, first.json().status]).toEqual([200, 'reserved']);
      await new Promise((r) => setTimeout(r, 10));
      expect(failures).toEqual([expect.objectContaining({ code: 'STORE_UNAVAILABLE' })]);
      expect((await app.call('pbx', 'POST', '/v1/route', { callId: 'lost-1', dnis: '+7 800 555-01-01' })).json()).toEqual(first.json());
      expect((await app.call('sue', 'GET', '/v1/contacts')).json()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});

describe('contacts', () => {
  it('submits, transfers, abandons and asks for a callback with the router semantics', async () => {
    await t.ready('bob');
    const sub = await t.call('pbx', 'POST', '/v1/contacts', { id: 'k1', queueId: 'sales', caller: '+7 495 123-45-67' });
    expect(sub.json()).toMatchObject({ kind: 'reserved', agentId: 'bob' });
    const c = (await t.call('bob', 'GET', '/v1/contacts/k1')).json();
    await t.call('bob', 'POST', '/v1/me/offers/k1/accept', { token: c.reservation.token });
    expect((await t.call('bob', 'POST', '/v1/contacts/k1/transfer', { queueId: 'support' })).statusCode).toBe(200);
    expect((await t.call('pbx', 'GET', '/v1/contacts/k1')).json()).toMatchObject({ queueId: 'support', state: 'queued' });
    expect((await t.call('pbx', 'POST', '/v1/contacts/k1/callback')).statusCode).toBe(200);
    expect((await t.call('pbx', 'POST', '/v1/contacts/k1/abandon')).statusCode).toBe(200);
    const again = await t.call('pbx', 'POST', '/v1/contacts/k1/abandon');
    expect([again.statusCode, again.json().code]).toEqual([409, 'CONTACT_STATE_INVALID']);
  });

  it('shows a supervisor the decision trace of a contact of its queue', async () => {
    await t.ready('ann', 'bob');
    await route('tr-1');
    const trace = (await t.call('sue', 'GET', '/v1/contacts/tr-1/trace')).json();
    expect(trace.decisions[0]).toMatchObject({ trigger: 'contact-arrived', outcome: 'reserved' });
    expect(trace.eligibility.map((e: { agentId: string }) => e.agentId).sort()).toEqual(['ann', 'bob', 'cat']);
  });

  it('answers a stale fencing token with RESERVATION_STALE and changes nothing', async () => {
    await t.ready('ann');
    await route('st-1');
    const c = (await t.call('ann', 'GET', '/v1/contacts/st-1')).json();
    const res = await t.call('ann', 'POST', '/v1/me/offers/st-1/accept', { token: c.reservation.token + 1 });
    expect([res.statusCode, res.json().code]).toEqual([409, 'RESERVATION_STALE']);
    expect((await t.call('ann', 'GET', '/v1/contacts/st-1')).json().state).toBe('reserved');
  });
});

describe('presence and the agent grid', () => {
  it('takes reason codes, and a supervisor can force an agent of its team', async () => {
    await t.ready('ann');
    const paused = await t.call('ann', 'PUT', '/v1/me/presence', { state: 'notReady', reason: 'lunch' });
    expect(paused.json()).toMatchObject({ presence: 'notReady', reason: 'lunch' });
    const forced = await t.call('sue', 'PUT', '/v1/agents/ann/presence', { state: 'ready' });
    expect(forced.json().presence).toBe('ready');
    const grid = (await t.call('sue', 'GET', '/v1/agents')).json();
    expect(grid.map((a: { id: string }) => a.id).sort()).toEqual(['ann', 'bob']);
    expect(grid[0].stats).toHaveProperty('occupancy');
  });

  it('refuses an illegal transition with AGENT_STATE_INVALID', async () => {
    const res = await t.call('ann', 'PUT', '/v1/me/presence', { state: 'ready' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'AGENT_STATE_INVALID']);
  });
});

describe('live configuration', () => {
  it('lets admins add queues, supervisors edit steps and skills, and keeps documents as configured', async () => {
    const put = await t.call('admin', 'PUT', '/v1/config/queues/billing', { id: 'billing', steps: [{ requirement: 'support>=3', afterSeconds: 0 }] });
    expect(put.statusCode).toBe(200);
    expect((await t.call('sue', 'GET', '/v1/config/queues')).json().map((q: { id: string }) => q.id).sort()).toEqual(['billing', 'sales', 'support']);
    expect((await t.call('sue', 'PUT', '/v1/queues/sales/steps', { steps: [{ requirement: 'sales>=4', afterSeconds: 0 }, { requirement: 'sales', afterSeconds: 30 }] })).statusCode).toBe(200);
    expect((await t.call('sue', 'PUT', '/v1/agents/bob/skills', { skills: { sales: 5 } })).statusCode).toBe(200);
    const bob = (await t.call('sue', 'GET', '/v1/agents/bob')).json();
    expect(bob.skills).toEqual({ sales: 5 });
    expect(bob.memberships).toEqual([{ queueId: 'sales', step: 0, score: expect.any(Number) }]);
  });

  it("lets a queue's supervisor replace its policy live (head start, strategy, targets), audited; not another's queue", async () => {
    const policy = {
      steps: [{ requirement: 'sales>=3', afterSeconds: 0 }], strategy: 'round-robin', priority: { tierBoostSeconds: { gold: 45 }, maxBoostSeconds: 60 }, serviceLevel: { percent: 90, thresholdSeconds: 15 },
    };
    expect((await t.call('sue', 'PUT', '/v1/queues/sales/policy', policy)).statusCode).toBe(200);
    const q = (await t.call('sue', 'GET', '/v1/config/queues')).json().find((x: { id: string }) => x.id === 'sales');
    expect(q).toMatchObject({ id: 'sales', ...policy });
    const [entry] = (await t.call('sue', 'GET', '/v1/audit')).json();
    expect(entry).toMatchObject({ actor: 'user:sue', kind: 'queue', entityId: 'sales', after: { strategy: 'round-robin' } });
    expect(entry.before.strategy).toBeUndefined();
    const elsewhere = await t.call('sue', 'PUT', '/v1/queues/support/policy', policy);
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([403, 'FORBIDDEN']);
    const steps = policy.steps;
    for (const bad of [{}, { steps, strategy: 'fastest' }, { steps, priority: { tierBoostSeconds: { gold: -1 }, maxBoostSeconds: 60 } }, { steps, channel: 'chat' }]) {
      const res = await t.call('sue', 'PUT', '/v1/queues/sales/policy', bad);
      expect([res.statusCode, res.json().code], JSON.stringify(bad)).toEqual([400, 'REQUEST_INVALID']);
    }
    expect((await t.call('sue', 'GET', '/v1/audit')).json()).toHaveLength(1);
  });

  it('refuses a requirement that does not parse, pointing at the position, and changes nothing', async () => {
    const res = await t.call('sue', 'PUT', '/v1/queues/sales/steps', { steps: [{ requirement: 'sales>=', afterSeconds: 0 }] });
    expect([res.statusCode, res.json().code]).toEqual([400, 'SKILL_INVALID']);
    expect(res.json().message).toMatch(/position|\^/);
    const q = (await t.call('sue', 'GET', '/v1/config/queues')).json().find((x: { id: string }) => x.id === 'sales');
    expect(q.steps[0].requirement).toBe('sales>=2');
    expect((await t.call('admin', 'GET', '/v1/audit')).json()).toEqual([]);
  });

  it('refuses a body value of the wrong type instead of converting it (true is no number, null no zero)', async () => {
    const steps = [{ requirement: 'sales>=3', afterSeconds: 0 }];
    for (const bad of [
      { steps: [{ requirement: 'sales>=3', afterSeconds: true }] }, { steps, maxWaitSeconds: null }, { steps, ringTimeoutSeconds: '15' }, { steps, strategy: ['round-robin'] },
    ]) {
      const res = await t.call('sue', 'PUT', '/v1/queues/sales/policy', bad);
      expect([res.statusCode, res.json().code], JSON.stringify(bad)).toEqual([400, 'REQUEST_INVALID']);
    }
    expect((await t.call('admin', 'GET', '/v1/audit')).json()).toEqual([]);
    expect((await t.call('pbx', 'GET', '/v1/route/nobody?waitSeconds=0')).statusCode).toBe(404); // query strings are still read as numbers
  });

  it('checks the steps of a paused queue too, so that resuming it cannot fail on them', async () => {
    expect((await t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true })).statusCode).toBe(200);
    const audited = (await t.call('admin', 'GET', '/v1/audit')).json().length;
    for (const [path, body] of [
      ['steps', { steps: [{ requirement: 'sales>=', afterSeconds: 0 }] }],
      ['policy', { steps: [{ requirement: 'nosuchskill>=2', afterSeconds: 0 }] }],
    ] as const) {
      const res = await t.call('sue', 'PUT', `/v1/queues/sales/${path}`, body);
      expect([res.statusCode, res.json().code], path).toEqual([400, 'SKILL_INVALID']);
    }
    const q = (await t.call('sue', 'GET', '/v1/config/queues')).json().find((x: { id: string }) => x.id === 'sales');
    expect([q.paused, q.steps[0].requirement]).toEqual([true, 'sales>=2']);
    expect((await t.call('admin', 'GET', '/v1/audit')).json()).toHaveLength(audited);
    expect((await t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: false })).statusCode).toBe(200);
  });
});
