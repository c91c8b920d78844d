import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PBX_KEY, testApp, type TestApp } from './http-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.ready('ann', 'cat');
  // ann takes a sales call, cat a support call.
  await t.call('pbx', 'POST', '/v1/contacts', { id: 'ann-call', queueId: 'sales' });
  await t.call('pbx', 'POST', '/v1/contacts', { id: 'cat-call', queueId: 'support' });
});
afterAll(async () => { await t.close(); });

const code = async (p: Promise<{ statusCode: number; json: () => unknown }>) => {
  const r = await p;
  return [r.statusCode, (r.json() as { code?: string }).code];
};

describe('authentication', () => {
  it('answers 401 AUTH_REQUIRED without credentials, AUTH_INVALID for a bad token, key or password', async () => {
    expect(await code(t.call(undefined, 'GET', '/v1/queues/stats'))).toEqual([401, 'AUTH_REQUIRED']);
    expect(await code(t.app.inject({ method: 'GET', url: '/v1/queues/stats', headers: { authorization: 'Bearer nope' } }))).toEqual([401, 'AUTH_INVALID']);
    expect(await code(t.app.inject({ method: 'GET', url: '/v1/queues/stats', headers: { 'x-api-key': 'wrong-key-0123456789' } }))).toEqual([401, 'AUTH_INVALID']);
    expect(await code(t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user: 'ann', password: 'wrong' } }))).toEqual([401, 'AUTH_INVALID']);
    expect(await code(t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user: 'nobody', password: 'pw' } }))).toEqual([401, 'AUTH_INVALID']);
  });

  it('checks the API key on every request: after the right key, near misses are still refused', async () => {
    const stats = (key: string) => code(t.app.inject({ method: 'GET', url: '/v1/queues/stats', headers: { 'x-api-key': key } }));
    // The right key authenticates (a PBX may not read queue statistics: 403, not 401).
    expect(await stats(PBX_KEY)).toEqual([403, 'FORBIDDEN']);
    expect(await stats(PBX_KEY)).toEqual([403, 'FORBIDDEN']);
    for (const near of [PBX_KEY.slice(0, -1), `${PBX_KEY}x`, PBX_KEY.toUpperCase(), ` ${PBX_KEY}`]) expect(await stats(near)).toEqual([401, 'AUTH_INVALID']);
  });

  it('refuses a token signed with another secret', async () => {
    const other = await testApp({ jwtSecret: 'another-secret' });
    const foreign = await other.token('admin');
    await other.close();
    expect(await code(t.app.inject({ method: 'GET', url: '/v1/agents', headers: { authorization: `Bearer ${foreign}` } }))).toEqual([401, 'AUTH_INVALID']);
  });

  it('never returns a password hash', async () => {
    const me = await t.call('sue', 'GET', '/v1/auth/me');
    expect(me.json()).toEqual({ kind: 'user', id: 'sue', role: 'supervisor', teams: ['team-a'], queues: ['sales'] });
    expect(me.body).not.toMatch(/scrypt/);
  });
});

describe('an agent', () => {
  it('reads its own contact but not another agent\'s', async () => {
    expect((await t.call('ann', 'GET', '/v1/contacts/ann-call')).statusCode).toBe(200);
    expect(await code(t.call('ann', 'GET', '/v1/contacts/cat-call'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('bob', 'GET', '/v1/contacts/ann-call'))).toEqual([403, 'FORBIDDEN']);
  });

  it('cannot answer, complete or transfer another agent\'s contact', async () => {
    const c = (await t.call('ann', 'GET', '/v1/contacts/ann-call')).json() as { reservation: { token: number } };
    expect(await code(t.call('bob', 'POST', '/v1/me/offers/ann-call/accept', { token: c.reservation.token }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('bob', 'POST', '/v1/contacts/ann-call/complete'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('bob', 'POST', '/v1/contacts/ann-call/transfer', { queueId: 'support' }))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('ann', 'GET', '/v1/contacts/ann-call')).json()).toMatchObject({ state: 'reserved', agentId: 'ann' });
  });

  it('reads the customers it owns, not others', async () => {
    expect((await t.call('ann', 'GET', '/v1/customers/cust-1')).statusCode).toBe(200);
    expect(await code(t.call('ann', 'GET', '/v1/customers/cust-2'))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('ann', 'GET', '/v1/customers')).json().map((c: { id: string }) => c.id)).toEqual(['cust-1']);
  });

  it('cannot change skills, configuration, another agent\'s presence, or read the grid and audit', async () => {
    expect(await code(t.call('ann', 'PUT', '/v1/agents/ann/skills', { skills: { sales: 5 } }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('ann', 'PUT', '/v1/config/queues/x', { id: 'x', steps: [{ requirement: 'sales', afterSeconds: 0 }] }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('ann', 'PUT', '/v1/agents/bob/presence', { state: 'loggedIn' }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('ann', 'GET', '/v1/agents'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('ann', 'GET', '/v1/audit'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('ann', 'GET', '/v1/agents/bob'))).toEqual([403, 'FORBIDDEN']);
  });

  it('cannot route calls as a PBX', async () => {
    expect(await code(t.call('ann', 'POST', '/v1/route', { callId: 'x', queueId: 'sales' }))).toEqual([403, 'FORBIDDEN']);
  });
});

describe('a supervisor', () => {
  it('acts on agents of its teams only', async () => {
    expect((await t.call('sue', 'PUT', '/v1/agents/bob/skills', { skills: { sales: 4, support: 2 } })).statusCode).toBe(200);
    expect(await code(t.call('sue', 'PUT', '/v1/agents/cat/skills', { skills: { support: 1 } }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('sue', 'PUT', '/v1/agents/cat/presence', { state: 'notReady' }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('sue', 'GET', '/v1/agents/cat'))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('max', 'GET', '/v1/agents/cat')).json().skills).toEqual({ support: 5 });
  });

  it('sees and edits contacts and queues of its queues only', async () => {
    expect((await t.call('sue', 'GET', '/v1/contacts')).json().map((c: { id: string }) => c.id)).toEqual(['ann-call']);
    expect(await code(t.call('sue', 'GET', '/v1/contacts/cat-call'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('sue', 'GET', '/v1/contacts/cat-call/trace'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('sue', 'PUT', '/v1/queues/support/steps', { steps: [{ requirement: 'support', afterSeconds: 0 }] }))).toEqual([403, 'FORBIDDEN']);
  });

  it('cannot change configuration (admins only)', async () => {
    expect(await code(t.call('sue', 'PUT', '/v1/config/queues/x', { id: 'x', steps: [{ requirement: 'sales', afterSeconds: 0 }] }))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('sue', 'DELETE', '/v1/config/agents/bob'))).toEqual([403, 'FORBIDDEN']);
    expect(await code(t.call('sue', 'PUT', '/v1/config/centers/c1', { id: 'c1', timeZone: 'UTC' }))).toEqual([403, 'FORBIDDEN']);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED past the per-caller limit, per caller', async () => {
    const small = await testApp({ userRatePerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await small.call('sue', 'GET', '/v1/queues/stats')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await small.call('max', 'GET', '/v1/queues/stats')).statusCode).toBe(200);
    const limited = await small.call('sue', 'GET', '/v1/queues/stats');
    expect(limited.json().code).toBe('RATE_LIMITED');
    await small.close();
  });
});

describe('failed authentications', () => {
  it('get an address 429 for the rest of the minute, whatever it sends; other addresses are not affected', async () => {
    const small = await testApp({ authFailuresPerMinute: 3 });
    const from = (remoteAddress: string, key: string) => small.app.inject({ method: 'GET', url: '/v1/contacts/x', headers: { 'x-api-key': key }, remoteAddress });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await from('10.0.0.9', `guess-${i}-0123456789abcdef`)).statusCode);
    codes.push((await from('10.0.0.9', PBX_KEY)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    expect((await from('10.0.0.9', PBX_KEY)).json().code).toBe('RATE_LIMITED');
    expect((await from('10.0.0.10', PBX_KEY)).statusCode).toBe(404); // authenticated: the contact is unknown
    expect((await small.app.inject({ url: '/livez', remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
    await small.close();
  });
});

describe('security headers and CORS', () => {
  it('sends helmet headers and no CORS allowance by default', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/livez', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
