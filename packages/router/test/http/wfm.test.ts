import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONDAY, syntheticArrivals } from '../wfm/forecast-fixture.js';
import { testApp, type TestApp } from './http-fixture.js';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

const scenario = (perHour: number, agents = 6, intervals = 8) => ({
  seed: 4, intervalMinutes: 30, intervals,
  domain: { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }] },
  agents: [{ id: 'a', count: agents, skills: { s: 3 } }],
  contactTypes: [{ id: 'c', queueId: 'q', arrivals: { perHour }, handleTime: { kind: 'exponential', meanSeconds: 180 }, patience: { kind: 'exponential', meanSeconds: 120 } }],
});

describe('POST /v1/wfm/erlang', () => {
  it('gives supervisors and admins the agents a target needs, or the KPIs of a staffing', async () => {
    const res = await t.call('sue', 'POST', '/v1/wfm/erlang', { callsPerHour: 1000, ahtSeconds: 180, thresholdSeconds: 20, targetServiceLevel: 0.8 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'staffed', agents: 56, metrics: { model: 'erlang-c', load: 50 } });
    const given = await t.call('admin', 'POST', '/v1/wfm/erlang', { callsPerHour: 720, ahtSeconds: 240, thresholdSeconds: 15, agents: 55 });
    expect(given.json()).toMatchObject({ kind: 'given', agents: 55 });
    expect(given.json().metrics.probabilityOfWaiting).toBeCloseTo(0.2387, 4);
    const over = await t.call('sue', 'POST', '/v1/wfm/erlang', { callsPerHour: 3600, ahtSeconds: 12, thresholdSeconds: 20, agents: 10 });
    expect(over.json().metrics).toMatchObject({ asa: null, serviceLevel: 0 });
  });

  it('is not for agents or PBXs, and answers bad input with typed 4xx', async () => {
    const body = { callsPerHour: 1000, ahtSeconds: 180, thresholdSeconds: 20, targetServiceLevel: 0.8 };
    expect((await t.call('ann', 'POST', '/v1/wfm/erlang', body)).json().code).toBe('FORBIDDEN');
    expect((await t.call('pbx', 'POST', '/v1/wfm/erlang', body)).statusCode).toBe(403);
    expect((await t.call(undefined, 'POST', '/v1/wfm/erlang', body)).statusCode).toBe(401);
    expect((await t.call('sue', 'POST', '/v1/wfm/erlang', { ...body, ahtSeconds: 0 })).json().code).toBe('REQUEST_INVALID');
    expect((await t.call('sue', 'POST', '/v1/wfm/erlang', { ...body, extra: 1 })).json().code).toBe('REQUEST_INVALID');
    const noTarget = await t.call('sue', 'POST', '/v1/wfm/erlang', { callsPerHour: 10, ahtSeconds: 60, thresholdSeconds: 20 });
    expect([noTarget.statusCode, noTarget.json().code]).toEqual([400, 'WFM_INPUT_INVALID']);
    const patient = await t.call('sue', 'POST', '/v1/wfm/erlang', { ...body, callsPerHour: 1e7, patienceSeconds: 86_400 });
    expect([patient.statusCode, patient.json().code]).toEqual([400, 'WFM_INPUT_INVALID']);
  });
});

describe('POST /v1/wfm/forecast', () => {
  it('forecasts from posted counts, with the held-out accuracy', async () => {
    const values = new Array<number>(4 * 336).fill(0);
    for (const at of syntheticArrivals(4, 3)) values[Math.floor((at - MONDAY) / 1_800_000)]! += 1;
    const res = await t.call('sue', 'POST', '/v1/wfm/forecast', { counts: { start: MONDAY, values }, horizonDays: 2, holdoutDays: 7 });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.counts).toHaveLength(96);
    expect(f.start).toBe(MONDAY + 4 * 7 * 86_400_000);
    expect(f.accuracy.mape).toBeGreaterThan(0);
    expect(f.accuracy.mape).toBeLessThan(0.3);
    const short = await t.call('sue', 'POST', '/v1/wfm/forecast', { counts: { start: MONDAY, values: values.slice(0, 336) } });
    expect([short.statusCode, short.json().code]).toEqual([422, 'HISTORY_INSUFFICIENT']);
  });

  it('forecasts from the interaction history, only of the queues the supervisor may see', async () => {
    const sales = syntheticArrivals(3, 5).filter((_, i) => i % 4 === 0);
    const support = syntheticArrivals(3, 6).filter((_, i) => i % 8 === 0);
    const history = t.service.ctx.history;
    for (const [queueId, times] of [['sales', sales], ['support', support]] as const) {
      for (const [i, at] of times.entries()) await history.append({ interactionId: `${queueId}-${i}`, at, kind: 'arrived', source: 'router', queueId, details: {} });
    }
    const sue = await t.call('sue', 'POST', '/v1/wfm/forecast', { holdoutDays: 0, horizonDays: 1 });
    expect(sue.statusCode).toBe(200);
    expect(sue.json().history.contacts).toBe(sales.length); // sue supervises sales only
    const admin = await t.call('admin', 'POST', '/v1/wfm/forecast', { holdoutDays: 0, horizonDays: 1, queueIds: ['support'] });
    expect(admin.json().history.contacts).toBe(support.length);
    expect((await t.call('sue', 'POST', '/v1/wfm/forecast', { queueIds: ['support'] })).json().code).toBe('FORBIDDEN');
  });
});

describe('POST /v1/wfm/simulate and /v1/wfm/what-if', () => {
  it('simulates a scenario on the real engine', async () => {
    const res = await t.call('max', 'POST', '/v1/wfm/simulate', { scenario: scenario(100) });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.queues.q.byInterval).toHaveLength(8);
    expect(r.total.summary.offered).toBeGreaterThan(300);
    expect(r.total.summary.serviceLevel).toBeGreaterThan(0);
  });

  it('names the bad field of a scenario, and refuses one too large for a request', async () => {
    const bad = await t.call('max', 'POST', '/v1/wfm/simulate', { scenario: { ...scenario(100), intervals: 0 } });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'SCENARIO_INVALID']);
    expect(bad.json().message).toContain('intervals must be >= 1');
    const big = await t.call('max', 'POST', '/v1/wfm/simulate', { scenario: scenario(100_000, 6, 96) });
    expect([big.statusCode, big.json().code]).toEqual([413, 'WFM_TOO_LARGE']);
    const crowd = await t.call('max', 'POST', '/v1/wfm/simulate', { scenario: scenario(10, 3000) });
    expect([crowd.statusCode, crowd.json().code]).toEqual([413, 'WFM_TOO_LARGE']);
    expect((await t.call('bob', 'POST', '/v1/wfm/simulate', { scenario: scenario(100) })).statusCode).toBe(403);
  });

  it('compares a proposal on the same traffic, within its size limit', async () => {
    const s = scenario(100);
    const res = await t.call('admin', 'POST', '/v1/wfm/what-if', { scenario: s, proposal: { domain: s.domain, agents: [{ id: 'a', count: 8, skills: { s: 3 } }] }, replications: 5 });
    expect(res.statusCode).toBe(200);
    expect(res.json().replications).toBe(5);
    expect(res.json().total.serviceLevel.difference).toBeGreaterThan(0);
    const big = await t.call('admin', 'POST', '/v1/wfm/what-if', { scenario: scenario(2_000, 6, 48), proposal: { domain: s.domain, agents: s.agents }, replications: 50 });
    expect([big.statusCode, big.json().code]).toEqual([413, 'WFM_TOO_LARGE']);
    const noQueue = await t.call('admin', 'POST', '/v1/wfm/what-if', { scenario: s, proposal: { domain: { skills: s.domain.skills, queues: [] }, agents: s.agents }, replications: 3 });
    expect([noQueue.statusCode, noQueue.json().code]).toEqual([400, 'SCENARIO_INVALID']);
  });

  it('leaves the process free for other requests while it simulates', async () => {
    const order: string[] = [];
    // about 96,000 contacts: some 25 slices of 20,000 events, so a late timer on a busy machine still finds most of them ahead
    const sim = t.call('admin', 'POST', '/v1/wfm/simulate', { scenario: scenario(12_000, 60, 16) }).then((r) => { order.push(`simulate ${r.statusCode}`); });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const live = t.app.inject('/livez').then((r) => { order.push(`livez ${r.statusCode}`); });
    await Promise.all([sim, live]);
    expect(order).toEqual(['livez 200', 'simulate 200']);
  });
});
