import type { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError, hashPassword, validateServiceConfig } from '@switchboard/router/service';
import { testApp, testConfig, type TestApp } from './http-fixture.js';

// Findings of the access and live-events review (2026-12-07), each pinned. In the test
// domain cust-2 is owned by cat (team-b); sue supervises team-a and queue sales; ann is a
// team-a agent with the sales skill only.
let t: TestApp | undefined;
afterEach(async () => { await t?.close(); t = undefined; });
const app = async (...args: Parameters<typeof testApp>): Promise<TestApp> => (t = await testApp(...args));

type Msg = { type: string; event?: { type: string; agentId?: string; queueId?: string } };

describe('the access review', () => {
  it('refuses a supervisor a contact naming a customer outside its teams, which would open it to the agent', async () => {
    const s = await app();
    await s.ready('ann');
    expect((await s.call('sue', 'GET', '/v1/customers/cust-2')).statusCode).toBe(403);
    const named = await s.call('sue', 'POST', '/v1/contacts', { id: 'x1', queueId: 'sales', customerId: 'cust-2' });
    expect([named.statusCode, (named.json() as { code?: string }).code]).toEqual([403, 'FORBIDDEN']);
    expect((await s.call('max', 'GET', '/v1/contacts/x1')).statusCode).toBe(404); // nothing was submitted
    expect((await s.call('ann', 'GET', '/v1/customers/cust-2')).statusCode).toBe(403);
    // A customer of its teams, or one the directory does not know, may be named.
    expect((await s.call('sue', 'POST', '/v1/contacts', { id: 'x2', queueId: 'sales', customerId: 'cust-1' })).json()).toMatchObject({ kind: 'reserved', agentId: 'ann' });
    expect((await s.call('sue', 'POST', '/v1/contacts', { id: 'x3', queueId: 'sales', customerId: 'nobody-knows' })).statusCode).toBe(200);
    // The PBX names customers on the calls it routes, as before.
    expect((await s.call('pbx', 'POST', '/v1/contacts', { id: 'x4', queueId: 'support', customerId: 'cust-2' })).statusCode).toBe(200);
  });

  it("takes an admin's contact naming a customer while the directory cannot answer (an admin sees every customer)", async () => {
    const s = await app();
    const directory = s.service.ctx.directory;
    directory.byId = async () => ({ customer: undefined, outcome: 'fallback', cached: false }); // the CRM is down, its fallback has none
    const admin = await s.call('admin', 'POST', '/v1/contacts', { id: 'adm-1', queueId: 'sales', customerId: 'cust-2' });
    expect([admin.statusCode, admin.json().code]).toEqual([200, undefined]);
    const sue = await s.call('sue', 'POST', '/v1/contacts', { id: 'sue-1', queueId: 'sales', customerId: 'cust-2' });
    expect([sue.statusCode, sue.json().code]).toEqual([503, 'CUSTOMER_DIRECTORY_UNAVAILABLE']); // a supervisor's is refused: nobody can tell
  });

  it("refuses a supervisor a contact naming a preferred agent outside its teams (it would land on that agent's callbacks)", async () => {
    const s = await app();
    const cb = { queueId: 'sales', caller: '+7 812 997-83-63', callbackAt: Date.now() + 30 * 60_000 };
    const other = await s.call('sue', 'POST', '/v1/contacts', { id: 'cb-cat', ...cb, preferredAgentIds: ['cat'] }); // cat: team-b
    expect([other.statusCode, other.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await s.call('cat', 'GET', '/v1/me/callbacks')).json()).toEqual([]);
    expect((await s.call('sue', 'POST', '/v1/contacts', { id: 'cb-ann', ...cb, preferredAgentIds: ['ann'] })).statusCode).toBe(200); // ann: team-a
  });

  it('refuses a PBX the customer directory', async () => {
    const s = await app();
    for (const path of ['/v1/customers', '/v1/customers/cust-2']) {
      const r = await s.call('pbx', 'GET', path);
      expect([r.statusCode, (r.json() as { code?: string }).code], path).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('issues SIP credentials to an agent whose id is an e-mail address (its SIP user escaped)', async () => {
    const config = validateServiceConfig({
      domain: { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }], agents: [{ id: 'ann@corp.example', skills: { s: 1 } }] },
      users: [{ id: 'ann', role: 'agent', agentId: 'ann@corp.example', passwordHash: hashPassword('pw') }],
      sipDomain: 'pbx.test',
      sip: { wsUri: 'ws://127.0.0.1:8088', sharedSecret: 'kamailio-shared-secret-0123' },
    });
    const s = await app({ config });
    const res = await s.call('ann', 'GET', '/v1/me/sip');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ uri: 'sip:ann%40corp.example@pbx.test', authorizationUser: expect.stringMatching(/^\d+:ann%40corp\.example$/) });
  });

  it('refuses at start a sipUris entry that is no sip:user@host address', () => {
    expect(() => validateServiceConfig({ ...testConfig(), sipUris: { ann: 'tel:+78005550101' } })).toThrow(ConfigFileError);
    expect(validateServiceConfig({ ...testConfig(), sipUris: { ann: 'sip:1001@pbx.example;transport=ws' } }).sipUris.ann).toBe('sip:1001@pbx.example;transport=ws');
  });

  it('does not send a supervisor the offer to an agent that has just left its teams', async () => {
    const s = await app();
    await s.ready('ann');
    await s.call('pbx', 'POST', '/v1/contacts', { id: 'sup-1', queueId: 'support' }); // waits: nobody ready has 'support'
    const msgs: Msg[] = [];
    const { ticket } = (await s.call('sue', 'POST', '/v1/auth/ticket')).json() as { ticket: string };
    const ws: WebSocket = await s.app.injectWS(`/v1/events?ticket=${ticket}`, {}, { onInit: (w) => w.on('message', (d) => msgs.push(JSON.parse(String(d)) as Msg)) });
    try {
      await until(() => msgs.some((m) => m.type === 'snapshot'));
      // One change moves ann to team-b and gives her the support skill: she is offered sup-1 at once.
      expect((await s.call('admin', 'PUT', '/v1/config/agents/ann', { id: 'ann', team: 'team-b', skills: { support: 3 } })).statusCode).toBe(200);
      expect((await s.call('max', 'GET', '/v1/contacts/sup-1')).json()).toMatchObject({ state: 'reserved', agentId: 'ann' });
      await s.call('pbx', 'POST', '/v1/contacts', { id: 'sales-1', queueId: 'sales' }); // sue's queue: an event she gets, after the others
      await until(() => msgs.some((m) => m.event?.queueId === 'sales'));
      expect(msgs.filter((m) => m.event?.type === 'reservation.created')).toEqual([]);
    } finally {
      ws.terminate();
    }
  });
});

/** Waits (up to 5 s) until the check holds. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}
