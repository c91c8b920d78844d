import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, validateServiceConfig, type ServiceConfig } from '@switchboard/router/service';
import { testApp, type TestApp } from './http-fixture.js';

const HASH = hashPassword('pw');
const step = (requirement: string) => [{ requirement, afterSeconds: 0 }];
const user = (id: string) => ({ id, role: 'agent' as const, agentId: id, passwordHash: HASH });
const AGENTS = ['own', 'sub', 'mate', 'other', 'ctl', 'm1', 'n1'];

/** Sales with an account team (own, sub, mate in team-a), collections, leads, and support in two centers. */
function config(): ServiceConfig {
  return validateServiceConfig({
    domainId: 'cr',
    domain: {
      skills: ['sales', 'support', 'billing', 'center.msk', 'center.nsk'].map((id) => ({ id })),
      queues: [
        { id: 'sales', steps: step('sales>=2'), preferredWindowSeconds: 30 },
        { id: 'support', steps: step('support') },
        { id: 'support-msk', steps: step('support & center.msk') },
        { id: 'support-nsk', steps: step('support & center.nsk') },
        { id: 'collections', steps: step('billing>=4') },
        { id: 'leads', strategy: 'round-robin', steps: step('sales>=2') },
      ],
      agents: [
        { id: 'own', team: 'team-a', skills: { sales: 4 } }, { id: 'sub', team: 'team-a', skills: { sales: 3 } },
        { id: 'mate', team: 'team-a', skills: { sales: 2 } }, { id: 'other', team: 'team-b', skills: { sales: 5 } },
        { id: 'ctl', team: 'team-b', skills: { billing: 5 } },
        { id: 'm1', team: 'team-b', center: 'msk', skills: { support: 3, 'center.msk': 1 } },
        { id: 'n1', team: 'team-b', center: 'nsk', skills: { support: 3, 'center.nsk': 1 } },
      ],
    },
    users: [
      { id: 'admin', role: 'admin', passwordHash: HASH },
      { id: 'sue', role: 'supervisor', passwordHash: HASH, teams: ['team-a'], queues: ['sales', 'leads'] },
      ...AGENTS.map(user),
    ],
    customers: [
      { id: 'vip', name: 'VIP Ltd', numbers: ['+7 812 997-83-63'], valueTier: 'platinum', ownerAgentId: 'own', substituteAgentIds: ['sub'] },
      { id: 'debtor', name: 'Late Payer', numbers: ['+7 495 000-11-22'], ownerAgentId: 'own', creditControllerAgentId: 'ctl', flags: { overdueInvoices: true } },
    ],
    centers: [
      { id: 'msk', timeZone: 'Europe/Moscow', hours: { open: '08:00', close: '20:00', days: [1, 2, 3, 4, 5, 6, 7] }, queues: { support: 'support-msk' }, maxWaitSeconds: 60 },
      { id: 'nsk', timeZone: 'Asia/Novosibirsk', hours: { open: '07:00', close: '19:00', days: [1, 2, 3, 4, 5, 6, 7] }, queues: { support: 'support-nsk' } },
    ],
    regions: [{ id: 'siberia', prefixes: ['+7383'], centers: ['nsk', 'msk'] }, { id: 'russia', default: true, centers: ['msk', 'nsk'] }],
    servicePolicies: [{ id: 'vip-policy', valueTier: 'platinum', serviceLevel: { percent: 90, thresholdSeconds: 10 }, maxWaitSeconds: 0 }],
    collections: { queueId: 'collections' },
    leads: { queueId: 'leads', fromQueues: ['sales'] },
    pbx: [{ id: 'pbx', apiKey: 'test-pbx-key-0123456789' }],
    defaultCountry: 'RU',
  });
}

let t: TestApp;
afterEach(async () => t.close());

const open = async (at = '2026-11-25T10:00:00+03:00') => { t = await testApp({ config: config(), now: () => Date.parse(at) }); };
const route = async (callId: string, body: Record<string, unknown>) => (await t.call('pbx', 'POST', '/v1/route', { callId, ...body })).json();

describe('a known customer is served by their account team', () => {
  it('the owner gets the VIP\'s call, though another seller has waited longer', async () => {
    await open();
    await t.ready('other', 'mate', 'sub', 'own');
    expect(await route('v1', { queueId: 'sales', caller: '8 (812) 997-83-63' })).toMatchObject({ status: 'reserved', agentId: 'own', routing: { reason: 'account-team', policyId: 'vip-policy' } });
  });

  it('the owner away: the substitute, then the rest of the owner\'s team; all busy: the call waits for them', async () => {
    await open();
    await t.ready('other', 'mate', 'sub'); // the owner is not logged in
    expect(await route('v2', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'reserved', agentId: 'sub' });
    expect(await route('v3', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'reserved', agentId: 'mate' });
    expect(await route('v4', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'queued', routing: { reason: 'account-team' } });
    expect((await t.call('admin', 'GET', '/v1/contacts/v4')).json()).toMatchObject({ state: 'preferred', preferredAgentIds: ['own', 'sub', 'mate'] });
  });

  it('does not hold a call for an owner who is absent by the calendar a supervisor keeps', async () => {
    await open();
    await t.ready('other');
    await t.call('own', 'PUT', '/v1/me/presence', { state: 'loggedIn' }); // logged in, not ready (on a break)
    expect(await route('a1', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'queued' }); // held for the owner
    const now = Date.now();
    const holiday = { absences: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 14 * 86_400_000).toISOString() }] };
    expect((await t.call('own', 'PUT', '/v1/agents/own/absences', holiday)).json().code).toBe('FORBIDDEN');
    expect((await t.call('sue', 'PUT', '/v1/agents/own/absences', { absences: [{ from: 'soon', to: 'later' }] })).statusCode).toBe(400);
    expect((await t.call('sue', 'PUT', '/v1/agents/own/absences', holiday)).json()).toEqual({ ok: true });
    await t.call('pbx', 'POST', '/v1/contacts/a1/abandon');
    expect(await route('a2', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'reserved', agentId: 'other' });
    expect((await t.call('admin', 'GET', '/v1/audit')).json()[0]).toMatchObject({ actor: 'user:sue', kind: 'agent', entityId: 'own', after: holiday });
  });

  it('gives the call to the substitute while the calendar says the owner is away, though the owner\'s phone is logged in and ready', async () => {
    await open();
    await t.ready('own', 'sub');
    expect(await route('h1', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'reserved', agentId: 'own' });
    await t.call('pbx', 'POST', '/v1/contacts/h1/abandon');
    const now = Date.now();
    const holiday = { absences: [{ from: new Date(now - 60_000).toISOString(), to: new Date(now + 14 * 86_400_000).toISOString() }] };
    expect((await t.call('sue', 'PUT', '/v1/agents/own/absences', holiday)).json()).toEqual({ ok: true });
    expect((await t.call('admin', 'GET', '/v1/agents/own')).json().presence).toBe('ready');
    expect(await route('h2', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'reserved', agentId: 'sub', routing: { reason: 'account-team' } });
    expect((await t.call('admin', 'GET', '/v1/contacts/h2')).json().preferredAgentIds).toEqual(['sub', 'mate']);
  });

  it('the whole account team away: the queue', async () => {
    await open();
    await t.ready('other');
    expect(await route('v5', { queueId: 'sales', caller: '+78129978363' })).toMatchObject({ status: 'reserved', agentId: 'other', routing: { reason: 'account-team' } });
    // The screen pop: the agent handling the call sees the customer; no other agent outside the account does.
    expect((await t.call('other', 'GET', '/v1/customers/vip')).json()).toMatchObject({ id: 'vip', valueTier: 'platinum' });
    expect((await t.call('mate', 'GET', '/v1/customers/vip')).json().code).toBe('FORBIDDEN');
    await t.call('pbx', 'POST', '/v1/contacts/v5/abandon');
    expect((await t.call('other', 'GET', '/v1/customers/vip')).json().code).toBe('FORBIDDEN');
  });

  it('a debtor goes to collections and their credit controller', async () => {
    await open();
    expect((await t.call('admin', 'GET', '/v1/customers/debtor')).json()).toMatchObject({ creditControllerAgentId: 'ctl', flags: { overdueInvoices: true } });
    await t.ready('own', 'ctl');
    expect(await route('d1', { queueId: 'sales', caller: '+74950001122' })).toMatchObject({ status: 'reserved', agentId: 'ctl', queueId: 'collections', routing: { reason: 'collections' } });
  });
});

describe("the routing note is the router's", () => {
  it('drops routing fields the PBX sends in data, and routes a lead with as many of its own fields as the schema takes', async () => {
    await open();
    const spoofed = await route('spoof', { queueId: 'support', data: { leadId: 'lead-fake', policy: 'vip-policy', region: 'x', mine: 'kept' } });
    expect(spoofed.routing).toEqual({ reason: 'queue', callerNumber: 'withheld', centerId: 'msk', regionId: 'russia' }); // the plan's center, no lead, no policy
    expect((await t.call('admin', 'GET', '/v1/contacts/spoof')).json().attributes.data).toMatchObject({ mine: 'kept' });
    const data = Object.fromEntries(Array.from({ length: 56 }, (_, i) => [`f${i}`, i]));
    expect((await route('full', { queueId: 'sales', caller: '+7 903 111-22-34', data })).routing.reason).toBe('lead');
    const over = await t.call('pbx', 'POST', '/v1/route', { callId: 'over', queueId: 'sales', data: { ...data, f56: 56 } });
    expect([over.statusCode, over.json().code]).toEqual([400, 'REQUEST_INVALID']);
  });
});

describe('an unknown caller becomes a lead', () => {
  it('creates one lead per number, sends it to the lead queue, and its assignee gets the next call', async () => {
    await open();
    const first = await route('l1', { queueId: 'sales', caller: '+7 903 111-22-33', reason: 'tariffs' });
    expect(first).toMatchObject({ status: 'queued', queueId: 'leads', routing: { reason: 'lead' } });
    const leads = (await t.call('sue', 'GET', '/v1/leads')).json();
    expect(leads).toMatchObject([{ id: first.routing.leadId, number: '+79031112233', status: 'new', firstContactId: 'l1', askedQueueId: 'sales', reason: 'tariffs' }]);
    expect((await route('l2', { queueId: 'sales', caller: '89031112233' })).routing.leadId).toBe(first.routing.leadId);
    expect((await t.call('sue', 'GET', '/v1/leads')).json()).toHaveLength(1);

    expect((await t.call('sue', 'POST', `/v1/leads/${first.routing.leadId}/assign`, { agentId: 'other' })).json().code).toBe('FORBIDDEN');
    expect((await t.call('mate', 'POST', `/v1/leads/${first.routing.leadId}/assign`, { agentId: 'mate' })).json().code).toBe('FORBIDDEN');
    expect((await t.call('sue', 'POST', '/v1/leads/lead-nope/assign', { agentId: 'mate' })).json().code).toBe('LEAD_UNKNOWN');
    expect((await t.call('sue', 'POST', `/v1/leads/${first.routing.leadId}/assign`, { agentId: 'mate' })).json()).toMatchObject({ status: 'assigned', assignedAgentId: 'mate', assignedBy: 'sue' });
    expect((await t.call('mate', 'GET', `/v1/leads/${first.routing.leadId}`)).json().assignedAgentId).toBe('mate');
    expect((await t.call('own', 'GET', `/v1/leads/${first.routing.leadId}`)).json().code).toBe('LEAD_UNKNOWN');

    for (const id of ['l1', 'l2']) await t.call('pbx', 'POST', `/v1/contacts/${id}/abandon`);
    await t.ready('other', 'mate');
    expect(await route('l3', { queueId: 'sales', caller: '+79031112233' })).toMatchObject({ status: 'reserved', agentId: 'mate', queueId: 'leads' });
  });

  it('only on the lines the configuration names, and never for a known customer or a hidden number', async () => {
    await open();
    expect(await route('s1', { queueId: 'support', caller: '+79031112233' })).not.toHaveProperty('routing.leadId');
    expect((await route('s2', { queueId: 'sales', caller: '+78129978363' })).routing.reason).toBe('account-team');
    expect((await route('s3', { queueId: 'sales' })).queueId).toBe('sales');
    expect((await t.call('admin', 'GET', '/v1/leads')).json()).toEqual([]);
  });

  it('publishes lead.created once and lead.assigned to the service\'s event stream', async () => {
    await open();
    const seen: string[] = [];
    const sub = t.service.ctx.bus.events.subscribe((e) => seen.push(e.type));
    const first = await route('e1', { queueId: 'sales', caller: '+79035550000' });
    await route('e2', { queueId: 'sales', caller: '+79035550000' });
    await t.call('sue', 'POST', `/v1/leads/${first.routing.leadId}/assign`, { agentId: 'mate' });
    sub.unsubscribe();
    expect(seen).toEqual(['lead.created', 'lead.assigned']);
  });
});

describe('follow the sun', () => {
  it('sends a Siberian caller to Novosibirsk, a Moscow caller to Moscow', async () => {
    await open('2026-11-25T10:00:00+03:00');
    expect(await route('f1', { queueId: 'support', caller: '+7 383 210-00-11' })).toMatchObject({ queueId: 'support-nsk', routing: { centerId: 'nsk', regionId: 'siberia' } });
    expect(await route('f2', { queueId: 'support', caller: '+7 495 111-22-33' })).toMatchObject({ queueId: 'support-msk', routing: { centerId: 'msk', regionId: 'russia' } });
  });

  it('passes calls on from a closed center, and to the asked queue when every center is closed', async () => {
    await open('2026-11-25T05:30:00+03:00'); // Moscow 05:30 (closed), Novosibirsk 09:30
    expect(await route('f3', { queueId: 'support', caller: '+7 495 111-22-33' })).toMatchObject({ queueId: 'support-nsk', routing: { centerId: 'nsk' } });
    await t.close();
    await open('2026-11-25T23:30:00+03:00'); // Moscow 23:30, Novosibirsk 03:30
    expect(await route('f4', { queueId: 'support', caller: '+7 495 111-22-33' })).toMatchObject({ queueId: 'support' });
  });

  it('passes a VIP on to the next center as soon as the nearest one has anyone waiting (their policy allows no wait)', async () => {
    await open();
    expect((await route('w1', { queueId: 'support', caller: '+7 495 111-22-33' })).queueId).toBe('support-msk');
    await new Promise((r) => setTimeout(r, 20)); // the contact waits: the Moscow queue's longest wait is above 0 s
    expect(await route('w2', { queueId: 'support', caller: '+78129978363' })).toMatchObject({ queueId: 'support-nsk', routing: { centerId: 'nsk', policyId: 'vip-policy' } });
    expect((await route('w3', { queueId: 'support', caller: '+7 495 111-22-44' })).queueId).toBe('support-msk');
  });

  it('follows a center\'s hours as the admin edits them, and refuses a center whose queues do not exist', async () => {
    await open('2026-11-25T10:00:00+03:00');
    const msk = { id: 'msk', timeZone: 'Europe/Moscow', hours: { open: '12:00', close: '20:00', days: [1, 2, 3, 4, 5, 6, 7] }, queues: { support: 'support-msk' } };
    expect((await t.call('admin', 'PUT', '/v1/config/centers/msk', msk)).statusCode).toBe(200);
    expect((await route('h1', { queueId: 'support', caller: '+7 495 111-22-33' })).queueId).toBe('support-nsk'); // Moscow now opens at noon
    const bad = await t.call('admin', 'PUT', '/v1/config/centers/msk', { ...msk, queues: { support: 'nope' } });
    expect(bad.json()).toMatchObject({ code: 'REQUEST_INVALID', message: expect.stringContaining("center.queues.support: no queue 'nope'") });
  });
});
