import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SCRIPT_RULES, DEMO_SCRIPTS } from '@switchboard/ivr';
import { validateServiceConfig } from '@switchboard/router/service';
import type { Customer } from '../../src/service/config-schema.js';
import { FakeCrm } from '../customers/fake-crm.js';
import { testApp, testConfig, type TestApp } from './http-fixture.js';

/**
 * The script is chosen once, when the call is routed, and kept with the contact: the desk,
 * `/script` and the trace read that choice, so a CRM cache that expires (or a CRM that goes
 * down) while the call rings never changes the script; the agent's way through it is history.
 */
const DEBTOR: Customer = { id: 'crm-late', name: 'Late Payer', numbers: ['+73832223344'], ownerAgentId: 'ann', flags: { overdueInvoices: true } };

let t: TestApp;
let crm: FakeCrm;
afterEach(async () => {
  await t.close();
  await crm.close();
});

async function open(): Promise<void> {
  crm = await FakeCrm.start([DEBTOR]);
  const base = testConfig();
  t = await testApp({ config: validateServiceConfig({
    ...base, scripts: DEMO_SCRIPTS, scriptRules: DEMO_SCRIPT_RULES,
    crm: { url: crm.url, timeoutMs: 200, cacheTtlSeconds: 0, fallback: 'unknown' }, // nothing cached: every read would ask again
  }) });
}

const deskScript = async () => (await t.call('ann', 'GET', '/v1/me/desk')).json().contacts[0]?.script;

describe('the script selection kept with the contact', () => {
  it('stays the one chosen at routing when the CRM can no longer say who the customer is', async () => {
    await open();
    await t.ready('ann');
    expect((await t.call('pbx', 'POST', '/v1/route', { callId: 'late-1', queueId: 'sales', caller: '+7 383 222-33-44' })).json()).toMatchObject({ status: 'reserved', agentId: 'ann' });
    expect(await deskScript()).toMatchObject({ scriptId: 'collections-overdue', ruleId: 'collections-overdue' });
    crm.mode = 'status500';
    expect(await deskScript()).toMatchObject({ scriptId: 'collections-overdue' });
    expect((await t.call('ann', 'GET', '/v1/contacts/late-1/script')).json().selection).toMatchObject({ scriptId: 'collections-overdue', ruleId: 'collections-overdue', offersAllowed: true });
    const trace = (await t.call('admin', 'GET', '/v1/contacts/late-1/trace')).json();
    expect(trace.script).toMatchObject({ scriptId: 'collections-overdue', matched: expect.arrayContaining([{ ruleId: 'collections-overdue', specificity: 1 }]) });
  });

  it('keeps nothing when there are no rules (embedded): the desk, /script and the trace show no script', async () => {
    crm = await FakeCrm.start([]);
    t = await testApp();
    await t.ready('ann');
    expect((await t.call('pbx', 'POST', '/v1/route', { callId: 'plain-1', queueId: 'sales', caller: '+7 383 222-33-44' })).json()).toMatchObject({ status: 'reserved', agentId: 'ann' });
    expect(await t.service.ctx.values.get('scriptsel|plain-1')).toBeUndefined();
    expect(await deskScript()).toBeUndefined();
    expect((await t.call('ann', 'GET', '/v1/contacts/plain-1/script')).json()).toMatchObject({ code: 'ENTRY_UNKNOWN' });
    expect((await t.call('admin', 'GET', '/v1/contacts/plain-1/trace')).json().script).toBeUndefined();
  });

  it("records the agent's way through the script in the interaction's history and its export", async () => {
    await open();
    await t.ready('ann');
    await t.call('pbx', 'POST', '/v1/route', { callId: 'late-2', queueId: 'sales', caller: '+7 383 222-33-44' });
    const c = (await t.call('ann', 'GET', '/v1/contacts/late-2')).json();
    await t.call('ann', 'POST', '/v1/me/offers/late-2/accept', { token: c.reservation.token });
    const step = async (answer?: string) => (await t.call('ann', 'POST', '/v1/contacts/late-2/script', answer === undefined ? {} : { answer })).json();
    await step();
    await step();
    await step('ok');
    await step('plan');
    await step('agreed');
    await step();
    expect((await step()).run).toMatchObject({ done: true });
    await t.service.historyRecorded();
    const { entries } = (await t.call('admin', 'GET', '/v1/interactions/late-2')).json();
    const script = (entries as Array<{ kind: string; agentId?: string; details: Record<string, unknown> }>).filter((e) => e.kind.startsWith('script.'));
    expect(script.map((e) => `${e.kind} ${String(e.details.stepId ?? '')}${e.details.answer === undefined ? '' : `:${String(e.details.answer)}`}`)).toEqual([
      'script.started greet', 'script.step greet', 'script.step verify:ok', 'script.step state-debt:plan', 'script.step offer-plan:agreed',
      'script.step confirm-plan', 'script.step close', 'script.completed ',
    ]);
    expect(script.at(-1)).toMatchObject({ agentId: 'ann', details: { scriptId: 'collections-overdue', path: ['greet', 'verify', 'state-debt', 'offer-plan', 'confirm-plan', 'close'] } });
    expect(script[0]).toMatchObject({ details: { ruleId: 'collections-overdue', offersAllowed: true } });
    const exported = (await t.call('admin', 'GET', '/v1/interactions/export')).body.split('\n').filter((l) => l.includes('"script.'));
    expect(exported).toHaveLength(8);
  });
});
