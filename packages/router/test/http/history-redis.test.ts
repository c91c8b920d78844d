import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutingEvent } from '@switchboard/router';
import { useTestRedis } from '../../../../test/support/redis-server.js';
import { DEMO_SCRIPT_RULES, DEMO_SCRIPTS } from '@switchboard/ivr';
import { validateServiceConfig } from '@switchboard/router/service';
import { testApp, type TestApp } from './http-fixture.js';
import { outboxEvents } from '../../src/store/redis/outbox-format.js';
import { answeredCall, completed, historyConfig } from './history-fixture.js';

/**
 * Two service processes on one Redis domain (as `switchboard serve` twice with one REDIS_URL):
 * both see every routing event, yet each is recorded in the history exactly once — they read
 * the event log through one consumer group, and an append is idempotent by the event's log id.
 * Either process answers the same history, and the wrap-up rules hold across them.
 */
const r = useTestRedis();
const conns: Redis[] = [];
let a: TestApp;
let b: TestApp;
let domain: string;

const conn = () => {
  const c = new Redis(r.server.url);
  c.on('error', () => {});
  conns.push(c);
  return c;
};

beforeAll(async () => {
  domain = `hx${Date.now()}`;
  const config = validateServiceConfig({ ...historyConfig(domain), scripts: DEMO_SCRIPTS, scriptRules: DEMO_SCRIPT_RULES });
  a = await testApp({ config, redis: conn() });
  b = await testApp({ config, redis: conn() });
});
afterAll(async () => {
  await a.close();
  await b.close();
  for (const c of conns) c.disconnect();
});

/** The events of the domain's log about each contact. */
async function eventsByContact(): Promise<Map<string, RoutingEvent[]>> {
  const out = new Map<string, RoutingEvent[]>();
  for (const [id, f] of await r.redis.xrange(`sb:{${domain}}:events`, '-', '+')) {
    for (const { event: e } of outboxEvents(id, f)) {
      if (e !== undefined && 'contactId' in e) out.set(e.contactId, [...(out.get(e.contactId) ?? []), e]);
    }
  }
  return out;
}

type Entry = { id: string; kind: string; source: string; position: string };
const entriesOn = async (t: TestApp, id: string): Promise<Entry[]> => {
  const res = await t.call('admin', 'GET', `/v1/interactions/${encodeURIComponent(id)}`);
  return res.statusCode === 200 ? res.json().entries : [];
};
const fromEvents = (es: readonly Entry[]) => es.filter((e) => e.source === 'router' && e.kind !== 'arrived' && e.kind !== 'ivr.completed');

/**
 * Waits until every contact has ended in its history and the history holds one entry per event
 * of the log about it. Ended first: a process writes an operation's events to the log with its
 * next call, so log and history can agree while the last event is still on its way to both.
 */
async function settled(): Promise<Map<string, RoutingEvent[]>> {
  for (let i = 0; i < 200; i++) {
    const events = await eventsByContact();
    const entries = await Promise.all([...events].map(async ([id]) => entriesOn(a, id)));
    const done = (es: readonly RoutingEvent[], k: number) => fromEvents(entries[k] ?? []).length === es.length && (entries[k] ?? []).some((e) => e.kind === 'ended');
    if (events.size === 4 && [...events.values()].every(done)) return events;
    await new Promise((res) => setTimeout(res, 50));
  }
  return eventsByContact();
}

describe('two service processes, one history', () => {
  it('record every event of the domain exactly once, and answer the same history', async () => {
    await a.ready('ann');
    const call1 = await answeredCall(b, 'x-1', 'sales', '+7 812 997-83-63');
    await completed(a, call1);
    expect((await b.call('ann', 'POST', '/v1/me/wrap-ups/x-1', { disposition: 'sold', note: 'via b' })).statusCode).toBe(200);
    expect((await a.call('ann', 'POST', '/v1/me/wrap-ups/x-1/finish')).statusCode).toBe(200);
    await b.ready('cat');
    await completed(b, await answeredCall(a, 'x-2', 'support', '+7 495 123-45-67'));
    await a.call('cat', 'PUT', '/v1/me/presence', { state: 'notReady' });
    for (const id of ['x-3', 'x-4']) await (id === 'x-3' ? a : b).call('pbx', 'POST', '/v1/route', { callId: id, queueId: 'support' });
    await b.call('pbx', 'POST', '/v1/contacts/x-3/abandon');
    await a.call('pbx', 'POST', '/v1/contacts/x-4/abandon');

    const events = await settled();
    expect([...events.keys()].sort()).toEqual(['x-1', 'x-2', 'x-3', 'x-4']);
    for (const [id, es] of events) {
      const onA = await entriesOn(a, id);
      expect(await entriesOn(b, id), id).toEqual(onA);
      expect(fromEvents(onA), `${id}: one entry per event`).toHaveLength(es.length);
      expect(onA.filter((e) => e.kind === 'arrived'), `${id}: one arrival`).toHaveLength(1);
      expect(onA.filter((e) => e.kind === 'ended'), `${id}: one end`).toHaveLength(1);
      expect(new Set(onA.map((e) => e.position)).size, `${id}: no position twice`).toBe(onA.length);
    }
    expect((await entriesOn(a, 'x-1')).filter((e) => e.source === 'service').map((e) => e.kind)).toEqual(['wrapUp.filed']);
    const groups = (await r.redis.xinfo('GROUPS', `sb:{${domain}}:events`)) as unknown[][];
    const history = groups.map((g) => Object.fromEntries(Array.from({ length: g.length / 2 }, (_, i) => [g[2 * i], g[2 * i + 1]]))).find((g) => g.name === 'history');
    expect(history).toMatchObject({ consumers: 2, pending: 0 });
  });

  it('keep the end-of-shift rule across processes: handled on one, logout refused on the other until waived', async () => {
    expect((await a.call('max', 'PUT', '/v1/agents/cat/presence', { state: 'loggedOut' })).statusCode).toBe(200); // x-2 is of the last shift
    await b.ready('cat');
    await completed(a, await answeredCall(a, 'x-5', 'support'));
    const missing = async () => (await b.call('cat', 'GET', '/v1/me/wrap-ups/missing')).json().missing.map((m: { contactId: string }) => m.contactId);
    // Recorded asynchronously by either process: wait for the new shift and the call.
    for (let i = 0; i < 100 && JSON.stringify(await missing()) !== '["x-5"]'; i++) await new Promise((res) => setTimeout(res, 50));
    expect(await missing()).toEqual(['x-5']);
    const refused = await b.call('cat', 'PUT', '/v1/me/presence', { state: 'loggedOut' });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'SHIFT_WRAP_UPS_PENDING']);
    expect((await a.call('max', 'POST', '/v1/agents/cat/wrap-ups/waive', { reason: 'test' })).json()).toEqual({ waived: ['x-5'] });
    expect((await b.call('cat', 'PUT', '/v1/me/presence', { state: 'loggedOut' })).statusCode).toBe(200);
  });

  it('export the shared history as NDJSON from either process', async () => {
    const lines = (body: string) => body.trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    const fromA = lines((await a.call('admin', 'GET', '/v1/interactions/export')).body);
    expect(lines((await b.call('admin', 'GET', '/v1/interactions/export')).body)).toEqual(fromA);
    const half = lines((await a.call('admin', 'GET', '/v1/interactions/export?limit=5')).body);
    const rest = lines((await b.call('admin', 'GET', `/v1/interactions/export?after=${half.at(-1)?.id}`)).body);
    expect([...half, ...rest]).toEqual(fromA);
  });

  it("keep the script chosen at routing and the agent's way through it in the shared stream", async () => {
    const { agentId } = await answeredCall(a, 'x-6', 'sales', '+7 812 997-83-63');
    const onA = (await a.call(agentId, 'GET', '/v1/contacts/x-6/script')).json().selection;
    expect(onA).toMatchObject({ scriptId: 'general' }); // no reason given: the default rule
    expect((await b.call(agentId, 'GET', '/v1/contacts/x-6/script')).json().selection).toEqual(onA);
    expect((await b.call(agentId, 'POST', '/v1/contacts/x-6/script', {})).json().run.stepId).toBeDefined();
    await a.call(agentId, 'POST', '/v1/contacts/x-6/script', {});
    const kinds = (await r.redis.xrange(`sb:{${domain}}:svc|hist`, '-', '+')).map(([, f]) => JSON.parse(f[f.indexOf('e') + 1] as string) as { kind: string; interactionId: string })
      .filter((e) => e.interactionId === 'x-6' && e.kind.startsWith('script.')).map((e) => e.kind);
    expect(kinds).toEqual(['script.started', 'script.step']);
  });
});
