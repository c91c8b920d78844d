import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, validateServiceConfig, type ServiceConfig } from '@switchboard/router/service';
import { KAMAILIO_KEY, testApp, testConfig, type TestApp } from './http-fixture.js';

// Findings of the review of the PBX route path (2026-12-07), each pinned.
let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });
const app = async (...args: Parameters<typeof testApp>): Promise<TestApp> => (t = await testApp(...args));
const enc = encodeURIComponent;
const HOUR = 3_600_000;
const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

/** One queue whose 'complaint' reason and 'gold' tier get a head start (at most 10 minutes); nobody logged in. */
const boostConfig = () => validateServiceConfig({
  domainId: 'boost-review',
  domain: {
    skills: [{ id: 'support' }],
    queues: [{ id: 'support', steps: [{ requirement: 'support', afterSeconds: 0 }], priority: { reasonBoostSeconds: { complaint: 60 }, tierBoostSeconds: { gold: 60 }, maxBoostSeconds: 600 } }],
    agents: [{ id: 'cat', skills: { support: 3 } }],
  },
  users: [{ id: 'admin', role: 'admin', passwordHash: hashPassword('pw') }],
  pbx: [{ id: 'pbx-1', apiKey: 'test-pbx-key-0123456789' }],
});

/** Sales and a lead queue (voice both); unknown callers become leads (`fromQueues` as given). */
const leadsConfig = (fromQueues?: string[]): ServiceConfig => validateServiceConfig({
  domainId: 'leads-review',
  domain: {
    skills: [{ id: 'sales' }, { id: 'lang.en' }],
    queues: [{ id: 'sales', steps: [{ requirement: 'sales', afterSeconds: 0 }] }, { id: 'leads', steps: [{ requirement: 'sales', afterSeconds: 0 }] }],
    agents: [{ id: 'ann', team: 'team-a', skills: { sales: 3 } }],
  },
  users: [{ id: 'admin', role: 'admin', passwordHash: hashPassword('pw') }],
  leads: { queueId: 'leads', ...(fromQueues === undefined ? {} : { fromQueues }) },
  pbx: [{ id: 'pbx-1', apiKey: 'test-pbx-key-0123456789' }],
  defaultCountry: 'RU',
});

describe('the route path review', () => {
  for (const reason of ['constructor', 'toString', '__proto__']) {
    it(`gives a reason or tier no boost is configured for no head start: '${reason}'`, async () => {
      const s = await app({ config: boostConfig() });
      expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'first@pbx', queueId: 'support', reason: 'complaint' })).json()).toMatchObject({ status: 'queued', position: 1 });
      const later = (await s.call('pbx', 'POST', '/v1/route', { callId: 'second@pbx', queueId: 'support', reason })).json();
      expect(later).toMatchObject({ status: 'queued', position: 2 }); // behind the complaint, which came first and has a head start
      expect((await s.call('admin', 'GET', '/v1/contacts/second@pbx')).json().boostMs).toBe(0);
      expect((await s.call('pbx', 'POST', '/v1/contacts', { id: 'third', queueId: 'support', valueTier: reason })).statusCode).toBe(200);
      expect((await s.call('admin', 'GET', '/v1/contacts/third')).json().boostMs).toBe(0);
    });
  }

  it("counts a queued call's staffing afresh after a second, also when the service clock is pinned", async () => {
    const at = Date.parse('2026-11-25T10:00:00+03:00');
    const s = await app({ now: () => at });
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'w-1@pbx', queueId: 'support' })).json()).toMatchObject({ status: 'queued', position: 1, expectedWaitSeconds: 180 }); // nobody logged in
    for (const a of ['bob', 'cat']) expect((await s.call(a, 'PUT', '/v1/me/presence', { state: 'loggedIn' })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await s.call('pbx', 'GET', '/v1/route/w-1@pbx')).json()).toMatchObject({ status: 'queued', position: 1, expectedWaitSeconds: 90 }); // 180 s over two agents
  });

  it('polls and reports a call whose Call-ID is as long as the route request takes (512 characters, escaped in the path)', async () => {
    const s = await app();
    await s.ready('ann');
    const callId = `${'x'.repeat(200)};${'y'.repeat(302)}@pbx.test`; // the ';' is escaped in a path: 514 characters there
    expect(callId).toHaveLength(512);
    const first = await s.call('pbx', 'POST', '/v1/route', { callId, queueId: 'sales' });
    expect([first.statusCode, first.json().status]).toEqual([200, 'reserved']);
    expect((await s.call('pbx', 'GET', `/v1/route/${enc(callId)}`)).statusCode).toBe(200);
    const answered = await s.call('pbx', 'POST', `/v1/pbx/calls/${enc(callId)}/answered`, { reservationId: first.json().reservationId });
    expect([answered.statusCode, answered.json().status]).toEqual([200, 'connected']);
    const hungUp = await s.call('pbx', 'POST', `/v1/pbx/calls/${enc(callId)}/hangup`);
    expect([hungUp.statusCode, hungUp.json().status]).toEqual([200, 'ended']);
  });

  // `switchboard serve --time …` shifts the service's wall clock (ctx.now); reservation
  // deadlines and callback times stay on the router's clock. Here the service is an hour off.
  it("gives Kamailio a ring timer that ends just before the router's deadline, whatever the service clock says", async () => {
    const s = await app({ now: () => Date.now() - HOUR });
    await s.ready('ann');
    const res = await s.app.inject({ method: 'POST', url: '/v1/route', headers: { authorization: basic('kamailio-1', KAMAILIO_KEY) }, payload: { callId: 'clk-1@pbx', queueId: 'sales' } });
    const ring = res.json().rtjson.routes[0].fr_inv_timer;
    expect(ring).toBeLessThan(10_000); // the sales queue rings for 10 s
    expect(ring).toBeGreaterThan(9_000);
  });

  it("waits for the router's ring timer on a 'timeout' report (a missed offer) when the service clock runs ahead", async () => {
    const s = await app({ now: () => Date.now() + HOUR });
    expect((await s.call('admin', 'PUT', '/v1/config/queues/sales', { id: 'sales', steps: [{ requirement: 'sales>=2', afterSeconds: 0 }], ringTimeoutSeconds: 1, autoPauseAfterMissed: 1 })).statusCode).toBe(200);
    await s.ready('ann', 'bob');
    const { reservationId, deadline } = (await s.call('pbx', 'POST', '/v1/route', { callId: 'clk-2@pbx', queueId: 'sales' })).json();
    const next = (await s.call('pbx', 'POST', `/v1/pbx/calls/${enc('clk-2@pbx')}/no-answer`, { reservationId, cause: 'timeout' })).json();
    expect(next).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    expect((await s.call('ann', 'GET', '/v1/me/desk')).json().agent).toMatchObject({ presence: 'notReady', reason: 'missed-offers' });
  });

  it('tells a scheduled callback how long until it is due on the router clock', async () => {
    const s = await app({ now: () => Date.now() - HOUR });
    const due = Date.now() + 60_000;
    expect((await s.call('pbx', 'POST', '/v1/contacts', { id: 'clk-3', queueId: 'support', callbackAt: due })).json()).toMatchObject({ kind: 'scheduled' });
    const answer = (await s.call('pbx', 'GET', '/v1/route/clk-3')).json();
    expect(answer.status).toBe('queued');
    expect(answer.expectedWaitSeconds).toBeLessThanOrEqual(60);
    expect(answer.expectedWaitSeconds).toBeGreaterThan(55);
  });

  it("refuses a late 'answered' for the first offer while the next agent's answer is being recorded", async () => {
    const s = await app();
    // Until this review the service wrote down which offer connected after accepting it; a slow
    // write (a Redis round trip) left a window. The store's own record of the answer has none.
    const values = s.service.ctx.values;
    const put = values.put.bind(values);
    values.put = async (key, value, ttlMs) => {
      if (key.startsWith('accepted|')) await new Promise((r) => setTimeout(r, 200));
      return put(key, value, ttlMs);
    };
    const call = (what: string, body?: unknown) => s.call('pbx', 'POST', `/v1/pbx/calls/${enc('race-1@pbx.test')}/${what}`, body);
    await s.ready('ann', 'bob');
    const first = (await s.call('pbx', 'POST', '/v1/route', { callId: 'race-1@pbx.test', queueId: 'sales' })).json();
    const next = (await call('no-answer', { reservationId: first.reservationId, cause: 'declined' })).json();
    expect(next).toMatchObject({ status: 'reserved', agentId: 'bob' });
    const bobAnswers = call('answered', { reservationId: next.reservationId });
    await new Promise((r) => setTimeout(r, 50));
    const late = await call('answered', { reservationId: first.reservationId }); // ann's phone picked up after all
    expect([late.statusCode, late.json().code]).toEqual([409, 'RESERVATION_STALE']);
    expect((await bobAnswers).json()).toMatchObject({ status: 'connected', agentId: 'bob' });
    expect((await call('answered', { reservationId: next.reservationId })).json()).toMatchObject({ status: 'connected', agentId: 'bob' }); // again: idempotent
  });

  it('ends a call whose caller hung up while its route request looked the caller up (submitted after the hang-up)', async () => {
    const s = await app();
    const directory = s.service.ctx.directory;
    const byNumber = directory.byNumber.bind(directory);
    directory.byNumber = async (e164) => { await new Promise((r) => setTimeout(r, 300)); return byNumber(e164); }; // a slow CRM
    await s.ready('bob');
    const CALL = 'slow-crm@pbx.test';
    const routing = s.call('pbx', 'POST', '/v1/route', { callId: CALL, queueId: 'support', caller: '+7 812 997-83-63' });
    await new Promise((r) => setTimeout(r, 100));
    expect((await s.call('pbx', 'POST', `/v1/pbx/calls/${enc(CALL)}/hangup`)).statusCode).toBe(404); // no contact yet
    expect((await routing).json()).toMatchObject({ status: 'reserved', agentId: 'bob' }); // planned before it knew
    let status: { status?: string; state?: string } = {};
    for (let i = 0; i < 100 && status.status !== 'ended'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await s.call('pbx', 'GET', `/v1/route/${enc(CALL)}`)).json();
    }
    expect(status).toMatchObject({ status: 'ended', state: 'abandoned' });
    expect((await s.call('bob', 'GET', '/v1/me/desk')).json().agent).toMatchObject({ presence: 'ready' }); // the offer was taken back
  });

  it('ends a call whose caller hung up while its route request was in flight (Kamailio reports the CANCEL at once)', async () => {
    const s = await app();
    const CALL = 'gone-1@pbx.test';
    const [routed, hungUp] = await Promise.all([ // the hang-up comes while the route request identifies the caller
      s.call('pbx', 'POST', '/v1/route', { callId: CALL, queueId: 'support', caller: '+7 812 997-83-63' }),
      s.call('pbx', 'POST', `/v1/pbx/calls/${enc(CALL)}/hangup`),
    ]);
    expect(routed.statusCode).toBe(200);
    expect([hungUp.statusCode, hungUp.json().code]).toEqual([404, 'CONTACT_UNKNOWN']); // Kamailio takes a 404 as done
    // Whichever came first, nothing is left waiting: the contact ended, or was never submitted.
    let status: { status?: string; state?: string; code?: string } = {};
    for (let i = 0; i < 100; i++) {
      status = (await s.call('pbx', 'GET', `/v1/route/${enc(CALL)}`)).json();
      if (status.status === 'ended' || status.code === 'CONTACT_UNKNOWN') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status.code === 'CONTACT_UNKNOWN' ? routed.json() : status).toMatchObject({ status: 'ended', state: 'abandoned' });
    // A route request that comes after the hang-up (a retry, say) submits nothing: the caller is gone.
    expect((await s.call('pbx', 'POST', `/v1/pbx/calls/${enc('late@pbx')}/hangup`)).statusCode).toBe(404);
    await s.ready('ann');
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'late@pbx', queueId: 'sales' })).json()).toEqual({ status: 'ended', contactId: 'late@pbx', queueId: 'sales', state: 'abandoned' });
    expect((await s.call('ann', 'GET', '/v1/me/desk')).json().agent).toMatchObject({ presence: 'ready' });
    expect((await s.call('pbx', 'GET', `/v1/route/${enc('late@pbx')}`)).statusCode).toBe(404);
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'other@pbx', queueId: 'sales' })).json()).toMatchObject({ status: 'reserved', agentId: 'ann' }); // others as usual
  });

  it('makes no lead (and publishes no lead.created) for an unknown caller whose route request is refused', async () => {
    const s = await app({ config: leadsConfig(['sales']) });
    const seen: string[] = [];
    const sub = s.service.ctx.bus.events.subscribe((e) => seen.push(e.type));
    const res = await s.call('pbx', 'POST', '/v1/route', { callId: 'bad-1@pbx', queueId: 'sales', caller: '+7 903 111-22-33', requiredSkills: ['lang.xx'] });
    expect([res.statusCode, res.json().code]).toEqual([400, 'SKILL_INVALID']);
    expect((await s.call('pbx', 'GET', '/v1/route/bad-1@pbx')).statusCode).toBe(404);
    expect((await s.call('admin', 'GET', '/v1/leads')).json()).toEqual([]);
    // The same caller's next, valid call makes the lead, once, and is routed as a lead.
    const ok = (await s.call('pbx', 'POST', '/v1/route', { callId: 'ok-1@pbx', queueId: 'sales', caller: '+7 903 111-22-33' })).json();
    sub.unsubscribe();
    expect(ok).toMatchObject({ status: 'queued', queueId: 'leads', routing: { reason: 'lead' } });
    expect((await s.call('admin', 'GET', '/v1/leads')).json()).toMatchObject([{ firstContactId: 'ok-1@pbx', askedQueueId: 'sales' }]);
    expect(seen.filter((t) => t === 'lead.created')).toHaveLength(1);
  });

  it('answers QUEUE_UNKNOWN for a queue that does not exist, whoever calls', async () => {
    const s = await app({ config: leadsConfig() }); // leads from every voice queue
    const withheld = await s.call('pbx', 'POST', '/v1/route', { callId: 'typo-1@pbx', queueId: 'slaes' });
    expect([withheld.statusCode, withheld.json().code]).toEqual([404, 'QUEUE_UNKNOWN']);
    const stranger = await s.call('pbx', 'POST', '/v1/route', { callId: 'typo-2@pbx', queueId: 'slaes', caller: '+7 903 111-22-33' });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'QUEUE_UNKNOWN']);
    expect((await s.call('admin', 'GET', '/v1/leads')).json()).toEqual([]);
  });

  it('routes an unknown caller of a queue added at run time to the lead queue, and refuses one just deleted', async () => {
    const s = await app({ config: leadsConfig() }); // leads from every voice queue
    // A routed call loads the live view (kept for a second); queue edits must not wait for it.
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'warm@pbx', queueId: 'sales', caller: '+7 903 111-22-33' })).json()).toMatchObject({ queueId: 'leads' });
    expect((await s.call('admin', 'PUT', '/v1/config/queues/sales2', { id: 'sales2', steps: [{ requirement: 'sales', afterSeconds: 0 }] })).statusCode).toBe(200);
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'new-q@pbx', queueId: 'sales2', caller: '+7 903 444-55-66' })).json()).toMatchObject({ queueId: 'leads', routing: { reason: 'lead' } });
    expect((await s.call('admin', 'DELETE', '/v1/config/queues/sales2')).statusCode).toBeLessThan(300);
    const stranger = await s.call('pbx', 'POST', '/v1/route', { callId: 'gone-q@pbx', queueId: 'sales2', caller: '+7 903 777-88-99' });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'QUEUE_UNKNOWN']);
  });

  it("offers a paused queue's contact to no preferred agent, whatever window a service policy or the submitter gives it", async () => {
    // cust-1 (+7 812 997-83-63) is a gold customer owned by ann; the gold policy answers within 10 s.
    const s = await app({ config: validateServiceConfig({ ...testConfig(), servicePolicies: [{ id: 'gold', valueTier: 'gold', serviceLevel: { percent: 80, thresholdSeconds: 10 } }] }) });
    await s.ready('ann');
    expect((await s.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true })).statusCode).toBe(200);
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'own', queueId: 'sales', caller: '+7 812 997-83-63' })).json()).toMatchObject({ status: 'queued' });
    expect((await s.call('pbx', 'POST', '/v1/contacts', { id: 'pw', queueId: 'sales', preferredAgentIds: ['ann'], preferredWindowSeconds: 30 })).statusCode).toBe(200);
    expect((await s.call('admin', 'GET', '/v1/agents/ann')).json().activity).toBe('ready');
    for (const id of ['own', 'pw']) expect((await s.call('admin', 'GET', `/v1/contacts/${id}`)).json().state).not.toBe('reserved');
  });
});
