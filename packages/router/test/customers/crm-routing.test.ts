import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError, SwitchboardService, type ServiceConfig } from '@switchboard/router/service';
import type { Customer } from '../../src/service/config-schema.js';
import type { LookupEvent } from '../../src/service/customers/customer-directory.js';
import { testApp, testConfig, type TestApp } from '../http/http-fixture.js';
import { FakeCrm } from './fake-crm.js';

/** A customer only the CRM knows, owned by bob. */
const crmOnly: Customer = { id: 'crm-7', name: 'Initrode', numbers: ['+73832223344'], valueTier: 'platinum', ownerAgentId: 'bob' };

let t: TestApp | undefined;
let crm: FakeCrm | undefined;
afterEach(async () => {
  await t?.close();
  await crm?.close();
  t = undefined;
  crm = undefined;
});

async function appWith(crmConfig: Partial<NonNullable<ServiceConfig['crm']>> & { url: string }): Promise<TestApp> {
  t = await testApp({ config: { ...testConfig(), crm: { timeoutMs: 200, ...crmConfig } } });
  return t;
}

const route = (app: TestApp, callId: string, body: Record<string, unknown>) =>
  app.call('pbx', 'POST', '/v1/route', { callId, queueId: 'sales', ...body });

/** The attributes of the contact a call became. */
async function attributesOf(app: TestApp, contactId: string): Promise<Record<string, unknown>> {
  const res = await app.call('admin', 'GET', `/v1/contacts/${encodeURIComponent(contactId)}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { attributes: Record<string, unknown> }).attributes;
}

describe('POST /v1/route with a CRM', () => {
  it('uses what the CRM knows: its customer, value and account owner', async () => {
    crm = await FakeCrm.start([crmOnly]);
    const app = await appWith({ url: crm.url });
    await app.ready('ann', 'bob');
    const res = await route(app, 'crm-call-1', { caller: '8 (383) 222-33-44' });
    expect(res.json()).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect(await attributesOf(app, 'crm-call-1')).toMatchObject({ customerId: 'crm-7', valueTier: 'platinum', caller: '+73832223344' });
    expect(crm.count('/api/customers/by-number/+73832223344')).toBe(1);
  });

  it('still routes the call when the CRM is down, with the embedded customer as fallback', async () => {
    const app = await appWith({ url: await FakeCrm.downUrl() });
    await app.ready('ann');
    const res = await route(app, 'down-1', { caller: '+7 812 997-83-63' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'reserved', agentId: 'ann' });
    expect(await attributesOf(app, 'down-1')).toMatchObject({ customerId: 'cust-1', valueTier: 'gold' });
    const metrics = (await app.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/switchboard_customer_lookups_total\{verb="byNumber",outcome="fallback",cached="false"\} 1/);
  });

  it('routes a call well before a slow CRM would answer', async () => {
    crm = await FakeCrm.start([crmOnly]);
    crm.mode = 'slow';
    crm.delayMs = 20_000;
    const app = await appWith({ url: crm.url, fallback: 'unknown' });
    await app.ready('ann');
    const t0 = performance.now();
    const res = await route(app, 'slow-1', { caller: '+7 383 222-33-44' });
    expect(performance.now() - t0).toBeLessThan(crm.delayMs / 2); // budget 200 ms vs a 20 s CRM: proves routing did not wait for it
    expect(res.json()).toMatchObject({ status: 'reserved', agentId: 'ann' });
    expect(await attributesOf(app, 'slow-1')).not.toHaveProperty('customerId');
  });

  it('routes a call whose customerId the CRM cannot confirm, and still refuses one it denies', async () => {
    crm = await FakeCrm.start([crmOnly]);
    crm.mode = 'status500';
    const app = await appWith({ url: crm.url, fallback: 'unknown' });
    expect((await route(app, 'named-1', { customerId: 'crm-7' })).json()).toMatchObject({ status: 'queued' });
    crm.mode = 'ok';
    const denied = await route(app, 'named-2', { customerId: 'nobody' });
    expect([denied.statusCode, denied.json().code]).toEqual([404, 'CUSTOMER_UNKNOWN']);
  });
});

describe('GET /v1/customers/:id with a CRM', () => {
  it('answers 503 CUSTOMER_DIRECTORY_UNAVAILABLE when neither the CRM nor the fallback can tell', async () => {
    const app = await appWith({ url: await FakeCrm.downUrl(), fallback: 'unknown' });
    const res = await app.call('admin', 'GET', '/v1/customers/cust-1');
    expect([res.statusCode, res.json().code]).toEqual([503, 'CUSTOMER_DIRECTORY_UNAVAILABLE']);
  });

  it('reads a CRM customer, and 404s one the CRM does not have', async () => {
    crm = await FakeCrm.start([crmOnly]);
    const app = await appWith({ url: crm.url });
    expect((await app.call('admin', 'GET', '/v1/customers/crm-7')).json()).toMatchObject({ id: 'crm-7', ownerAgentId: 'bob' });
    expect((await app.call('admin', 'GET', '/v1/customers/nobody')).json().code).toBe('CUSTOMER_UNKNOWN');
  });
});

describe('customersFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-customers-svc-'));

  it('adds the file\'s customers to the configuration\'s, and reports each lookup', async () => {
    const file = join(dir, 'more.ndjson');
    writeFileSync(file, `${JSON.stringify({ ...crmOnly, numbers: ['8 383 222 33 44'] })}\n`);
    const seen: LookupEvent[] = [];
    const service = await SwitchboardService.open({ config: { ...testConfig(), customersFile: file }, onCustomerLookup: (e) => seen.push(e) });
    try {
      expect((await service.ctx.directory.byNumber('+73832223344')).customer?.id).toBe('crm-7');
      expect((await service.ctx.directory.byNumber('+78129978363')).customer?.id).toBe('cust-1');
      expect(seen.map((e) => [e.verb, e.outcome])).toEqual([['byNumber', 'hit'], ['byNumber', 'hit']]);
    } finally {
      await service.close();
    }
  });

  it('refuses to open with a bad file, naming the line', async () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, `${JSON.stringify(crmOnly)}\n${JSON.stringify({ ...crmOnly, id: 'dup', numbers: ['+7 812 997-83-63'] })}\n`);
    const opened = SwitchboardService.open({ config: { ...testConfig(), customersFile: file } });
    await expect(opened).rejects.toBeInstanceOf(ConfigFileError);
    await expect(opened).rejects.toThrow(`${file}:2 numbers[0]: +78129978363 is also a number of config.customers[0] ('cust-1')`);
  });
});
