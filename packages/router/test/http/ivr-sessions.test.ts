import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IVR } from '@switchboard/ivr';
import { validateServiceConfig } from '@switchboard/router/service';
import { KAMAILIO_KEY, testApp, testConfig, type TestApp } from './http-fixture.js';

const IVR = {
  id: 'ivr-test', start: 'main', language: 'en',
  nodes: {
    main: {
      type: 'menu', prompt: { text: 'Sales 1, billing 3' }, maxRetries: 1, onFail: 'bye',
      options: [{ key: '1', next: 'sales', keywords: ['sales'] }, { key: '3', next: 'account' }, { key: '9', next: 'cb' }],
    },
    account: { type: 'collect', prompt: { text: 'Account?' }, field: 'account', kind: 'digits', minLength: 6, maxLength: 6, next: 'overdue', onFail: 'bye' },
    overdue: { type: 'lookup', function: 'accountOverdue', input: 'account', branches: { yes: 'debt', no: 'support' }, default: 'support' },
    sales: { type: 'route', queueId: 'sales', reason: 'sales' },
    support: { type: 'route', queueId: 'support', reason: 'billing' },
    debt: { type: 'route', queueId: 'support', reason: 'collections' },
    cb: { type: 'callback', queueId: 'sales', reason: 'callback' },
    bye: { type: 'end', prompt: { text: 'Bye' } },
  },
};

let t: TestApp;
beforeEach(async () => {
  const base = testConfig();
  t = await testApp({ config: validateServiceConfig({
    ...base, ivrs: [IVR],
    customers: [...base.customers, { id: 'cust-3', name: 'Debtor', numbers: [], accounts: ['555777'], flags: { overdueInvoices: true } }],
  }) });
});
afterEach(async () => { await t.close(); });

const start = (callId: string, extra: object = {}) => t.call('pbx', 'POST', '/v1/ivr/sessions', { callId, ...extra });
const input = (id: string, body: object) => t.call('pbx', 'POST', `/v1/ivr/sessions/${encodeURIComponent(id)}/inputs`, body);

describe('IVR sessions', () => {
  it('walk a caller by DTMF into a queue, where an agent is offered the call with what the IVR learned', async () => {
    await t.ready('ann');
    const s = (await start('ivr-1@pbx', { caller: '+7 812 997-83-63' })).json();
    expect(s).toMatchObject({ sessionId: 'ivr-1@pbx', ended: false, action: { kind: 'collect', prompts: [{ text: 'Sales 1, billing 3' }] } });
    const done = (await input(s.sessionId, { type: 'digits', digits: '1' })).json();
    expect(done).toMatchObject({ ended: true, action: { kind: 'route', queueId: 'sales' }, route: { status: 'reserved', agentId: 'ann' } });
    expect(done.route).not.toHaveProperty('rtjson');
    const offer = (await t.call('ann', 'GET', '/v1/contacts/ivr-1@pbx')).json();
    expect(offer.attributes).toMatchObject({ reason: 'sales', caller: '+78129978363', customerId: 'cust-1', data: { language: 'en', ivr: 'ivr-test' } });
  });

  it("give a Kamailio PBX (rtjson: true) the route set with the session's route answer", async () => {
    await t.ready('ann');
    const kamailio = { 'x-api-key': KAMAILIO_KEY };
    const s = (await t.app.inject({ method: 'POST', url: '/v1/ivr/sessions', headers: kamailio, payload: { callId: 'ivr-k@pbx' } })).json();
    await t.app.inject({ method: 'POST', url: `/v1/ivr/sessions/${encodeURIComponent(s.sessionId)}/inputs`, headers: kamailio, payload: { type: 'digits', digits: '1' } });
    const now = (await t.app.inject({ method: 'GET', url: `/v1/ivr/sessions/${encodeURIComponent(s.sessionId)}`, headers: kamailio })).json();
    expect(now.route).toMatchObject({ status: 'reserved', agentId: 'ann', rtjson: { routes: [{ uri: 'sip:ann@pbx.test' }] } });
  });

  it.each([['anonymous', 'withheld'], ['sip:anonymous@anonymous.invalid', 'withheld'], ['', 'withheld'], ['not a number', 'invalid']])(
    'serve a caller whose caller-id is %j, and route it unidentified (%s)', async (caller, why) => {
      await t.ready('ann');
      const s = await start('ivr-anon', { caller });
      expect(s.statusCode).toBe(200);
      const done = (await input('ivr-anon', { type: 'digits', digits: '1' })).json();
      expect(done).toMatchObject({ ended: true, route: { status: 'reserved', agentId: 'ann', routing: { reason: 'queue', callerNumber: why } } });
      expect((await t.call('ann', 'GET', '/v1/contacts/ivr-anon')).json().attributes).not.toHaveProperty('customerId');
    });

  it('run the lookup itself: an overdue account goes to collections', async () => {
    const s = (await start('ivr-2')).json();
    await input(s.sessionId, { type: 'digits', digits: '3' });
    const done = (await input(s.sessionId, { type: 'digits', digits: '555777' })).json();
    expect(done).toMatchObject({ ended: true, action: { kind: 'route', attributes: { reason: 'collections', data: { account: '555777' } } }, route: { status: 'queued' } });
  });

  it('take speech results, and a callback exit leaves a virtual-hold callback in the queue', async () => {
    const s = (await start('ivr-3')).json();
    expect((await input(s.sessionId, { type: 'speech', text: 'sales please' })).json().action).toMatchObject({ kind: 'route', queueId: 'sales' });
    const c = (await start('ivr-4')).json();
    expect((await input(c.sessionId, { type: 'digits', digits: '9' })).json().route).toMatchObject({ status: 'queued' });
    expect((await t.call('pbx', 'GET', '/v1/contacts/ivr-4')).json()).toMatchObject({ callback: true, attributes: { reason: 'callback' } });
  });

  it('are idempotent by Call-ID and refuse input after the end with a typed error', async () => {
    const a = (await start('ivr-5')).json();
    await input(a.sessionId, { type: 'digits', digits: '7' });
    expect((await start('ivr-5')).json().action.prompts[0].text).toBe('Sales 1, billing 3');
    const end = (await input(a.sessionId, { type: 'timeout' })).json();
    expect(end).toMatchObject({ ended: true, action: { kind: 'hangup', reason: 'self-service' } });
    const after = await input(a.sessionId, { type: 'digits', digits: '1' });
    expect([after.statusCode, after.json().code]).toEqual([409, 'IVR_SESSION_ENDED']);
    const unknown = await input('nope', { type: 'digits', digits: '1' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'IVR_SESSION_UNKNOWN']);
    const bad = await input(a.sessionId, { type: 'digits', digits: 'x' });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('are for PBXs (and admins) only', async () => {
    expect((await t.call('ann', 'POST', '/v1/ivr/sessions', { callId: 'x' })).json().code).toBe('FORBIDDEN');
  });

  it('are refused at start when an IVR asks a lookup the service does not have', async () => {
    const { SwitchboardService } = await import('@switchboard/router/service');
    const typo = { ...IVR, nodes: { ...IVR.nodes, overdue: { ...IVR.nodes.overdue, function: 'acountOverdue' } } };
    await expect(SwitchboardService.open({ config: validateServiceConfig({ ...testConfig(), ivrs: [typo] }) }))
      .rejects.toThrow(/config\.ivrs\[0\]\.nodes\.overdue\.function: no lookup 'acountOverdue' \(known: accountOverdue\)/);
  });

  it('are refused at start when an exit requires a skill the domain does not have', () => {
    const typo = { ...IVR, nodes: { ...IVR.nodes, sales: { type: 'route' as const, queueId: 'sales', requiredSkills: ['sales', 'lang.klingon'] } } };
    expect(() => validateServiceConfig({ ...testConfig(), ivrs: [typo] })).toThrow(/config\.ivrs\[0\]\.nodes\.sales\.requiredSkills\[1\]: no skill 'lang\.klingon' in the domain's catalogue/);
  });

  it('put the call in the queue requiring the skills the exit names, so only an agent with them is offered it', async () => {
    const needsSupport = { ...IVR, nodes: { ...IVR.nodes, sales: { type: 'route' as const, queueId: 'sales', requiredSkills: ['support'] } } };
    const x = await testApp({ config: validateServiceConfig({ ...testConfig(), ivrs: [needsSupport] }) });
    try {
      await x.ready('ann', 'bob'); // ann: sales 4; bob: sales 3 and support 2
      await x.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'req-1' });
      const done = (await x.call('pbx', 'POST', '/v1/ivr/sessions/req-1/inputs', { type: 'digits', digits: '1' })).json();
      expect(done.route).toMatchObject({ status: 'reserved', agentId: 'bob' });
      expect((await x.call('admin', 'GET', '/v1/contacts/req-1')).json().requiredSkills).toEqual(['support']);
    } finally {
      await x.close();
    }
  });

  it('are refused at start when the configuration has a broken IVR, naming the path', () => {
    const broken = { ...DEMO_IVR, nodes: { ...DEMO_IVR.nodes, sales: { type: 'route' as const, queueId: 'x y' } } };
    expect(() => validateServiceConfig({ ...testConfig(), ivrs: [broken] })).toThrow(/config\.ivrs\[0\]\.nodes\.sales\.queueId: must match/);
  });
});
