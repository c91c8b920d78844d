import { validateServiceConfig, type ServiceConfig } from '@switchboard/router/service';
import { testConfig, type TestApp } from './http-fixture.js';

/**
 * The API tests' domain with wrap-up policies: `sales` (wrap-up 5 s) requires a disposition
 * and a note; `support` (no wrap-up time) requires a disposition.
 */
export function historyConfig(domainId = 'test'): ServiceConfig {
  return validateServiceConfig({
    ...testConfig(domainId),
    wrapUpPolicies: [
      { queueId: 'sales', dispositions: ['sold', 'no-interest', 'call-back'], requireDisposition: true, requireNote: true },
      { queueId: 'support', dispositions: ['solved', 'escalated'], requireDisposition: true },
    ],
  });
}

const enc = encodeURIComponent;

/** Routes a call from `caller` to `queueId` as the PBX; the agent it is offered to answers it. Returns the contact id. */
export async function answeredCall(t: TestApp, callId: string, queueId: string, caller?: string): Promise<{ id: string; agentId: string }> {
  const routed = (await t.call('pbx', 'POST', '/v1/route', { callId, queueId, ...(caller === undefined ? {} : { caller }) })).json();
  if (routed.status !== 'reserved') throw new Error(`call ${callId} not reserved: ${JSON.stringify(routed)}`);
  const c = (await t.call('admin', 'GET', `/v1/contacts/${enc(callId)}`)).json();
  const res = await t.call(routed.agentId, 'POST', `/v1/me/offers/${enc(callId)}/accept`, { token: c.reservation.token });
  if (res.statusCode !== 200) throw new Error(`accept ${callId}: ${res.body}`);
  return { id: routed.contactId, agentId: routed.agentId };
}

/** Ends the conversation of an answered call (as its agent): wrap-up starts. */
export async function completed(t: TestApp, call: { id: string; agentId: string }): Promise<void> {
  const res = await t.call(call.agentId, 'POST', `/v1/contacts/${enc(call.id)}/complete`);
  if (res.statusCode !== 200) throw new Error(`complete ${call.id}: ${res.body}`);
  await t.service.historyRecorded();
}

/** The kinds of an interaction's entries, as an admin reads them. */
export async function kindsOf(t: TestApp, id: string): Promise<string[]> {
  await t.service.historyRecorded();
  return ((await t.call('admin', 'GET', `/v1/interactions/${enc(id)}`)).json().entries as Array<{ kind: string }>).map((e) => e.kind);
}
