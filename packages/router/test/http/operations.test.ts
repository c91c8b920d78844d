import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp, SwitchboardService, validateServiceConfig } from '@switchboard/router/service';
import { PBX_KEY, testApp, testConfig } from './http-fixture.js';

const metric = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('metrics', () => {
  it('exposes queue KPIs, agents by activity, decisions and their latency, and process metrics', async () => {
    const t = await testApp();
    await t.ready('ann');
    await t.call('pbx', 'POST', '/v1/route', { callId: 'm1', queueId: 'sales' });
    await t.call('pbx', 'POST', '/v1/route', { callId: 'm2', queueId: 'sales' });
    const c = (await t.call('ann', 'GET', '/v1/contacts/m1')).json();
    await t.call('ann', 'POST', '/v1/me/offers/m1/accept', { token: c.reservation.token });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const text = res.body;
    expect(metric(text, 'switchboard_queue_waiting_contacts{queue="sales"}')).toBe(1);
    expect(metric(text, 'switchboard_queue_answered_contacts{queue="sales"}')).toBe(1);
    expect(metric(text, 'switchboard_queue_service_level_percent{queue="sales"}')).toBe(100);
    expect(metric(text, 'switchboard_queue_asa_seconds{queue="sales"}')).toBeGreaterThanOrEqual(0);
    expect(metric(text, 'switchboard_agents{activity="busy"}')).toBe(1);
    expect(metric(text, 'switchboard_agents{activity="offline"}')).toBe(2);
    expect(metric(text, 'switchboard_decisions_total')).toBe(1);
    expect(metric(text, 'switchboard_decision_seconds_count{outcome="reserved"}')).toBe(1);
    expect(metric(text, 'switchboard_decision_seconds_count{outcome="queued"}')).toBe(1);
    expect(metric(text, 'switchboard_occupancy_ratio')).toBeGreaterThan(0);
    expect(metric(text, 'switchboard_history_backlog')).toBe(0);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    await t.close();
  });
});

describe('the API docs', () => {
  it('serve the OpenAPI document and the Swagger UI without credentials', async () => {
    const t = await testApp();
    const spec = await t.app.inject('/docs/json');
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toContain('/v1/route');
    expect((await t.app.inject('/docs/')).statusCode).toBe(200);
    await t.close();
  });
});

describe('health', () => {
  it('is live and ready, and not ready once closing', async () => {
    const t = await testApp();
    expect((await t.app.inject('/livez')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    t.service.drain();
    const res = await t.app.inject('/readyz');
    expect([res.statusCode, res.json()]).toEqual([503, { status: 'closing' }]);
    const work = await t.call('pbx', 'POST', '/v1/route', { callId: 'late', queueId: 'sales' });
    expect([work.statusCode, work.json().code]).toEqual([503, 'SERVICE_CLOSING']);
    await t.close();
  });
});

describe('graceful shutdown', () => {
  it('finishes a long poll in flight with an answer, then closes the service', async () => {
    const t = await testApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const polling = fetch(`http://127.0.0.1:${port}/v1/route`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': PBX_KEY },
      body: JSON.stringify({ callId: 'sd-1', queueId: 'sales', waitSeconds: 20 }),
    });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await t.close();
    const res = await polling;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'queued', contactId: 'sd-1' });
    expect(Date.now() - started).toBeLessThan(15_000); // the 20 s poll was cut short, not waited out
    expect(t.service.isClosing).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/livez`)).rejects.toThrow();
  });
});

describe('logs', () => {
  it('never write tokens, API keys, passwords, tickets or caller numbers', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const service = await SwitchboardService.open({ config: testConfig() });
    const app = await buildApp({ service, jwtSecret: 's', logger: { level: 'trace', stream } });
    const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user: 'ann', password: 'pw' } });
    const token = login.json().token as string;
    const tk = (await app.inject({ method: 'POST', url: '/v1/auth/ticket', headers: { authorization: `Bearer ${token}` } })).json().ticket as string;
    await app.inject({ method: 'GET', url: `/v1/events?ticket=${tk}` });
    await app.inject({ method: 'POST', url: '/v1/route', headers: { 'x-api-key': PBX_KEY }, payload: { callId: 'lg-1', queueId: 'sales', caller: '+7 812 997-83-63' } });
    await app.inject({ method: 'POST', url: '/v1/route', headers: { 'x-api-key': 'wrong-key-0123456789' }, payload: { callId: 'lg-2', queueId: 'sales' } });
    await app.close();
    const all = lines.join('');
    expect(all).toMatch(/incoming request/);
    for (const secret of [token, tk, PBX_KEY, 'wrong-key-0123456789', '"pw"', '9978363', '997-83-63']) expect(all).not.toContain(secret);
  });
});

describe('CORS', () => {
  it('allows the configured browser origins only', async () => {
    const service = await SwitchboardService.open({ config: testConfig() });
    const app = await buildApp({ service, jwtSecret: 's', logger: false, corsOrigins: ['https://desk.example'] });
    const ok = await app.inject({ method: 'GET', url: '/livez', headers: { origin: 'https://desk.example' } });
    const other = await app.inject({ method: 'GET', url: '/livez', headers: { origin: 'https://evil.example' } });
    expect([ok.headers['access-control-allow-origin'], other.headers['access-control-allow-origin']]).toEqual(['https://desk.example', undefined]);
    await app.close();
  });
});

describe('the timer pump', () => {
  it('fires a ring timeout with no request coming in', async () => {
    const base = testConfig();
    const config = validateServiceConfig({ ...base, domain: { ...base.domain, queues: base.domain.queues?.map((q) => ({ ...q, ringTimeoutSeconds: 1 })) } });
    const t = await testApp({ config });
    const seen: string[] = [];
    const sub = t.service.events.subscribe((e) => seen.push(e.type));
    await t.ready('ann');
    await t.call('pbx', 'POST', '/v1/route', { callId: 'ring-1', queueId: 'sales' });
    for (let i = 0; i < 100 && !seen.includes('reservation.timedOut'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen).toContain('reservation.timedOut');
    sub.unsubscribe();
    await t.close();
  });
});
