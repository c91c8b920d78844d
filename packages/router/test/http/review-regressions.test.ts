import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, hashPassword, SwitchboardService, validateServiceConfig } from '@switchboard/router/service';
import { testApp, testConfig, type TestApp } from './http-fixture.js';

// Findings of the service review (2026-11-25), each pinned.
let t: TestApp;
beforeEach(async () => {
  const base = testConfig();
  const pw = hashPassword('pw');
  t = await testApp({ config: validateServiceConfig({ ...base, users: [
    ...base.users,
    { id: 'nolist', role: 'supervisor', passwordHash: pw, queues: ['support'] },
    { id: 'lead', role: 'supervisor', passwordHash: pw, agentId: 'bob', queues: ['sales'] },
  ] }) });
});
afterEach(async () => { await t.close(); });

const code = async (p: Promise<{ statusCode: number; json: () => unknown }>) => {
  const r = await p;
  return [r.statusCode, (r.json() as { code?: string }).code];
};

describe('the service review', () => {
  it('gives a supervisor without a teams list no team (not all of them)', async () => {
    expect((await t.call('nolist', 'GET', '/v1/auth/me')).json()).toMatchObject({ teams: [], queues: ['support'] });
    expect(await code(t.call('nolist', 'PUT', '/v1/agents/ann/skills', { skills: { sales: 1 } }))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('nolist', 'GET', '/v1/agents')).json()).toEqual([]);
  });

  it('still routes a customer\'s calls after its account owner was removed', async () => {
    expect((await t.call('admin', 'DELETE', '/v1/config/agents/ann')).statusCode).toBe(200);
    await t.ready('bob');
    expect((await t.call('pbx', 'POST', '/v1/route', { callId: 'own-gone', caller: '+7 812 997-83-63', queueId: 'sales' })).json()).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect((await t.call('admin', 'GET', '/v1/customers/cust-1')).statusCode).toBe(200);
  });

  it('lets a supervisor who is also an agent answer only its own offers', async () => {
    await t.ready('ann');
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'k1', queueId: 'sales' });
    const c = (await t.call('lead', 'GET', '/v1/contacts/k1')).json();
    expect(await code(t.call('lead', 'POST', '/v1/me/offers/k1/accept', { token: c.reservation.token }))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('ann', 'GET', '/v1/contacts/k1')).json().state).toBe('reserved');
  });

  it('serialises concurrent edits of one queue: a pause and a steps edit both stick', async () => {
    await Promise.all([
      t.call('sue', 'PUT', '/v1/queues/sales/steps', { steps: [{ requirement: 'sales', afterSeconds: 0 }] }),
      t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true }),
    ]);
    const q = (await t.call('sue', 'GET', '/v1/config/queues')).json().find((x: { id: string }) => x.id === 'sales');
    expect(q).toMatchObject({ paused: true, steps: [{ requirement: 'sales', afterSeconds: 0 }] });
  });

  it('refuses oversized requirement steps', async () => {
    const big = { any: Array.from({ length: 3000 }, () => ({ skill: 'sales' })) };
    expect(await code(t.call('sue', 'PUT', '/v1/queues/sales/steps', { steps: [{ requirement: big, afterSeconds: 0 }] }))).toEqual([400, 'REQUEST_INVALID']);
  });

  it('does not take an event-stream ticket with a plain GET', async () => {
    const { ticket } = (await t.call('ann', 'POST', '/v1/auth/ticket')).json();
    expect(await code(t.app.inject({ method: 'GET', url: `/v1/events?ticket=${ticket}` }))).toEqual([400, 'REQUEST_INVALID']);
    const ws = await t.app.injectWS(`/v1/events?ticket=${ticket}`);
    ws.terminate();
  });

  it('does not read SIP URIs off the object prototype', async () => {
    await t.call('admin', 'PUT', '/v1/config/agents/constructor', { id: 'constructor', skills: { sales: 5 } });
    await t.ready('constructor').catch(() => undefined);
    await t.call('admin', 'PUT', '/v1/agents/constructor/presence', { state: 'loggedIn' });
    await t.call('admin', 'PUT', '/v1/agents/constructor/presence', { state: 'ready' });
    expect((await t.call('pbx', 'POST', '/v1/route', { callId: 'proto', queueId: 'sales' })).json().sipUri).toBe('sip:constructor@pbx.test');
  });

  it('shows an agent on its desk only the contacts it holds', async () => {
    await t.ready('ann', 'cat');
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'h1', queueId: 'sales' });
    const c = (await t.call('ann', 'GET', '/v1/contacts/h1')).json();
    await t.call('ann', 'POST', '/v1/me/offers/h1/accept', { token: c.reservation.token });
    await t.call('ann', 'POST', '/v1/contacts/h1/transfer', { queueId: 'support' });
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().contacts).toEqual([]);
  });
});

describe('CORS with authentication', () => {
  it('answers a preflight without credentials and sends security headers on a 401', async () => {
    const service = await SwitchboardService.open({ config: testConfig() });
    const app = await buildApp({ service, jwtSecret: 's', logger: false, corsOrigins: ['https://desk.example'] });
    const pre = await app.inject({ method: 'OPTIONS', url: '/v1/me/desk', headers: { origin: 'https://desk.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://desk.example');
    const denied = await app.inject({ method: 'GET', url: '/v1/me/desk', headers: { origin: 'https://desk.example' } });
    expect(denied.statusCode).toBe(401);
    expect([denied.headers['x-content-type-options'], denied.headers['access-control-allow-origin']]).toEqual(['nosniff', 'https://desk.example']);
    await app.close();
  });
});
