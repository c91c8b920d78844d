import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateServiceConfig } from '@switchboard/router/service';
import { testApp, testConfig, type TestApp } from './http-fixture.js';
// Found by review (2026-12-07).

// A menu whose silent caller goes to an operator (a route exit).
const IVR = {
  id: 'ivr-h', start: 'main', language: 'en',
  nodes: {
    main: { type: 'menu', prompt: { text: 'Sales 1' }, maxRetries: 0, timeoutSeconds: 5, onFail: 'operator', options: [{ key: '1', next: 'operator' }] },
    operator: { type: 'route', queueId: 'sales', reason: 'general' },
  },
};

let t: TestApp;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  t = await testApp({ config: validateServiceConfig({ ...testConfig(), ivrs: [IVR] }) });
});
afterEach(async () => { await t.close(); vi.useRealTimers(); });

describe('a caller who hangs up in the IVR (the PBX reports the BYE with /v1/pbx/calls/:id/hangup)', () => {
  it('is never routed to an agent afterwards by a read of the session', async () => {
    await t.ready('ann');
    expect((await t.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'gone@pbx' })).json().action.kind).toBe('collect');
    const bye = await t.call('pbx', 'POST', '/v1/pbx/calls/gone@pbx/hangup');
    expect([bye.statusCode, bye.json().code]).toEqual([404, 'CONTACT_UNKNOWN']); // "a call not routed yet"
    vi.setSystemTime(Date.now() + 90_000); // 90 s later someone (the PBX's poller, an admin) reads the session
    const read = (await t.call('pbx', 'GET', '/v1/ivr/sessions/gone@pbx')).json();
    const contact = await t.call('admin', 'GET', '/v1/contacts/gone@pbx');
    // The caller is gone: no agent may be offered the call, nor may it wait in a queue.
    const waiting = contact.statusCode === 200 && ['reserved', 'queued', 'preferred'].includes(contact.json().state);
    expect({ offeredTo: read.route?.agentId, routeStatus: read.route?.status ?? 'not routed', contactWaiting: waiting })
      .toMatchObject({ offeredTo: undefined, contactWaiting: false });
    expect(['ended', 'not routed']).toContain(read.route?.status ?? 'not routed');
  });
});
