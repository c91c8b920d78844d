import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEMO_CREDENTIALS, demoConfig, SwitchboardService } from '@switchboard/router/service';
import type { FastifyInstance } from 'fastify';

// The demo domain end to end: the IVR learns why the customer calls; the offer carries the script.
let app: FastifyInstance;
let service: SwitchboardService;
const tokens: Record<string, string> = {};
const PBX = { 'x-api-key': DEMO_CREDENTIALS.pbxApiKey };
const MON_10 = Date.parse('2026-11-23T07:00:00Z');

async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const headers = user === 'pbx' ? PBX : { authorization: `Bearer ${tokens[user] ?? ''}` };
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
}

beforeAll(async () => {
  // A Monday, 10:00 Moscow time: the demo IVR is open (07:00–02:00); time moves on from there.
  const offset = MON_10 - Date.now();
  service = await SwitchboardService.open({ config: demoConfig(), now: () => Date.now() + offset });
  app = await buildApp({ service, jwtSecret: 'demo', logger: false });
  for (const [user, password] of [['agent05', 'agent-demo'], ['agent09', 'agent-demo'], ['agent15', 'agent-demo'], ['sue', 'supervisor-demo'], ['max', 'supervisor-demo']]) {
    tokens[user as string] = (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user, password } })).json().token;
  }
  for (const a of ['agent05', 'agent15']) for (const state of ['loggedIn', 'ready']) await as(a, 'PUT', '/v1/me/presence', { state });
});
afterAll(async () => { await app.close(); });

/** Walks the demo IVR by DTMF from the language menu. */
async function walk(callId: string, caller: string, keys: string[]) {
  let r = (await as('pbx', 'POST', '/v1/ivr/sessions', { callId, caller })).json();
  for (const digits of keys) r = (await as('pbx', 'POST', `/v1/ivr/sessions/${callId}/inputs`, { type: 'digits', digits })).json();
  return r;
}

describe('the demo: IVR, routing and scripts', () => {
  it('gives a platinum customer who lost a ticket the valued lost-ticket script, offer included', async () => {
    const r = await walk('lt-1', '+7 812 997-83-63', ['2', '2']);
    expect(r).toMatchObject({ ended: true, action: { kind: 'route', queueId: 'support', attributes: { reason: 'lost-ticket', language: 'en' } }, route: { status: 'reserved', agentId: 'agent05' } });
    const desk = (await as('agent05', 'GET', '/v1/me/desk')).json();
    expect(desk.contacts[0].script).toEqual({ scriptId: 'lost-ticket-valued', title: 'Lost ticket — valued customer', ruleId: expect.stringMatching(/^lost-ticket-valued/), offersAllowed: true });
    expect((await as('agent05', 'POST', '/v1/contacts/lt-1/script', {})).json().code).toBe('CONTACT_STATE_INVALID'); // answer the offer first
    await as('agent05', 'POST', '/v1/me/offers/lt-1/accept', { token: desk.contacts[0].reservation.token });
    const run = (await as('agent05', 'POST', '/v1/contacts/lt-1/script', {})).json();
    expect(run.run).toMatchObject({ scriptId: 'lost-ticket-valued', stepId: 'greet', done: false });
    expect((await as('agent05', 'POST', '/v1/contacts/lt-1/script', {})).json().run.stepId).toBe('verify');
    expect((await as('agent05', 'POST', '/v1/contacts/lt-1/script', { answer: 'nope' })).json().code).toBe('SCRIPT_ANSWER_INVALID');
    const trace = (await as('max', 'GET', '/v1/contacts/lt-1/trace')).json();
    expect(trace.script).toMatchObject({ scriptId: 'lost-ticket-valued', matched: expect.arrayContaining([expect.objectContaining({ ruleId: 'lost-ticket' })]) });
  });

  it('suppresses the cross-sell offer when the customer complains', async () => {
    const r = await walk('cp-1', '+7 812 555-01-02', ['1', '4']); // Globex: cross-sell 0.8 and an eligible offer
    expect(r.route).toMatchObject({ status: 'reserved', agentId: 'agent15' });
    const desk = (await as('agent15', 'GET', '/v1/me/desk')).json();
    expect(desk.contacts[0].script).toMatchObject({ scriptId: 'complaint', offersAllowed: false });
    const trace = (await as('max', 'GET', '/v1/contacts/cp-1/trace')).json();
    expect(trace.script.nearMisses.length + trace.script.matched.length).toBeGreaterThan(1);
  });

  it('sends a debtor who keys an overdue account to the credit controllers with the collections script', async () => {
    const r = await walk('dbt-1', '+7 495 000-00-00', ['1', '3', '555777#']);
    expect(r).toMatchObject({ ended: true, action: { kind: 'route', queueId: 'collections', attributes: { reason: 'collections' } } });
    const c = (await as('sue', 'GET', '/v1/contacts')).json();
    expect(Array.isArray(c)).toBe(true);
    const status = (await as('pbx', 'GET', '/v1/contacts/dbt-1')).json();
    expect(status.attributes).toMatchObject({ customerId: 'cust-initech', reason: 'collections' });
    await as('pbx', 'POST', '/v1/contacts/dbt-1/abandon'); // nobody was free; the caller hangs up
  });
});

describe('the language the caller chooses', () => {
  it('offers a caller who chose English to an English-speaking agent, though a Russian-only one is more skilled', async () => {
    for (const a of ['agent04', 'agent12']) {
      tokens[a] = (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user: a, password: 'agent-demo' } })).json().token;
      for (const state of ['loggedIn', 'ready']) await as(a, 'PUT', '/v1/me/presence', { state });
    }
    // Moscow support (most-skilled): agent04 (support 4, billing 5; Russian) outranks agent12 (support 4, billing 3; Russian and English).
    const en = await walk('lang-en', '+7 495 000-00-02', ['2', '2']);
    expect(en).toMatchObject({ action: { attributes: { language: 'en', reason: 'lost-ticket' } }, route: { status: 'reserved', queueId: 'support-msk', agentId: 'agent12' } });
    const contact = (await as('pbx', 'GET', '/v1/contacts/lang-en')).json();
    expect(contact.requiredSkills).toEqual(['support', 'lang.en']);
    expect((await as('max', 'GET', '/v1/contacts/lang-en/trace')).json().eligibility).toEqual(expect.arrayContaining([{ agentId: 'agent04', eligibility: 'lacks-skill', memberStep: 0, score: expect.any(Number) }]));
    const ru = await walk('lang-ru', '+7 495 000-00-03', ['1', '2']);
    expect(ru.route).toMatchObject({ status: 'reserved', queueId: 'support-msk', agentId: 'agent04' });
    for (const id of ['lang-en', 'lang-ru']) await as('pbx', 'POST', `/v1/contacts/${id}/abandon`);
    for (const a of ['agent04', 'agent12']) await as(a, 'PUT', '/v1/me/presence', { state: 'loggedOut' });
  });
});

describe('a debtor, end to end', () => {
  /** agent09 answers its offer of `callId`, steps the script once, hangs up and files the disposition and note collections requires. */
  async function handled(callId: string) {
    const desk = (await as('agent09', 'GET', '/v1/me/desk')).json();
    const offer = desk.contacts.find((c: { id: string }) => c.id === callId);
    expect(offer).toMatchObject({ queueId: 'collections', script: { scriptId: 'collections-overdue', title: 'Overdue invoices', offersAllowed: true }, wrapUp: { requireDisposition: true, requireNote: true } });
    await as('agent09', 'POST', `/v1/me/offers/${callId}/accept`, { token: offer.reservation.token });
    expect((await as('agent09', 'POST', `/v1/contacts/${callId}/script`, {})).json().run).toMatchObject({ scriptId: 'collections-overdue', stepId: 'greet' });
    await as('agent09', 'POST', `/v1/contacts/${callId}/complete`);
    await service.historyRecorded();
    const missing = async () => (await as('agent09', 'GET', '/v1/me/wrap-ups/missing')).json().missing.map((m: { contactId: string }) => m.contactId);
    expect(await missing()).toContain(callId); // collections wants a disposition and a note before the shift may end
    expect((await as('agent09', 'POST', `/v1/me/wrap-ups/${callId}`, { disposition: 'promise-to-pay' })).json().code).toBe('WRAP_UP_NOTE_REQUIRED');
    expect((await as('agent09', 'POST', `/v1/me/wrap-ups/${callId}`, { disposition: 'promise-to-pay', note: 'pays Friday' })).statusCode).toBe(200);
    expect(await missing()).not.toContain(callId);
  }

  it('calling the sales line: the collections queue, their credit controller agent09, the collections script, a mandatory wrap-up', async () => {
    for (const state of ['loggedIn', 'ready']) await as('agent09', 'PUT', '/v1/me/presence', { state });
    const routed = (await as('pbx', 'POST', '/v1/route', { callId: 'dbt-route', caller: '+7 383 210-00-11', dnis: '+7 800 555-01-01' })).json();
    expect(routed).toMatchObject({ status: 'reserved', queueId: 'collections', agentId: 'agent09', routing: { reason: 'collections' } });
    const trace = (await as('max', 'GET', '/v1/contacts/dbt-route/trace')).json();
    expect(trace).toMatchObject({ routing: { reason: 'collections' }, script: { scriptId: 'collections-overdue', ruleId: 'collections-overdue' } });
    expect(trace.decisions[0]).toMatchObject({ trigger: 'preferred', agentId: 'agent09' });
    await handled('dbt-route');
  });

  it('keying an overdue account in the IVR from an unknown number: the same queue, controller and script', async () => {
    const r = await walk('dbt-ivr', '+7 495 000-00-01', ['1', '3', '555777#']);
    expect(r).toMatchObject({ ended: true, action: { kind: 'route', queueId: 'collections' }, route: { status: 'reserved', queueId: 'collections', agentId: 'agent09', routing: { reason: 'collections' } } });
    expect((await as('pbx', 'GET', '/v1/contacts/dbt-ivr')).json().attributes).toMatchObject({ customerId: 'cust-initech', reason: 'collections' });
    await handled('dbt-ivr');
  });
});

describe('the demo IVR on a fixed clock', () => {
  it('is open at 10:00 Moscow time on a Monday', async () => {
    const { isOpen, DEMO_IVR } = await import('@switchboard/ivr');
    const hours = DEMO_IVR.nodes.hours;
    if (hours?.type !== 'hours') throw new Error('no hours node');
    expect(isOpen(hours, MON_10)).toBe(true);
  });
});
