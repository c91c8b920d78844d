import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileError, validateServiceConfig } from '@switchboard/router/service';
import { testApp, testConfig, type TestApp } from './http-fixture.js';
import { answeredCall, completed, historyConfig, kindsOf } from './history-fixture.js';

/**
 * Mandatory wrap-up over HTTP: filing a disposition and note against the queue's policy, the
 * refusal to end a wrap-up that lacks them, the end-of-shift check, the refusal to log out
 * with contacts missing their wrap-up, and a supervisor's waiver.
 */
let t: TestApp;
beforeEach(async () => { t = await testApp({ config: historyConfig() }); });
afterEach(async () => { await t.close(); });

const file = (as: string, id: string, body: unknown) => t.call(as, 'POST', `/v1/me/wrap-ups/${id}`, body);
const codeOf = async (p: Promise<{ statusCode: number; json: () => unknown }>) => {
  const r = await p;
  return [r.statusCode, r.statusCode === 200 ? 'ok' : (r.json() as { code: string }).code];
};
const logout = (as: string) => t.call(as, 'PUT', '/v1/me/presence', { state: 'loggedOut' });

describe('filing a wrap-up', () => {
  it("shows on the desk what the contact's wrap-up asks for (its queue's policy)", async () => {
    await t.ready('ann');
    await completed(t, await answeredCall(t, 's-0', 'sales'));
    const desk = (await t.call('ann', 'GET', '/v1/me/desk')).json() as { contacts: Array<{ id: string; wrapUp?: unknown }> };
    expect(desk.contacts.find((c) => c.id === 's-0')?.wrapUp).toEqual({ dispositions: ['sold', 'no-interest', 'call-back'], requireDisposition: true, requireNote: true });
  });

  it("refuses what the queue's policy does not allow, with a code saying what is wrong", async () => {
    await t.ready('ann');
    await completed(t, await answeredCall(t, 's-1', 'sales'));
    expect(await codeOf(file('ann', 's-1', { note: 'no disposition' }))).toEqual([400, 'DISPOSITION_REQUIRED']);
    expect(await codeOf(file('ann', 's-1', { disposition: 'solved', note: 'a support one' }))).toEqual([400, 'DISPOSITION_UNKNOWN']);
    expect(await codeOf(file('ann', 's-1', { disposition: 'sold' }))).toEqual([400, 'WRAP_UP_NOTE_REQUIRED']);
    expect(await codeOf(file('ann', 's-1', { disposition: 'sold', note: '   ' }))).toEqual([400, 'WRAP_UP_NOTE_REQUIRED']);
    expect(await codeOf(file('ann', 's-1', {}))).toEqual([400, 'REQUEST_INVALID']);
    expect(await codeOf(file('ann', 's-1', { disposition: 'sold', note: 'x', extra: 1 }))).toEqual([400, 'REQUEST_INVALID']);
    expect(await kindsOf(t, 's-1')).not.toContain('wrapUp.filed');
  });

  it('refuses a contact the agent did not handle, and anyone without an agent desk', async () => {
    await t.ready('ann');
    await completed(t, await answeredCall(t, 's-2', 'sales'));
    expect(await codeOf(file('bob', 's-2', { disposition: 'sold', note: 'not mine' }))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(file('sue', 's-2', { disposition: 'sold', note: 'not an agent' }))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(file('ann', 'no-such-call', { disposition: 'sold', note: 'x' }))).toEqual([403, 'FORBIDDEN']);
  });

  it('records the filing with the agent name, the time and the call filled in', async () => {
    await t.ready('ann');
    const call = await answeredCall(t, 's-3', 'sales', '+7 812 997-83-63');
    const during = await file('ann', 's-3', { disposition: 'call-back', note: 'wants a quote' }); // during the call is fine
    expect(during.statusCode).toBe(200);
    expect(during.json()).toMatchObject({
      kind: 'wrapUp.filed', interactionId: 's-3', agentId: 'ann', queueId: 'sales', customerId: 'cust-1', source: 'service',
      details: { disposition: 'call-back', note: 'wants a quote', agentName: 'ann', customerName: 'Acme' },
    });
    expect(Math.abs(during.json().at - Date.now())).toBeLessThan(5_000);
    expect(typeof during.json().details.answeredAt).toBe('number');
    await completed(t, call);
    expect((await file('ann', 's-3', { disposition: 'sold', note: 'changed their mind' })).statusCode).toBe(200); // amends
    const summary = (await t.call('ann', 'GET', '/v1/interactions/s-3')).json().interaction;
    expect(summary.dispositions).toEqual({ ann: 'sold' });
  });
});

describe('ending a wrap-up', () => {
  it('is refused with WRAP_UP_INCOMPLETE until the required disposition and note are filed', async () => {
    await t.ready('ann');
    await completed(t, await answeredCall(t, 'w-1', 'sales'));
    expect(await codeOf(t.call('ann', 'POST', '/v1/me/wrap-ups/w-1/finish'))).toEqual([409, 'WRAP_UP_INCOMPLETE']);
    expect((await t.call('ann', 'GET', '/v1/me/desk')).json().agent.activity).toBe('wrapUp');
    expect((await file('ann', 'w-1', { disposition: 'no-interest', note: 'price' })).statusCode).toBe(200);
    expect(await codeOf(t.call('ann', 'POST', '/v1/me/wrap-ups/w-1/finish'))).toEqual([200, 'ok']);
    expect(await kindsOf(t, 'w-1')).toEqual(['arrived', 'offered', 'answered', 'ended', 'wrapUp.started', 'wrapUp.filed', 'wrapUp.ended']);
  });

  it('is free in a queue without a policy', async () => {
    const free = await testApp();
    try {
      await free.ready('ann');
      await completed(free, await answeredCall(free, 'w-2', 'sales'));
      expect(await codeOf(free.call('ann', 'POST', '/v1/me/wrap-ups/w-2/finish'))).toEqual([200, 'ok']);
      expect(await codeOf(free.call('ann', 'PUT', '/v1/me/presence', { state: 'loggedOut' }))).toEqual([200, 'ok']);
    } finally {
      await free.close();
    }
  });
});

describe('the end-of-shift check', () => {
  it('lists contacts of the shift lacking their wrap-up and refuses logout until they are filed', async () => {
    await t.ready('cat');
    await completed(t, await answeredCall(t, 'e-1', 'support')); // support has no wrap-up time: cat is free at once
    await completed(t, await answeredCall(t, 'e-2', 'support'));
    const check = (await t.call('cat', 'GET', '/v1/me/wrap-ups/missing')).json();
    expect(check.missing.map((m: { contactId: string }) => m.contactId).sort()).toEqual(['e-1', 'e-2']);
    expect(check.missing[0]).toMatchObject({ queueId: 'support', needs: { disposition: true, note: false } });
    expect(typeof check.shiftStartedAt).toBe('number');
    expect(await codeOf(logout('cat'))).toEqual([409, 'SHIFT_WRAP_UPS_PENDING']);
    expect((await t.call('admin', 'GET', '/v1/agents/cat')).json().presence).not.toBe('offline');
    await file('cat', 'e-1', { disposition: 'solved' });
    await file('cat', 'e-2', { disposition: 'escalated' });
    expect((await t.call('cat', 'GET', '/v1/me/wrap-ups/missing')).json().missing).toEqual([]);
    expect(await codeOf(logout('cat'))).toEqual([200, 'ok']);
  });

  it("records a supervisor's forced logout as a waiver of the shift's missing wrap-ups, and starts the next shift clean", async () => {
    await t.ready('cat');
    await completed(t, await answeredCall(t, 'e-3', 'support'));
    await file('cat', 'e-3', { disposition: 'solved' });
    await completed(t, await answeredCall(t, 'e-4', 'support'));
    await completed(t, await answeredCall(t, 'e-5', 'support'));
    expect(await codeOf(t.call('max', 'PUT', '/v1/agents/cat/presence', { state: 'loggedOut' }))).toEqual([200, 'ok']); // forced: not refused
    for (const id of ['e-4', 'e-5']) {
      const { entries } = (await t.call('admin', 'GET', `/v1/interactions/${id}`)).json();
      expect(entries.at(-1)).toMatchObject({ kind: 'wrapUp.waived', agentId: 'cat', queueId: 'support', details: { by: 'user:max', reason: 'forced-logout' } });
    }
    expect((await t.call('admin', 'GET', '/v1/interactions/e-3')).json().entries.some((e: { kind: string }) => e.kind === 'wrapUp.waived')).toBe(false);
    const [audit] = (await t.call('admin', 'GET', '/v1/audit?limit=1')).json();
    expect(audit).toMatchObject({ kind: 'wrap-up-waiver', actor: 'user:max', entityId: 'cat', after: { waived: ['e-5', 'e-4'], reason: 'forced-logout' } });
    await new Promise((r) => setTimeout(r, 5)); // the next login is a later millisecond
    await t.ready('cat');
    await t.service.historyRecorded();
    expect((await t.call('cat', 'GET', '/v1/me/wrap-ups/missing')).json().missing).toEqual([]);
    await file('cat', 'e-4', { disposition: 'escalated' }); // still filed later if the agent wants
  });

  it('lets a supervisor of the agent\'s team (or an admin) waive them, in the history and the audit log', async () => {
    await t.ready('cat');
    await completed(t, await answeredCall(t, 'v-1', 'support'));
    await completed(t, await answeredCall(t, 'v-2', 'support'));
    expect(await codeOf(t.call('sue', 'GET', '/v1/agents/cat/wrap-ups/missing'))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(t.call('sue', 'POST', '/v1/agents/cat/wrap-ups/waive', {}))).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(t.call('cat', 'POST', '/v1/agents/cat/wrap-ups/waive', {}))).toEqual([403, 'FORBIDDEN']);
    expect((await t.call('max', 'GET', '/v1/agents/cat/wrap-ups/missing')).json().missing).toHaveLength(2);
    const one = await t.call('max', 'POST', '/v1/agents/cat/wrap-ups/waive', { contactIds: ['v-1'], reason: 'system outage' });
    expect(one.json()).toEqual({ waived: ['v-1'] });
    expect(await codeOf(logout('cat'))).toEqual([409, 'SHIFT_WRAP_UPS_PENDING']);
    expect((await t.call('admin', 'POST', '/v1/agents/cat/wrap-ups/waive', {})).json()).toEqual({ waived: ['v-2'] });
    expect(await codeOf(logout('cat'))).toEqual([200, 'ok']);
    const { entries } = (await t.call('admin', 'GET', '/v1/interactions/v-1')).json();
    expect(entries.at(-1)).toMatchObject({ kind: 'wrapUp.waived', agentId: 'cat', details: { by: 'user:max', reason: 'system outage' } });
    const audit = (await t.call('admin', 'GET', '/v1/audit?limit=2')).json();
    expect(audit.map((a: { kind: string; actor: string; entityId: string }) => [a.kind, a.actor, a.entityId])).toEqual([
      ['wrap-up-waiver', 'user:admin', 'cat'], ['wrap-up-waiver', 'user:max', 'cat'],
    ]);
  });
});

describe('the wrap-up policies of the configuration', () => {
  const base = testConfig();
  const withPolicies = (wrapUpPolicies: unknown[]) => () => validateServiceConfig({ ...base, wrapUpPolicies });

  it('refuses an unknown queue, a queue twice, and a required disposition with none to pick', () => {
    expect(withPolicies([{ queueId: 'nosuch', dispositions: ['x'] }])).toThrow(/config\.wrapUpPolicies\[0\]\.queueId: no queue 'nosuch' in the domain/);
    expect(withPolicies([{ queueId: 'sales', dispositions: ['x'] }, { queueId: 'sales', dispositions: ['y'] }])).toThrow(/config\.wrapUpPolicies\[1\]\.queueId: queue 'sales' has a policy already/);
    expect(withPolicies([{ queueId: 'sales', dispositions: [], requireDisposition: true }])).toThrow(/config\.wrapUpPolicies\[0\]\.dispositions: a required disposition needs at least one/);
    expect(withPolicies([{ queueId: 'sales', dispositions: ['x'], mandatory: true }])).toThrow(ConfigFileError);
  });

  it('accepts none (the default) and valid ones', () => {
    expect(base.wrapUpPolicies).toEqual([]);
    expect(withPolicies([{ queueId: 'sales', dispositions: ['sold'], requireNote: true }])().wrapUpPolicies).toHaveLength(1);
  });
});
