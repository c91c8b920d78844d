import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KAMAILIO_KEY, PBX_KEY, testApp, type TestApp } from './http-fixture.js';

/** The PBX adapter (`/v1/pbx/calls/:callId/…`): what a SIP server reports about a call it routed. */

let t: TestApp;
beforeEach(async () => { t = await testApp(); });
afterEach(async () => { await t.close(); });

const enc = encodeURIComponent;
const CALL = 'a84b4c76e66710@pc33.example.com';
const route = (callId = CALL) => t.call('pbx', 'POST', '/v1/route', { callId, dnis: '+7 800 555-01-01' });
const pbx = (callId: string, what: string, body?: unknown) => t.call('pbx', 'POST', `/v1/pbx/calls/${enc(callId)}/${what}`, body);
const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

describe('PBX credentials', () => {
  it('takes HTTP Basic with the PBX id and its key (Kamailio http_client), and refuses another id', async () => {
    await t.ready('ann');
    const ok = await t.app.inject({ method: 'POST', url: '/v1/route', headers: { authorization: basic('pbx-1', PBX_KEY) }, payload: { callId: CALL, queueId: 'sales' } });
    expect([ok.statusCode, ok.json().status]).toEqual([200, 'reserved']);
    for (const auth of [basic('pbx-2', PBX_KEY), basic('pbx-1', 'wrong-key-0123456789'), 'Basic bm9jb2xvbg==']) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/route/${enc(CALL)}`, headers: { authorization: auth } });
      expect([res.statusCode, res.json().code], auth).toEqual([401, 'AUTH_INVALID']);
    }
  });
});

const asKamailio = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: basic('kamailio-1', KAMAILIO_KEY) }, ...(payload === undefined ? {} : { payload }) });

describe('the route set for Kamailio', () => {
  it("names the agent, carries the interaction and reservation ids as headers, and rings until just before the router's deadline", async () => {
    await t.ready('ann');
    const answer = (await asKamailio('POST', '/v1/route', { callId: CALL, dnis: '+7 800 555-01-01' })).json();
    expect(answer.rtjson).toEqual({
      version: '1.0', routing: 'serial',
      routes: [{ uri: 'sip:ann@pbx.test', headers: { extra: `X-Switchboard-Contact: ${CALL}\r\nX-Switchboard-Reservation: ${answer.reservationId}\r\nX-Switchboard-Queue: sales\r\n` }, fr_inv_timer: expect.any(Number) }],
    });
    const ring = answer.rtjson.routes[0].fr_inv_timer;
    expect(ring).toBeLessThan(10_000); // the queue rings for 10 s
    expect(ring).toBeGreaterThan(9_000);
  });

  it('goes only to a PBX configured with rtjson: true, with every answer that names an agent', async () => {
    await t.ready('ann', 'bob');
    const plain = (await route()).json();
    expect(plain).toMatchObject({ status: 'reserved', agentId: 'ann' });
    expect(plain).not.toHaveProperty('rtjson');
    expect((await asKamailio('POST', '/v1/route', { callId: CALL, dnis: '+7 800 555-01-01' })).json()).toMatchObject({ ...plain, rtjson: { routes: [{ uri: 'sip:ann@pbx.test' }] } }); // a retry, answered for Kamailio
    expect((await asKamailio('GET', `/v1/route/${enc(CALL)}`)).json().rtjson.routes[0].uri).toBe('sip:ann@pbx.test');
    const next = (await asKamailio('POST', `/v1/pbx/calls/${enc(CALL)}/no-answer`, { reservationId: plain.reservationId, cause: 'declined' })).json();
    expect(next).toMatchObject({ status: 'reserved', agentId: 'bob', rtjson: { routes: [{ uri: 'sip:bob@pbx.test' }] } });
    expect((await t.call('pbx', 'GET', `/v1/route/${enc(CALL)}`)).json()).not.toHaveProperty('rtjson');
    expect((await t.call('admin', 'GET', `/v1/route/${enc(CALL)}`)).json()).not.toHaveProperty('rtjson');
  });
});

describe('answered', () => {
  it('accepts the offer, and says connected again when told twice (or when the desk accepted first)', async () => {
    await t.ready('ann');
    const { reservationId } = (await route()).json();
    const first = await pbx(CALL, 'answered', { reservationId });
    expect(first.json()).toMatchObject({ status: 'connected', agentId: 'ann' });
    expect((await pbx(CALL, 'answered', { reservationId })).json()).toEqual(first.json());
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent.activity).toBe('busy');
  });

  it('refuses an answer for an offer the router took back: RESERVATION_STALE', async () => {
    await t.ready('ann', 'bob');
    const { reservationId } = (await route()).json();
    expect((await pbx(CALL, 'no-answer', { reservationId, cause: 'declined' })).json()).toMatchObject({ status: 'reserved', agentId: 'bob' });
    const late = await pbx(CALL, 'answered', { reservationId });
    expect([late.statusCode, late.json().code]).toEqual([409, 'RESERVATION_STALE']);
  });

  it("refuses a late answer from the first agent's phone once the next agent's answer connected the call", async () => {
    await t.ready('ann', 'bob');
    const first = (await route()).json();
    const next = (await pbx(CALL, 'no-answer', { reservationId: first.reservationId, cause: 'declined' })).json();
    expect((await pbx(CALL, 'answered', { reservationId: next.reservationId })).json()).toMatchObject({ status: 'connected', agentId: 'bob' });
    for (const reservationId of [first.reservationId, 'R999']) {
      const late = await pbx(CALL, 'answered', { reservationId });
      expect([late.statusCode, late.json().code], reservationId).toEqual([409, 'RESERVATION_STALE']);
    }
    expect((await pbx(CALL, 'answered', { reservationId: next.reservationId })).json()).toMatchObject({ status: 'connected', agentId: 'bob' });
  });
});

describe('no-answer', () => {
  it('declined: the call goes to the next agent at once, and the answer names it', async () => {
    await t.ready('ann', 'bob');
    const { reservationId, agentId } = (await route()).json();
    expect(agentId).toBe('ann');
    const next = (await pbx(CALL, 'no-answer', { reservationId, cause: 'declined' })).json();
    expect(next).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect(next.reservationId).not.toBe(reservationId);
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent.activity).toBe('ready');
    // told again (a retransmission): the current answer, nothing declined twice
    expect((await pbx(CALL, 'no-answer', { reservationId, cause: 'declined' })).json()).toMatchObject({ status: 'reserved', agentId: 'bob', reservationId: next.reservationId });
  });

  it("timeout: waits for the router's own ring timer (a missed offer), then names the next agent", async () => {
    expect((await t.call('admin', 'PUT', '/v1/config/queues/sales', { id: 'sales', steps: [{ requirement: 'sales>=2', afterSeconds: 0 }], ringTimeoutSeconds: 1, autoPauseAfterMissed: 1 })).statusCode).toBe(200);
    await t.ready('ann', 'bob');
    const { reservationId, deadline } = (await route()).json();
    const next = (await pbx(CALL, 'no-answer', { reservationId, cause: 'timeout' })).json();
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    expect(next).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent).toMatchObject({ presence: 'notReady', reason: 'missed-offers' });
  });

  it('unreachable: the next agent gets the call, and the agent without a phone is set not ready', async () => {
    await t.ready('ann', 'bob');
    const { reservationId } = (await route()).json();
    expect((await pbx(CALL, 'no-answer', { reservationId, cause: 'unreachable' })).json()).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent).toMatchObject({ presence: 'notReady', reason: 'phone-unreachable' });
  });

  it('unreachable with nobody else ready: neither this call nor the next waiting one goes back to the dead phone', async () => {
    await t.ready('ann');
    const { reservationId } = (await route()).json();
    expect((await route('second@pbx.test')).json().status).toBe('queued');
    expect((await pbx(CALL, 'no-answer', { reservationId, cause: 'unreachable' })).json()).toMatchObject({ status: 'queued', position: 1 });
    expect((await t.call('pbx', 'GET', `/v1/route/${enc('second@pbx.test')}`)).json()).toMatchObject({ status: 'queued', position: 2 });
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent).toMatchObject({ presence: 'notReady', reason: 'phone-unreachable', assignments: [] });
  });

  it('with nobody else ready the call queues again, keeping its place', async () => {
    await t.ready('ann');
    const { reservationId } = (await route()).json();
    expect((await pbx(CALL, 'no-answer', { reservationId, cause: 'busy' })).json()).toMatchObject({ status: 'queued', position: 1 });
  });

  it('refuses a cause it does not know', async () => {
    await t.ready('ann');
    const { reservationId } = (await route()).json();
    const res = await pbx(CALL, 'no-answer', { reservationId, cause: 'lunch' });
    expect([res.statusCode, res.json().code]).toEqual([400, 'REQUEST_INVALID']);
  });
});

describe('hangup', () => {
  it('while queued: abandoned; connected: completed and the agent wraps up; told again: ended', async () => {
    const queued = 'queued-call@pbx.test';
    expect((await route(queued)).json().status).toBe('queued');
    expect((await pbx(queued, 'hangup')).json()).toMatchObject({ status: 'ended', state: 'abandoned' });

    await t.ready('ann');
    const { reservationId } = (await route()).json();
    await pbx(CALL, 'answered', { reservationId });
    expect((await pbx(CALL, 'hangup')).json()).toMatchObject({ status: 'ended', state: 'completed' });
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent.activity).toBe('wrapUp');
    expect((await pbx(CALL, 'hangup')).json()).toMatchObject({ status: 'ended', state: 'completed' });
  });

  it('keeps the place of a caller who asked to be called back (virtual hold ends with the caller hanging up)', async () => {
    expect((await route()).json().status).toBe('queued');
    expect((await t.call('pbx', 'POST', `/v1/contacts/${enc(CALL)}/callback`)).statusCode).toBe(200);
    expect((await pbx(CALL, 'hangup')).json()).toMatchObject({ status: 'queued', position: 1 });
    expect((await t.call('admin', 'GET', `/v1/contacts/${enc(CALL)}`)).json()).toMatchObject({ state: 'queued', callback: true });
  });

  it('completes a call the agent accepted on its desk while the hang-up was on its way (acts on the state it finds)', async () => {
    await t.ready('ann');
    await route();
    const { token } = (await t.call('admin', 'GET', `/v1/contacts/${enc(CALL)}`)).json().reservation;
    // The desk's accept lands between the hang-up's read and its abandon (separate round trips on Redis).
    const store = t.service.ctx.store;
    const abandon = store.abandonContact.bind(store);
    store.abandonContact = async (id: string) => {
      expect((await t.call('ann', 'POST', `/v1/me/offers/${enc(CALL)}/accept`, { token })).statusCode).toBe(200);
      return abandon(id);
    };
    try {
      expect((await pbx(CALL, 'hangup')).json()).toMatchObject({ status: 'ended', state: 'completed' });
    } finally {
      store.abandonContact = abandon;
    }
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent.activity).toBe('wrapUp');
  });

  it('answers CONTACT_UNKNOWN for a call it never routed', async () => {
    const res = await pbx('never@pbx.test', 'hangup');
    expect([res.statusCode, res.json().code]).toEqual([404, 'CONTACT_UNKNOWN']);
  });
});

describe('a retry of the route request', () => {
  it('gets where the call is now: the agent it rings now, then connected, then ended — never an offer taken back', async () => {
    await t.ready('ann', 'bob');
    const first = (await route()).json();
    const next = (await pbx(CALL, 'no-answer', { reservationId: first.reservationId, cause: 'declined' })).json();
    expect((await route()).json()).toMatchObject({ status: 'reserved', agentId: 'bob', reservationId: next.reservationId });
    await pbx(CALL, 'answered', { reservationId: next.reservationId });
    expect((await route()).json()).toMatchObject({ status: 'connected', agentId: 'bob' });
    await pbx(CALL, 'hangup');
    expect((await route()).json()).toMatchObject({ status: 'ended', state: 'completed' });
  });
});

describe('long polls', () => {
  it('refuse a wait that is not a number from 0 to 30, infinite ones included', async () => {
    expect((await route()).json().status).toBe('queued');
    for (const w of ['1e400', 'Infinity', '31', '-1']) {
      const res = await t.call('pbx', 'GET', `/v1/route/${enc(CALL)}?waitSeconds=${w}`);
      expect([res.statusCode, res.json().code], w).toEqual([400, 'REQUEST_INVALID']);
    }
  });
});

describe('Call-IDs that are not ids', () => {
  it('are routed, polled and reported by the Call-ID itself (the contact id is a digest of it)', async () => {
    await t.ready('ann');
    const callId = `${'x'.repeat(150)}/=%@pbx.test`;
    const first = (await route(callId)).json();
    expect(first).toMatchObject({ status: 'reserved', contactId: expect.stringMatching(/^sip-[0-9a-f]{40}$/) });
    expect((await t.call('pbx', 'GET', `/v1/route/${enc(callId)}`)).json()).toMatchObject({ status: 'reserved', contactId: first.contactId });
    expect((await pbx(callId, 'answered', { reservationId: first.reservationId })).json()).toMatchObject({ status: 'connected' });
    expect((await pbx(callId, 'hangup')).json()).toMatchObject({ status: 'ended', state: 'completed' });
  });
});
