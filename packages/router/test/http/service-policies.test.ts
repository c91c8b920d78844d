import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError, hashPassword, validateServiceConfig, type ServiceConfig } from '@switchboard/router/service';
import { testApp, type TestApp } from './http-fixture.js';

const HASH = hashPassword('pw');
const SL = (thresholdSeconds: number) => ({ percent: 90, thresholdSeconds });

/** Sales with a 30 s account-team window; a platinum tier policy, a core-circle policy; one owner. */
function config(extra: Partial<Record<string, unknown>> = {}): ServiceConfig {
  return validateServiceConfig({
    domainId: 'pol',
    domain: {
      skills: [{ id: 'sales' }],
      queues: [{ id: 'sales', steps: [{ requirement: 'sales', afterSeconds: 0 }], preferredWindowSeconds: 30 }],
      agents: [{ id: 'own', team: 't', skills: { sales: 3 } }, { id: 'busy', team: 'u', skills: { sales: 3 } }],
    },
    users: [{ id: 'admin', role: 'admin', passwordHash: HASH }, ...['own', 'busy'].map((id) => ({ id, role: 'agent' as const, agentId: id, passwordHash: HASH }))],
    customers: [
      { id: 'plat', name: 'Platinum Co', numbers: ['+78129978363'], valueTier: 'platinum', segment: 'core', ownerAgentId: 'own' },
      { id: 'core', name: 'Core Co', numbers: ['+74951234567'], valueTier: 'silver', segment: 'core' },
      { id: 'plain', name: 'Plain Co', numbers: ['+73832100011'], valueTier: 'bronze' },
    ],
    servicePolicies: [
      { id: 'core-circle', segment: 'core', serviceLevel: SL(30), expectedHandleSeconds: 300 },
      { id: 'platinum', valueTier: 'platinum', serviceLevel: SL(5), expectedHandleSeconds: 420 },
    ],
    pbx: [{ id: 'pbx', apiKey: 'test-pbx-key-0123456789' }],
    defaultCountry: 'RU',
    ...extra,
  });
}

let t: TestApp;
afterEach(async () => t.close());
const route = async (callId: string, caller: string) => (await t.call('pbx', 'POST', '/v1/route', { callId, queueId: 'sales', caller })).json();

describe('service policies by value tier and by segment', () => {
  it('chooses the tier policy over the segment one, the segment one for a customer with no tier policy, none otherwise', async () => {
    t = await testApp({ config: config() });
    expect((await route('p1', '+78129978363')).routing).toMatchObject({ policyId: 'platinum' });
    expect((await route('p2', '+74951234567')).routing).toMatchObject({ policyId: 'core-circle' });
    expect((await route('p3', '+73832100011')).routing).not.toHaveProperty('policyId');
  });

  it("estimates a queued caller's wait with the policy's expected handle time until the queue has measured one", async () => {
    t = await testApp({ config: config() });
    await t.ready('busy');
    await t.call('admin', 'PUT', '/v1/agents/busy/presence', { state: 'notReady' }); // staffed, but nobody free
    expect(await route('w1', '+74951234567')).toMatchObject({ status: 'queued', position: 1, expectedWaitSeconds: 300 });
    expect(await route('w2', '+73832100011')).toMatchObject({ status: 'queued', position: 2, expectedWaitSeconds: 360 }); // no policy: 180 s each
  });

  it("holds a call for a busy owner no longer than the policy's service-level threshold", async () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    t = await testApp({ config: config(), now: () => now });
    await t.ready('own');
    await route('first', '+78129978363'); // the owner now rings with the first call
    const second = await route('second', '+78129978363');
    expect(second).toMatchObject({ status: 'queued', routing: { reason: 'account-team', policyId: 'platinum' } });
    const c = (await t.call('admin', 'GET', '/v1/contacts/second')).json();
    expect(c.preferredUntil - c.queueEnteredAt).toBe(5_000); // the queue's window is 30 s
    const other = (await route('other', '+74951234567')).routing;
    expect(other).toMatchObject({ policyId: 'core-circle' });
  });

  it('refuses a policy naming neither a tier nor a segment, at start and over HTTP', async () => {
    expect(() => config({ servicePolicies: [{ id: 'nobody', serviceLevel: SL(10) }] })).toThrow(ConfigFileError);
    expect(() => config({ servicePolicies: [{ id: 'nobody', serviceLevel: SL(10) }] })).toThrow(/servicePolicies\[0\]: names neither a valueTier nor a segment/);
    t = await testApp({ config: config() });
    const res = await t.call('admin', 'PUT', '/v1/config/service-policies/nobody', { id: 'nobody', serviceLevel: SL(10) });
    expect([res.statusCode, res.json().code]).toEqual([400, 'REQUEST_INVALID']);
    const ok = await t.call('admin', 'PUT', '/v1/config/service-policies/bought', { id: 'bought', segment: 'bought', serviceLevel: SL(10) });
    expect(ok.statusCode).toBe(200);
  });
});
