import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateServiceConfig } from '@switchboard/router/service';
import { testApp, type TestApp } from './http-fixture.js';
import { answeredCall, completed, historyConfig, kindsOf } from './history-fixture.js';

/**
 * The interaction history over HTTP (embedded store): what an interaction records, who may read
 * it (admins all; supervisors their queues and teams; agents their own interactions and those of
 * the customers they own or handle a contact of now), and the NDJSON export.
 *
 * Calls: `ann-1` (cust-1, owned by ann) answered by ann in sales; `bob-1` (cust-1) answered by
 * bob in sales after ann missed it; `cat-1` (cust-2, owned by cat) answered by cat in support;
 * `gone-1` abandoned while queued in support.
 */
let t: TestApp;
const enc = encodeURIComponent;
const ACME = '+7 812 997-83-63';
const GLOBEX = '+7 495 123-45-67';

beforeAll(async () => {
  t = await testApp({ config: historyConfig() });
  await t.ready('ann');
  await completed(t, await answeredCall(t, 'ann-1', 'sales', ACME));
  await t.call('ann', 'POST', '/v1/me/wrap-ups/ann-1', { disposition: 'sold', note: 'two licences' });
  await t.call('ann', 'POST', '/v1/me/wrap-ups/ann-1/finish');
  await t.call('ann', 'PUT', '/v1/me/presence', { state: 'notReady', reason: 'break' });
  await t.ready('bob');
  await completed(t, await answeredCall(t, 'bob-1', 'sales', ACME));
  await t.call('bob', 'POST', '/v1/me/wrap-ups/bob-1', { disposition: 'no-interest', note: 'n' });
  await t.call('bob', 'POST', '/v1/me/wrap-ups/bob-1/finish');
  await t.call('bob', 'PUT', '/v1/me/presence', { state: 'notReady' });
  await t.ready('cat');
  await completed(t, await answeredCall(t, 'cat-1', 'support', GLOBEX));
  await t.call('cat', 'PUT', '/v1/me/presence', { state: 'notReady' });
  await t.call('pbx', 'POST', '/v1/route', { callId: 'gone-1', queueId: 'support' });
  await t.call('pbx', 'POST', '/v1/contacts/gone-1/abandon');
  await t.service.historyRecorded();
});
afterAll(async () => { await t.close(); });

const status = async (as: string | undefined, url: string) => {
  const r = await t.call(as, 'GET', url);
  return [r.statusCode, r.statusCode === 200 ? 'ok' : r.json().code];
};

describe('what an interaction records', () => {
  it('arrival, offer, answer, end and the agent\'s wrap-up, in order, with customer and agent', async () => {
    expect(await kindsOf(t, 'ann-1')).toEqual(['arrived', 'offered', 'answered', 'ended', 'wrapUp.started', 'wrapUp.filed', 'wrapUp.ended']);
    const { interaction, entries } = (await t.call('admin', 'GET', '/v1/interactions/ann-1')).json();
    expect(interaction).toMatchObject({
      interactionId: 'ann-1', outcome: 'completed', channel: 'voice', customerId: 'cust-1', queueIds: ['sales'], agentIds: ['ann'], dispositions: { ann: 'sold' },
    });
    expect(entries[0]).toMatchObject({ kind: 'arrived', customerId: 'cust-1', queueId: 'sales', details: { caller: '+78129978363', valueTier: 'gold' } });
    expect(entries.find((e: { kind: string }) => e.kind === 'wrapUp.filed')).toMatchObject({
      agentId: 'ann', source: 'service', details: { disposition: 'sold', note: 'two licences', agentName: 'ann', customerName: 'Acme' },
    });
    const at = entries.map((e: { at: number }) => e.at);
    expect(at.slice(0, 4)).toEqual([...at.slice(0, 4)].sort((a, b) => a - b));
  });

  it('ends an abandoned call in exactly one terminal entry with its outcome', async () => {
    expect(await kindsOf(t, 'gone-1')).toEqual(['arrived', 'queued', 'ended']);
    expect((await t.call('admin', 'GET', '/v1/interactions/gone-1')).json().interaction.outcome).toBe('abandoned');
  });

  it('answers INTERACTION_UNKNOWN for an id it has no history of', async () => {
    expect(await status('admin', '/v1/interactions/never-was')).toEqual([404, 'INTERACTION_UNKNOWN']);
  });
});

describe('who reads an interaction', () => {
  it('admins all; supervisors of its queue or of its agent\'s team; not others', async () => {
    expect(await status('admin', '/v1/interactions/cat-1')).toEqual([200, 'ok']);
    expect(await status('sue', '/v1/interactions/ann-1')).toEqual([200, 'ok']);
    expect(await status('max', '/v1/interactions/cat-1')).toEqual([200, 'ok']);
    expect(await status('max', '/v1/interactions/ann-1')).toEqual([403, 'FORBIDDEN']);
    expect(await status('sue', '/v1/interactions/cat-1')).toEqual([403, 'FORBIDDEN']);
  });

  it('agents their own, and those of the customers they own; never a PBX', async () => {
    expect(await status('bob', '/v1/interactions/bob-1')).toEqual([200, 'ok']);
    expect(await status('ann', '/v1/interactions/bob-1')).toEqual([200, 'ok']); // ann owns cust-1
    expect(await status('bob', '/v1/interactions/ann-1')).toEqual([403, 'FORBIDDEN']); // bob-1 (cust-1) is wrapped up: bob handles cust-1 no more
    expect(await status('cat', '/v1/interactions/bob-1')).toEqual([403, 'FORBIDDEN']);
    expect(await status('cat', '/v1/interactions/ann-1')).toEqual([403, 'FORBIDDEN']);
    expect(await status('ann', '/v1/interactions/cat-1')).toEqual([403, 'FORBIDDEN']);
    expect(await status('pbx', '/v1/interactions/ann-1')).toEqual([403, 'FORBIDDEN']);
    expect(await status(undefined, '/v1/interactions/ann-1')).toEqual([401, 'AUTH_REQUIRED']);
  });
});

describe("a customer's and an agent's interactions", () => {
  const ids = async (as: string, url: string) => ((await t.call(as, 'GET', url)).json() as Array<{ interactionId: string }>).map((s) => s.interactionId);

  it("lists a customer's interactions newest first, as far as the reader may see them", async () => {
    expect(await ids('admin', '/v1/customers/cust-1/interactions')).toEqual(['bob-1', 'ann-1']);
    expect(await ids('ann', '/v1/customers/cust-1/interactions')).toEqual(['bob-1', 'ann-1']);
    expect(await ids('bob', '/v1/customers/cust-1/interactions')).toEqual(['bob-1']);
    expect(await ids('cat', '/v1/customers/cust-1/interactions')).toEqual([]);
    expect(await ids('admin', '/v1/customers/cust-1/interactions?limit=1')).toEqual(['bob-1']);
    expect(await ids('admin', '/v1/customers/cust-2/interactions')).toEqual(['cat-1']);
  });

  it("lists an agent's interactions for the agent, its team's supervisor and admins", async () => {
    expect(await ids('ann', '/v1/agents/ann/interactions')).toEqual(['ann-1']);
    expect(await ids('sue', '/v1/agents/bob/interactions')).toEqual(['bob-1']);
    expect(await ids('admin', '/v1/agents/cat/interactions')).toEqual(['cat-1']);
    expect(await status('ann', '/v1/agents/bob/interactions')).toEqual([403, 'FORBIDDEN']);
    expect(await status('max', '/v1/agents/ann/interactions')).toEqual([403, 'FORBIDDEN']);
    expect(await status('admin', `/v1/agents/ann/interactions?since=${Date.now() + 60_000}`)).toEqual([200, 'ok']);
    expect(await ids('admin', `/v1/agents/ann/interactions?since=${Date.now() + 60_000}`)).toEqual([]);
  });
});

describe('the NDJSON export', () => {
  const lines = (body: string) => body.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { id: string; interactionId: string; kind: string; queueId?: string; agentId?: string });

  it('streams every entry as one JSON object per line, in append order, to admins', async () => {
    const res = await t.call('admin', 'GET', '/v1/interactions/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.body.endsWith('\n')).toBe(true);
    const all = lines(res.body);
    expect(new Set(all.map((e) => e.interactionId))).toEqual(new Set(['ann-1', 'bob-1', 'cat-1', 'gone-1']));
    const ids = all.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const id of ['ann-1', 'bob-1', 'cat-1', 'gone-1']) {
      expect(all.filter((e) => e.interactionId === id && e.kind === 'ended')).toHaveLength(1);
    }
  });

  it('pages with limit and after, without overlap or gap', async () => {
    const all = lines((await t.call('admin', 'GET', '/v1/interactions/export')).body);
    const first = lines((await t.call('admin', 'GET', '/v1/interactions/export?limit=3')).body);
    const rest = lines((await t.call('admin', 'GET', `/v1/interactions/export?after=${first.at(-1)?.id}`)).body);
    expect([...first, ...rest]).toEqual(all);
    // A cursor of the Redis history's form names no entry here: refused, not read as the start again.
    expect(await status('admin', '/v1/interactions/export?after=1-3')).toEqual([400, 'REQUEST_INVALID']);
  });

  it('gives supervisors the entries of their queues and teams only, and agents nothing', async () => {
    const sue = lines((await t.call('sue', 'GET', '/v1/interactions/export')).body);
    expect(sue.length).toBeGreaterThan(0);
    expect(sue.every((e) => e.queueId === 'sales' || ['ann', 'bob'].includes(e.agentId ?? ''))).toBe(true);
    expect(sue.some((e) => e.interactionId === 'cat-1')).toBe(false);
    expect(await status('ann', '/v1/interactions/export')).toEqual([403, 'FORBIDDEN']);
    expect(await status('admin', '/v1/interactions/export?limit=0')).toEqual([400, 'REQUEST_INVALID']);
  });
});

describe('an IVR-routed call', () => {
  const ivr = {
    id: 'ivr-h', start: 'main',
    nodes: {
      main: { type: 'menu', prompt: { text: 'Sales 1, billing 2' }, maxRetries: 3, options: [{ key: '1', next: 'sales', keywords: ['sales'] }, { key: '2', next: 'acct' }], onFail: 'bye' },
      acct: { type: 'collect', prompt: { text: 'Account?' }, field: 'account', kind: 'digits', minLength: 4, maxLength: 8, next: 'sales', onFail: 'bye' },
      sales: { type: 'route', queueId: 'support', reason: 'sales-question' },
      bye: { type: 'end' },
    },
  };
  const input = (x: TestApp, id: string, body: object) => x.call('pbx', 'POST', `/v1/ivr/sessions/${enc(id)}/inputs`, body);

  it("records each input (node, what the caller did, where it led) and the exit, in order, before the router's entries, and exports them", async () => {
    const x = await testApp({ config: validateServiceConfig({ ...historyConfig(), ivrs: [ivr], defaultIvr: 'ivr-h' }) });
    try {
      const started = (await x.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'ivr-1', caller: GLOBEX })).json();
      await input(x, started.sessionId, { type: 'timeout' });
      await input(x, started.sessionId, { type: 'digits', digits: '7' });
      await input(x, started.sessionId, { type: 'speech', text: 'billing please' }); // no such keyword: a retry too
      await input(x, started.sessionId, { type: 'digits', digits: '2' });
      await input(x, started.sessionId, { type: 'digits', digits: '4711#' });
      await input(x, started.sessionId, { type: 'digits', digits: '4711#' }); // after the exit: refused, recorded nothing
      await x.service.historyRecorded();
      const { entries } = (await x.call('admin', 'GET', `/v1/interactions/${enc(started.sessionId)}`)).json();
      expect(entries.map((e: { kind: string }) => e.kind).slice(0, 8)).toEqual(['arrived', 'ivr.input', 'ivr.input', 'ivr.input', 'ivr.input', 'ivr.input', 'ivr.completed', 'queued']);
      expect(entries.slice(1, 7).map((e: { details: object }) => e.details)).toEqual([
        { ivrId: 'ivr-h', node: 'main', input: 'timeout', next: 'main', retry: 1 },
        { ivrId: 'ivr-h', node: 'main', input: 'digits', digits: '7', next: 'main', retry: 2 },
        { ivrId: 'ivr-h', node: 'main', input: 'speech', text: 'billing please', next: 'main', retry: 3 },
        { ivrId: 'ivr-h', node: 'main', input: 'digits', digits: '2', next: 'acct' },
        { ivrId: 'ivr-h', node: 'acct', input: 'digits', digits: '4711#', exit: 'route' },
        { ivrId: 'ivr-h', node: 'sales', exit: 'route', reason: 'sales-question', account: '4711' },
      ]);
      expect(entries[6]).toMatchObject({ kind: 'ivr.completed', queueId: 'support', source: 'service' });
      const exported = (await x.call('admin', 'GET', '/v1/interactions/export')).body.split('\n').filter((l: string) => l.includes('"ivr.input"'));
      expect(exported).toHaveLength(5);
    } finally {
      await x.close();
    }
  });
});

describe('a call that never leaves the IVR for the router', () => {
  it('keeps its IVR entries, ending in the exit it took', async () => {
    const ivr = { id: 'ivr-s', start: 'main', nodes: { main: { type: 'menu', prompt: { text: 'Bye 1' }, options: [{ key: '1', next: 'bye' }], onFail: 'bye' }, bye: { type: 'end' } } };
    const x = await testApp({ config: validateServiceConfig({ ...historyConfig(), ivrs: [ivr], defaultIvr: 'ivr-s' }) });
    try {
      await x.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'self-1' });
      await x.call('pbx', 'POST', '/v1/ivr/sessions/self-1/inputs', { type: 'digits', digits: '1', seq: 0 });
      await x.call('pbx', 'POST', '/v1/ivr/sessions/self-1/inputs', { type: 'digits', digits: '1', seq: 0 }); // the PBX retries: recorded once
      const { entries } = (await x.call('admin', 'GET', '/v1/interactions/self-1')).json();
      expect(entries.map((e: { kind: string; details: { exit?: string } }) => `${e.kind}${e.details.exit === undefined ? '' : ` ${e.details.exit}`}`)).toEqual(['ivr.input hangup', 'ivr.completed hangup']);
    } finally {
      await x.close();
    }
  });
});
