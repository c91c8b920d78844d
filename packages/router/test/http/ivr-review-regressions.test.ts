import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileIvr, isIvrError, isOpen, startIvr, stepIvr, validateIvr } from '@switchboard/ivr';
import { validateServiceConfig } from '@switchboard/router/service';
import { testConfig, type TestApp } from './http-fixture.js';

// Findings of the IVR and scripts review (2026-11-25), each pinned.
const IVR = {
  id: 'rv', start: 'main',
  nodes: {
    main: { type: 'menu', prompt: { text: 'Sales 1, more 2' }, options: [{ key: '1', next: 'sales' }, { key: '2', next: 'second' }], onFail: 'bye' },
    second: { type: 'menu', prompt: { text: 'Billing 2' }, options: [{ key: '2', next: 'hold' }], onFail: 'bye' },
    hold: { type: 'play', prompt: { text: 'Checking your account' }, next: 'check' },
    check: { type: 'lookup', function: 'flaky', branches: { yes: 'sales', error: 'bye' }, default: 'support' },
    sales: { type: 'route', queueId: 'sales', reason: 'sales', requiredSkills: ['sales'] },
    support: { type: 'route', queueId: 'support', reason: 'billing' },
    bye: { type: 'end' },
  },
};

let t: TestApp;
let lookupResult: () => unknown = () => 'yes';
beforeEach(async () => {
  const { SwitchboardService, buildApp } = await import('@switchboard/router/service');
  const config = validateServiceConfig({ ...testConfig(), ivrs: [IVR] });
  const service = await SwitchboardService.open({ config, lookups: { flaky: () => lookupResult() as Promise<string> } });
  const app = await buildApp({ service, jwtSecret: 'x', logger: false });
  t = { app, service, token: async () => '', call: async (_as, method, url, body) => app.inject({ method: method as 'POST', url, headers: { 'x-api-key': 'test-pbx-key-0123456789' }, ...(body === undefined ? {} : { payload: body as object }) }), ready: async () => {}, close: () => app.close() };
});
afterEach(async () => { await t.close(); });

const input = (id: string, body: object) => t.call('pbx', 'POST', `/v1/ivr/sessions/${id}/inputs`, body);

describe('the IVR review', () => {
  it('replays the reply of an input sent again, and refuses an out-of-order one', async () => {
    await t.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'r1' });
    const first = (await input('r1', { type: 'digits', digits: '2', seq: 0 })).json();
    const again = (await input('r1', { type: 'digits', digits: '2', seq: 0 })).json();
    expect(again).toEqual(first);
    expect(first).toMatchObject({ inputs: 1, action: { node: 'second' } });
    expect((await input('r1', { type: 'digits', digits: '2', seq: 5 })).json().code).toBe('IVR_INPUT_STALE');
  });

  it('runs concurrent inputs of one session one after the other', async () => {
    lookupResult = () => 'yes';
    await t.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'r2' });
    const [a, b] = await Promise.all([input('r2', { type: 'digits', digits: '2' }), input('r2', { type: 'digits', digits: '2' })]);
    expect([a.json().inputs, b.json().inputs].sort()).toEqual([1, 2]);
  });

  it('takes the default branch for a lookup that throws at once or answers a non-string; hands out the prompts played before it', async () => {
    for (const [i, result] of [() => { throw new Error('sync'); }, () => Promise.resolve(42), () => Promise.resolve(undefined)].entries()) {
      lookupResult = result;
      await t.call('pbx', 'POST', '/v1/ivr/sessions', { callId: `lk-${i}` });
      await input(`lk-${i}`, { type: 'digits', digits: '2' });
      const r = (await input(`lk-${i}`, { type: 'digits', digits: '2' })).json();
      expect(r).toMatchObject({ action: { kind: 'route', queueId: 'support', prompts: [{ text: 'Checking your account' }] } });
    }
  });

  it('carries required skills into the contact', async () => {
    await t.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'sk' });
    await input('sk', { type: 'digits', digits: '1' });
    expect((await t.call('pbx', 'GET', '/v1/contacts/sk')).json().attributes.data).toMatchObject({ requiredSkills: 'sales' });
  });

  it('ends a session left on a node the IVR no longer has; a hang-up still works', async () => {
    await t.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'old' });
    const raw = JSON.parse((await t.service.ctx.values.get('ivr|old')) ?? '{}');
    await t.service.ctx.values.put('ivr|old', JSON.stringify({ ...raw, session: { ...raw.session, node: 'gone' } }), 60_000);
    expect((await input('old', { type: 'digits', digits: '1' })).json().code).toBe('IVR_SESSION_ENDED');
    expect((await input('old', { type: 'hangup' })).json()).toMatchObject({ ended: true, action: { kind: 'hangup' } });
  });
});

describe('IVR definitions the runtime could not serve', () => {
  const problems = (raw: unknown): string[] => {
    try { validateIvr(raw); return []; } catch (e) { if (!isIvrError(e)) throw e; return e.problems.map((p) => `${p.path}: ${p.message}`); }
  };

  it('refuse dotted and reserved node ids, date collects of another length, empty hours', () => {
    expect(problems({ id: 'x', start: 'a.b', nodes: { 'a.b': { type: 'end' } } })[0]).toMatch(/has an invalid id/);
    expect(problems({ id: 'x', start: '__proto__', nodes: JSON.parse('{"__proto__": {"type": "end"}}') }).length).toBeGreaterThan(0);
    expect(problems({ id: 'x', start: 'd', nodes: { d: { type: 'collect', prompt: { text: 'd' }, field: 'd', kind: 'date', minLength: 6, maxLength: 6, next: 'e', onFail: 'e' }, e: { type: 'end' } } }))
      .toContain('nodes.d.kind: a date is DDMMYYYY: minLength and maxLength must be 8');
    expect(problems({ id: 'x', start: 'h', nodes: { h: { type: 'hours', timeZone: 'UTC', days: [1], from: '00:00', to: '00:00', open: 'e', closed: 'e' }, e: { type: 'end' } } }))
      .toContain('nodes.h.to: must differ from from (for all day, use 00:00 to 23:59)');
  });

  it('are refused at start when an exit names a queue the domain does not have', () => {
    const bad = { ...IVR, nodes: { ...IVR.nodes, support: { type: 'route', queueId: 'nosuch' } } };
    expect(() => validateServiceConfig({ ...testConfig(), ivrs: [bad] })).toThrow(/config\.ivrs\[0\]\.nodes\.support\.queueId: no queue 'nosuch' in the domain/);
  });
});

describe('opening hours over midnight across a daylight-saving change', () => {
  it('counts the hours after midnight on the calendar day the shift started', () => {
    const sundayNights = { timeZone: 'Europe/Berlin', days: [7], from: '20:00', to: '02:00' };
    expect(isOpen(sundayNights, Date.parse('2026-03-29T22:30:00Z'))).toBe(true); // Monday 00:30 CEST, the night DST began
    expect(isOpen(sundayNights, Date.parse('2026-03-22T23:30:00Z'))).toBe(true); // a week earlier (CET)
    expect(isOpen({ ...sundayNights, days: [6] }, Date.parse('2026-03-29T22:30:00Z'))).toBe(false);
    const ivr = compileIvr({ id: 'x', start: 'h', nodes: { h: { type: 'hours', ...sundayNights, open: 'o', closed: 'c' }, o: { type: 'end', prompt: { text: 'open' } }, c: { type: 'end', prompt: { text: 'closed' } } } });
    expect(startIvr(ivr, Date.parse('2026-03-29T22:30:00Z')).action.prompts[0]?.text).toBe('open');
    expect(stepIvr).toBeDefined();
  });
});
