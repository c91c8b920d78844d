import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SwitchboardService, buildApp, demoConfig } from '@switchboard/router/service';

// Findings of the IVR review of 2026-12-07 on the demo configuration, each pinned. The demo IVR
// answers 07:00–02:00 Moscow time: the clock reads a Monday morning.
const MONDAY_10 = Date.parse('2026-11-23T10:00:00+03:00');
const ACME = '+7 812 997-83-63'; // platinum; account owner agent05

let app: FastifyInstance;
let service: SwitchboardService;
const tokens = new Map<string, string>();
let skew = 0;

beforeEach(async () => {
  const start = Date.now();
  skew = 0;
  service = await SwitchboardService.open({ config: demoConfig(), now: () => MONDAY_10 + (Date.now() - start) + skew });
  app = await buildApp({ service, jwtSecret: 'ivr-review', logger: false });
  tokens.clear();
});
afterEach(async () => { await app.close(); });

async function call(as: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) {
  const headers: Record<string, string> = {};
  if (as === 'pbx') headers['x-api-key'] = 'demo-pbx-key-change-me';
  else {
    if (!tokens.has(as)) tokens.set(as, (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user: as, password: as === 'admin' ? 'admin-demo' : 'agent-demo' } })).json().token);
    headers.authorization = `Bearer ${tokens.get(as) ?? ''}`;
  }
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
}

async function presence(agent: string, ...states: string[]) {
  for (const state of states) expect((await call(agent, 'PUT', '/v1/me/presence', { state })).statusCode).toBe(200);
}

/** Starts a session and keys `keys` one by one; the last reply. */
async function walk(callId: string, caller: string, keys: string[]) {
  let reply = (await call('pbx', 'POST', '/v1/ivr/sessions', { callId, caller })).json();
  for (const digits of keys) reply = (await call('pbx', 'POST', `/v1/ivr/sessions/${reply.sessionId}/inputs`, { type: 'digits', digits })).json();
  return reply;
}

describe('the callback exit', () => {
  it("leaves a callback when the customer's owner is logged in but not ready (the call waits for the owner)", async () => {
    await presence('agent05', 'loggedIn');
    const reply = await walk('cb-owner@pbx', ACME, ['2', '9']); // English, call me back
    expect(reply).toMatchObject({ ended: true, action: { kind: 'callback' } });
    expect((await call('admin', 'GET', '/v1/contacts/cb-owner@pbx')).json()).toMatchObject({ state: 'preferred', callback: true });
    expect((await call('pbx', 'POST', '/v1/pbx/calls/cb-owner@pbx/hangup')).json().status).toBe('queued'); // the caller leaves; the callback stays
  });

  it('offers a free agent a callback to make, not a live call from a caller told goodbye', async () => {
    await presence('agent02', 'loggedIn', 'ready');
    await presence('agent04', 'loggedIn', 'ready');
    const reply = await walk('cb-free@pbx', '+7 903 111-22-33', ['1', '9']);
    expect(reply.action.kind).toBe('callback');
    expect((await call('admin', 'GET', '/v1/contacts/cb-free@pbx')).json()).toMatchObject({ state: 'reserved', callback: true });
  });
});

describe('a session read again', () => {
  it('carries the route answer as the call is now: after a reject, the agent offered now', async () => {
    for (const a of ['agent02', 'agent04', 'agent06', 'agent08']) await presence(a, 'loggedIn', 'ready');
    const reply = await walk('stale@pbx', '+7 903 111-22-33', ['1', '1']);
    const first = reply.route;
    expect(first.status).toBe('reserved');
    const token = (await call(first.agentId, 'GET', '/v1/me/desk')).json().contacts.find((c: { id: string }) => c.id === 'stale@pbx').reservation.token;
    expect((await call(first.agentId, 'POST', '/v1/me/offers/stale@pbx/reject', { token })).statusCode).toBe(200);
    const now = (await call('pbx', 'GET', '/v1/route/stale@pbx')).json();
    expect(now.agentId).not.toBe(first.agentId);
    const reads = [
      await call('pbx', 'GET', `/v1/ivr/sessions/${reply.sessionId}`),
      await call('pbx', 'POST', `/v1/ivr/sessions/${reply.sessionId}/inputs`, { type: 'digits', digits: '1', seq: reply.inputs - 1 }),
      await call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'stale@pbx' }),
    ];
    for (const r of reads) expect(r.json().route).toMatchObject({ status: 'reserved', agentId: now.agentId, reservationId: now.reservationId });
  });
});

describe('a collect that timed out when the session was read', () => {
  it("refuses the PBX's late key press as stale instead of dropping it as a retry", async () => {
    const reply = await walk('late@pbx', ACME, ['2']); // English: the main menu collects
    skew += 60_000; // well past the collect's deadline
    const read = (await call('pbx', 'GET', `/v1/ivr/sessions/${reply.sessionId}`)).json();
    expect(read.inputs).toBe(reply.inputs + 1); // the read applied the timeout
    const late = await call('pbx', 'POST', `/v1/ivr/sessions/${reply.sessionId}/inputs`, { type: 'digits', digits: '1', seq: reply.inputs });
    expect([late.statusCode, late.json().code]).toEqual([409, 'IVR_INPUT_STALE']);
    const next = await call('pbx', 'POST', `/v1/ivr/sessions/${reply.sessionId}/inputs`, { type: 'digits', digits: '1', seq: read.inputs });
    expect(next.json().inputs).toBe(read.inputs + 1);
  });
});

describe('the script selection', () => {
  it('is made again by a corrected retry when the first route request was refused', async () => {
    const failed = await call('pbx', 'POST', '/v1/route', { callId: 'sel@pbx', caller: ACME, queueId: 'support', reason: 'lost-ticket', requiredSkills: ['nope'] });
    expect(failed.statusCode).toBe(400);
    expect((await call('pbx', 'POST', '/v1/route', { callId: 'sel@pbx', caller: ACME, queueId: 'sales', reason: 'sales' })).statusCode).toBe(200);
    await call('pbx', 'POST', '/v1/route', { callId: 'control@pbx', caller: ACME, queueId: 'sales', reason: 'sales' });
    const scriptOf = async (id: string) => (await call('admin', 'GET', `/v1/contacts/${id}/script`)).json().selection.scriptId;
    expect(await scriptOf('sel@pbx')).toBe(await scriptOf('control@pbx'));
  });
});
