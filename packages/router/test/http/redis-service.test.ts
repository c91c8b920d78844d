import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestRedis } from '../../../../test/support/redis-server.js';
import { validateServiceConfig } from '@switchboard/router/service';
import { testApp, testConfig, type TestApp } from './http-fixture.js';

const r = useTestRedis();
let a: TestApp;
let b: TestApp;
let domainId: string;
const conns: Redis[] = [];

beforeAll(async () => {
  // Two service processes of one domain, each with its own Redis connection.
  const config = testConfig(`svc${Date.now()}`);
  domainId = config.domainId;
  // As `switchboard serve` connects: few retries, so an outage answers 503 instead of hanging.
  const conn = () => {
    const c = new Redis(r.server.url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    c.on('error', () => {}); // the outage test stops Redis: reconnect errors are expected
    conns.push(c);
    return c;
  };
  a = await testApp({ config, redis: conn() });
  b = await testApp({ config, redis: conn() });
});
afterAll(async () => {
  await a.close();
  await b.close();
  for (const c of conns) c.disconnect();
});

describe('two service processes on one Redis domain', () => {
  it('route a call on one and see it answered on the other, idempotent across both', async () => {
    await a.ready('ann');
    const first = (await b.call('pbx', 'POST', '/v1/route', { callId: 'x-1@pbx', queueId: 'sales' })).json();
    expect(first).toMatchObject({ status: 'reserved', agentId: 'ann' });
    expect((await a.call('pbx', 'POST', '/v1/route', { callId: 'x-1@pbx', queueId: 'sales' })).json()).toEqual(first);
    const c = (await a.call('ann', 'GET', '/v1/contacts/x-1@pbx')).json();
    expect((await a.call('ann', 'POST', '/v1/me/offers/x-1@pbx/accept', { token: c.reservation.token })).statusCode).toBe(200);
    expect((await b.call('pbx', 'GET', '/v1/route/x-1@pbx')).json()).toMatchObject({ status: 'connected', agentId: 'ann' });
  });

  it('keep the script selection and the first answer of a routed call, and no selection of a call that was refused', async () => {
    const first = (await a.call('pbx', 'POST', '/v1/route', { callId: 'kept-1@pbx', queueId: 'support' })).json();
    expect(first.status).toBe('queued');
    const key = (k: string) => `sb:{${domainId}}:svc|v|${k}`;
    expect(JSON.parse((await r.redis.get(key('route|kept-1@pbx'))) ?? 'null')).toEqual(first);
    expect(await r.redis.exists(key('scriptsel|kept-1@pbx'))).toBe(1);
    await a.call('pbx', 'POST', '/v1/contacts/kept-1@pbx/abandon');
    expect((await a.call('pbx', 'POST', '/v1/route', { callId: 'kept-2@pbx', queueId: 'no-such-queue' })).statusCode).toBe(404);
    expect(await r.redis.exists(key('scriptsel|kept-2@pbx'), key('route|kept-2@pbx'))).toBe(0);
  });

  it('long-poll on one process while the agent gets ready on the other', async () => {
    const polled = b.call('pbx', 'POST', '/v1/route', { callId: 'x-2@pbx', queueId: 'support', waitSeconds: 10 });
    await new Promise((res) => setTimeout(res, 100));
    await a.ready('cat');
    expect((await polled).json()).toMatchObject({ status: 'reserved', agentId: 'cat' });
  });

  it('share configuration documents and the audit log', async () => {
    await a.call('admin', 'PUT', '/v1/config/queues/billing', { id: 'billing', steps: [{ requirement: 'support', afterSeconds: 0 }] });
    expect((await b.call('sue', 'GET', '/v1/config/queues')).json().map((q: { id: string }) => q.id).sort()).toEqual(['billing', 'sales', 'support']);
    const [entry] = (await b.call('admin', 'GET', '/v1/audit?limit=1')).json();
    expect(entry).toMatchObject({ actor: 'user:admin', action: 'create', kind: 'queue', entityId: 'billing' });
    expect((await b.call('pbx', 'POST', '/v1/contacts', { id: 'bill-1', queueId: 'billing' })).json().kind).toMatch(/reserved|queued/);
  });

  it('take an event-stream ticket issued by one process on the other, once', async () => {
    const { ticket } = (await a.call('ann', 'POST', '/v1/auth/ticket')).json();
    const msgs: string[] = [];
    const ws = await b.app.injectWS(`/v1/events?ticket=${ticket}`, {}, { onInit: (w) => w.on('message', (d) => msgs.push(String(d))) });
    for (let i = 0; i < 100 && msgs.length === 0; i++) await new Promise((res) => setTimeout(res, 20));
    expect(JSON.parse(msgs[0] ?? '{}').type).toBe('snapshot');
    ws.terminate();
    await expect(a.app.injectWS(`/v1/events?ticket=${ticket}`)).rejects.toThrow(/401/);
  });

  it('pause a queue on one process and resume it on the other', async () => {
    await a.call('pbx', 'POST', '/v1/contacts/bill-1/abandon'); // else bob, ready, would take it first
    await a.ready('bob');
    await a.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true });
    expect((await b.call('pbx', 'POST', '/v1/route', { callId: 'x-3@pbx', queueId: 'sales' })).json()).toMatchObject({ status: 'queued' });
    await b.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: false });
    expect((await a.call('pbx', 'GET', '/v1/route/x-3@pbx')).json()).toMatchObject({ status: 'reserved', agentId: 'bob' });
  });

  it('wait for the lock another process holds on an entry before editing it', async () => {
    // Both apps of this test share one Node process (and its in-process chain): hold the lock as another process would.
    await a.service.ctx.values.putIfAbsent('lock|queue|sales', 'other-process', 10_000);
    let done = false;
    const edit = b.call('sue', 'PUT', '/v1/queues/sales/steps', { steps: [{ requirement: 'sales>=3', afterSeconds: 0 }] }).then((r) => { done = true; return r; });
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    await a.service.ctx.values.take('lock|queue|sales');
    expect((await edit).statusCode).toBe(200);
    const q = (await a.call('sue', 'GET', '/v1/config/queues')).json().find((x: { id: string }) => x.id === 'sales');
    expect(q.steps).toEqual([{ requirement: 'sales>=3', afterSeconds: 0 }]);
    expect(await a.service.ctx.values.get('lock|queue|sales')).toBeUndefined();
  });

  it('share rate-limit counters', async () => {
    const config = testConfig(`rl${Date.now()}`);
    const conn = () => { const c = new Redis(r.server.url); c.on('error', () => {}); conns.push(c); return c; };
    const x = await testApp({ config, redis: conn(), userRatePerMinute: 3 });
    const y = await testApp({ config, redis: conn(), userRatePerMinute: 3 });
    await x.token('sue');
    await y.token('sue');
    const codes = [];
    for (const app of [x, y, x, y, x, y]) {
      codes.push((await app.call('sue', 'GET', '/v1/queues/stats')).statusCode);
      await new Promise((res) => setTimeout(res, 150)); // counts are shared every 50 ms
    }
    // Alone, each process would allow its 3. Shared, the 5th and 6th are over the limit; the 4th
    // got through because y learns x's latest count when it next sends its own (the slack).
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
    await x.close();
    await y.close();
  });

  it('keep an IVR session across a service restart', async () => {
    const ivr = {
      id: 'ivr-r', start: 'main',
      nodes: {
        main: { type: 'menu', prompt: { text: 'Sales 1' }, options: [{ key: '1', next: 'sales' }], onFail: 'bye' },
        sales: { type: 'route', queueId: 'sales', reason: 'sales' },
        bye: { type: 'end' },
      },
    };
    const config = validateServiceConfig({ ...testConfig(`ivr${Date.now()}`), ivrs: [ivr] });
    const conn = () => { const c = new Redis(r.server.url); c.on('error', () => {}); conns.push(c); return c; };
    const before = await testApp({ config, redis: conn() });
    expect((await before.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'rs-1' })).json().action.kind).toBe('collect');
    await before.close();
    const after = await testApp({ config, redis: conn() });
    const r2 = (await after.call('pbx', 'POST', '/v1/ivr/sessions/rs-1/inputs', { type: 'digits', digits: '1' })).json();
    expect(r2).toMatchObject({ ended: true, action: { kind: 'route', queueId: 'sales' }, route: { status: 'queued' } });
    // The input and the exit are in the shared history, before the router's entries.
    let kinds: string[] = [];
    for (let i = 0; i < 100 && !kinds.includes('queued'); i++) {
      kinds = ((await after.call('admin', 'GET', '/v1/interactions/rs-1')).json().entries ?? []).map((e: { kind: string }) => e.kind);
      if (!kinds.includes('queued')) await new Promise((res) => setTimeout(res, 20));
    }
    expect(kinds.slice(0, 4)).toEqual(['arrived', 'ivr.input', 'ivr.completed', 'queued']);
    await after.close();
  });

  it("export the history's backlog of the domain's event log", async () => {
    const text = (await a.app.inject({ method: 'GET', url: '/metrics' })).body;
    const m = /^switchboard_history_backlog (\d+)$/m.exec(text);
    expect(m, text.slice(0, 200)).not.toBeNull();
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(0);
  });

  it('report ready while Redis answers', async () => {
    expect((await a.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('answer 503 STORE_UNAVAILABLE, not a 500, while Redis is down', async () => {
    const token = await a.token('sue');
    await r.server.stop();
    const calls = [
      await a.call('pbx', 'POST', '/v1/route', { callId: 'down-1', queueId: 'sales' }),
      await a.app.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${token}` } }),
      await a.app.inject({ method: 'PUT', url: '/v1/queues/sales/paused', headers: { authorization: `Bearer ${token}` }, payload: { paused: true } }),
    ];
    expect(calls.map((c) => [c.statusCode, c.json().code])).toEqual(Array(3).fill([503, 'STORE_UNAVAILABLE']));
    expect((await a.app.inject('/readyz')).statusCode).toBe(503);
    await r.server.start();
  });
});
