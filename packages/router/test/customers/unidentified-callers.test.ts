import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, validateServiceConfig, type ServiceConfig } from '@switchboard/router/service';
import type { Customer } from '../../src/service/config-schema.js';
import { testApp, type TestApp } from '../http/http-fixture.js';
import { FakeCrm, type CrmMode } from './fake-crm.js';

const HASH = hashPassword('pw');
const step = (requirement: string) => [{ requirement, afterSeconds: 0 }];

/** A platinum customer only the CRM knows, owned by own. */
const ACME: Customer = { id: 'acme', name: 'ACME', numbers: ['+78129978363'], valueTier: 'platinum', ownerAgentId: 'own' };

/** Sales (the DNIS line), a lead queue for unknown callers of sales, and a CRM with no fallback. */
function config(crm: ServiceConfig['crm']): ServiceConfig {
  return validateServiceConfig({
    domainId: 'unid',
    domain: {
      skills: [{ id: 'sales' }],
      queues: [{ id: 'sales', steps: step('sales'), preferredWindowSeconds: 30 }, { id: 'leads', steps: step('sales') }],
      agents: [{ id: 'own', team: 't', skills: { sales: 3 } }, { id: 'seller', team: 't', skills: { sales: 3 } }],
    },
    users: [{ id: 'admin', role: 'admin', passwordHash: HASH }, ...['own', 'seller'].map((id) => ({ id, role: 'agent' as const, agentId: id, passwordHash: HASH }))],
    leads: { queueId: 'leads', fromQueues: ['sales'] },
    pbx: [{ id: 'pbx', apiKey: 'test-pbx-key-0123456789' }],
    dnis: { '+78005550101': 'sales' },
    defaultCountry: 'RU',
    ...(crm === undefined ? {} : { crm }),
  });
}

let t: TestApp | undefined;
let crm: FakeCrm | undefined;
afterEach(async () => {
  await t?.close();
  await crm?.close();
  t = crm = undefined;
});

async function open(mode: CrmMode | undefined): Promise<TestApp> {
  crm = await FakeCrm.start([ACME]);
  if (mode !== undefined) crm.mode = mode;
  crm.delayMs = 20_000;
  t = await testApp({ config: config({ url: crm.url, timeoutMs: 150, fallback: 'unknown' }) });
  return t;
}

const route = async (app: TestApp, callId: string, caller: string | undefined) =>
  app.call('pbx', 'POST', '/v1/route', { callId, dnis: '+7 800 555-01-01', ...(caller === undefined ? {} : { caller }) });

describe('a customer directory that cannot answer does not turn a customer into a stranger', () => {
  it.each<CrmMode>(['status500', 'slow'])('CRM %s: routed to the queue asked for, unidentified, with no lead, and the trace says why', async (mode) => {
    const app = await open(mode);
    const res = await route(app, `crm-${mode}`, '+7 812 997-83-63');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'queued', queueId: 'sales', routing: { reason: 'queue', customerLookup: 'failed' } });
    expect(res.json().routing).not.toHaveProperty('leadId');
    expect((await app.call('admin', 'GET', '/v1/leads')).json()).toEqual([]);
    const trace = (await app.call('admin', 'GET', `/v1/contacts/crm-${mode}/trace`)).json();
    expect(trace.routing).toMatchObject({ reason: 'queue', customerLookup: 'failed' });
  });

  it('still makes a lead of a number the CRM says it does not know, and serves the customer it knows', async () => {
    const app = await open('ok');
    await app.ready('own');
    expect((await route(app, 'known-1', '+7 812 997-83-63')).json()).toMatchObject({ status: 'reserved', agentId: 'own', routing: { reason: 'account-team' } });
    const stranger = (await route(app, 'new-1', '+7 903 123-45-67')).json();
    expect(stranger).toMatchObject({ queueId: 'leads', routing: { reason: 'lead' } });
    expect(stranger.routing).not.toHaveProperty('customerLookup');
  });
});

describe('a withheld or malformed caller-id never loses the call', () => {
  const WITHHELD = ['anonymous', 'Anonymous', 'unknown', 'restricted', 'PRIVATE', '', '  ', 'sip:anonymous@anonymous.invalid',
    '"Anonymous" <sip:anonymous@anonymous.invalid>', 'sip:restricted@pbx.example', 'tel:private', undefined];

  it.each(WITHHELD)('caller %j: routed unidentified, no lead', async (caller) => {
    t = await testApp({ config: config(undefined) });
    const res = await route(t, 'w-1', caller);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'queued', queueId: 'sales', routing: { reason: 'queue', callerNumber: 'withheld' } });
    const contact = (await t.call('admin', 'GET', '/v1/contacts/w-1')).json();
    expect(contact.attributes).not.toHaveProperty('caller');
    expect((await t.call('admin', 'GET', '/v1/leads')).json()).toEqual([]);
  });

  it.each(['not a number', '12', '+0 000', 'sip:bob@pbx.example', '8 (812) 997'])('caller %j: routed unidentified and said to be invalid', async (caller) => {
    t = await testApp({ config: config(undefined) });
    await t.ready('seller');
    const res = await route(t, 'bad-1', caller);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'reserved', queueId: 'sales', agentId: 'seller', routing: { reason: 'queue', callerNumber: 'invalid' } });
    expect((await t.call('admin', 'GET', '/v1/leads')).json()).toEqual([]);
  });

  it('submits a contact whose caller-id is withheld, noting it', async () => {
    t = await testApp({ config: config(undefined) });
    const sub = await t.call('pbx', 'POST', '/v1/contacts', { id: 'sub-anon', queueId: 'sales', caller: 'restricted' });
    expect(sub.json()).toMatchObject({ kind: 'queued' });
    const contact = (await t.call('admin', 'GET', '/v1/contacts/sub-anon')).json();
    expect(contact.attributes).toMatchObject({ data: { callerNumber: 'withheld' } });
    expect(contact.attributes).not.toHaveProperty('caller');
  });

  it('routes a call whatever its caller-id says (fuzzed): 200, identified by number or said why not', async () => {
    t = await testApp({ config: config(undefined) });
    const app = t;
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 64 }), async (caller) => {
      const res = await route(app, `fz-${n++}`, caller);
      expect(res.statusCode, res.body).toBe(200);
      const contact = (await app.call('admin', 'GET', `/v1/contacts/${res.json().contactId}`)).json();
      expect(contact.attributes.caller !== undefined || ['withheld', 'invalid'].includes(res.json().routing.callerNumber)).toBe(true);
    }), { numRuns: 150 });
  });
});
