import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, validateServiceConfig } from '@switchboard/router/service';
import { testApp, type TestApp } from './http-fixture.js';

// Findings of the review of the PBX route path (2026-12-07), each pinned.
let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });
const app = async (...args: Parameters<typeof testApp>): Promise<TestApp> => (t = await testApp(...args));
const enc = encodeURIComponent;

/** One queue whose 'complaint' reason and 'gold' tier get a head start (at most 10 minutes); nobody logged in. */
const boostConfig = () => validateServiceConfig({
  domainId: 'boost-review',
  domain: {
    skills: [{ id: 'support' }],
    queues: [{ id: 'support', steps: [{ requirement: 'support', afterSeconds: 0 }], priority: { reasonBoostSeconds: { complaint: 60 }, tierBoostSeconds: { gold: 60 }, maxBoostSeconds: 600 } }],
    agents: [{ id: 'cat', skills: { support: 3 } }],
  },
  users: [{ id: 'admin', role: 'admin', passwordHash: hashPassword('pw') }],
  pbx: [{ id: 'pbx-1', apiKey: 'test-pbx-key-0123456789' }],
});

describe('the route path review', () => {
  for (const reason of ['constructor', 'toString', '__proto__']) {
    it(`gives a reason or tier no boost is configured for no head start: '${reason}'`, async () => {
      const s = await app({ config: boostConfig() });
      expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'first@pbx', queueId: 'support', reason: 'complaint' })).json()).toMatchObject({ status: 'queued', position: 1 });
      const later = (await s.call('pbx', 'POST', '/v1/route', { callId: 'second@pbx', queueId: 'support', reason })).json();
      expect(later).toMatchObject({ status: 'queued', position: 2 }); // behind the complaint, which came first and has a head start
      expect((await s.call('admin', 'GET', '/v1/contacts/second@pbx')).json().boostMs).toBe(0);
      expect((await s.call('pbx', 'POST', '/v1/contacts', { id: 'third', queueId: 'support', valueTier: reason })).statusCode).toBe(200);
      expect((await s.call('admin', 'GET', '/v1/contacts/third')).json().boostMs).toBe(0);
    });
  }

  it("counts a queued call's staffing afresh after a second, also when the service clock is pinned", async () => {
    const at = Date.parse('2026-11-25T10:00:00+03:00');
    const s = await app({ now: () => at });
    expect((await s.call('pbx', 'POST', '/v1/route', { callId: 'w-1@pbx', queueId: 'support' })).json()).toMatchObject({ status: 'queued', position: 1, expectedWaitSeconds: 180 }); // nobody logged in
    for (const a of ['bob', 'cat']) expect((await s.call(a, 'PUT', '/v1/me/presence', { state: 'loggedIn' })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await s.call('pbx', 'GET', '/v1/route/w-1@pbx')).json()).toMatchObject({ status: 'queued', position: 1, expectedWaitSeconds: 90 }); // 180 s over two agents
  });

  it('polls and reports a call whose Call-ID is as long as the route request takes (512 characters, escaped in the path)', async () => {
    const s = await app();
    await s.ready('ann');
    const callId = `${'x'.repeat(200)};${'y'.repeat(302)}@pbx.test`; // the ';' is escaped in a path: 514 characters there
    expect(callId).toHaveLength(512);
    const first = await s.call('pbx', 'POST', '/v1/route', { callId, queueId: 'sales' });
    expect([first.statusCode, first.json().status]).toEqual([200, 'reserved']);
    expect((await s.call('pbx', 'GET', `/v1/route/${enc(callId)}`)).statusCode).toBe(200);
    const answered = await s.call('pbx', 'POST', `/v1/pbx/calls/${enc(callId)}/answered`, { reservationId: first.json().reservationId });
    expect([answered.statusCode, answered.json().status]).toEqual([200, 'connected']);
    const hungUp = await s.call('pbx', 'POST', `/v1/pbx/calls/${enc(callId)}/hangup`);
    expect([hungUp.statusCode, hungUp.json().status]).toEqual([200, 'ended']);
  });
});
