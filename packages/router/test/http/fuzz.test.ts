import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '@switchboard/router/service';
import { PBX_KEY, testApp, type TestApp } from './http-fixture.js';
import { KNOWN_IDS, fuzzValue, type JsonSchema } from './schema-arbitrary.js';

interface Operation { method: string; path: string; params: JsonSchema; query: JsonSchema; body: JsonSchema | undefined }
interface Req { method: string; url: string; headers: Record<string, string>; payload: string | undefined }

type OpenApi = { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

function operations(spec: OpenApi): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const obj = (where: string): JsonSchema => ({
        type: 'object',
        properties: Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, p.schema])),
        required: params.filter((p) => p.in === where && p.required === true).map((p) => p.name),
      });
      out.push({ method: method.toUpperCase(), path, params: obj('path'), query: obj('query'), body: op.requestBody?.content['application/json']?.schema });
    }
  }
  return out;
}

const NASTY_BODIES = ['{', '{"a":', 'null', '[]', '"x"', '1e999', '{"__proto__":{"admin":true}}', '\u0000', '{"id":"\ud800"}', 'x'.repeat(2 << 20)];

function requestOf(op: Operation, who: string | undefined, tokens: Record<string, string>): fc.Arbitrary<Req> {
  const path = fuzzValue(op.params).map((p) => op.path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = (p as Record<string, unknown> | null)?.[k];
    return encodeURIComponent(typeof v === 'string' ? v : String(v ?? 'x'));
  }));
  const query = fuzzValue(op.query).map((q) => (typeof q === 'object' && q !== null && !Array.isArray(q) ? new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString() : ''));
  const body: fc.Arbitrary<string | undefined> = op.body === undefined
    ? fc.constantFrom(undefined, '{}')
    : fc.oneof({ arbitrary: fuzzValue(op.body).map((b) => JSON.stringify(b) ?? 'null'), weight: 8 }, { arbitrary: fc.constantFrom(...NASTY_BODIES), weight: 1 });
  const contentType = fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded');
  return fc.tuple(path, query, body, contentType).map(([p, q, b, ct]) => {
    const headers: Record<string, string> = {};
    if (who === 'pbx') headers['x-api-key'] = PBX_KEY;
    else if (who === 'forged') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.';
    else if (who !== undefined) headers.authorization = `Bearer ${tokens[who] ?? ''}`;
    if (b !== undefined) headers['content-type'] = ct;
    return { method: op.method, url: q === '' ? p : `${p}?${q}`, headers, payload: b };
  });
}

let t: TestApp;
let ops: Operation[];
const tokens: Record<string, string> = {};
const WHO = ['pbx', 'admin', 'sue', 'max', 'ann', 'bob', undefined, 'forged'];

beforeAll(async () => {
  t = await testApp({ userRatePerMinute: 1_000_000, authFailuresPerMinute: 1_000_000 }); // limits have their own tests
  for (const u of ['admin', 'sue', 'max', 'ann', 'bob', 'cat']) tokens[u] = await t.token(u); // before the storm uses up the login limit
  await t.ready('ann', 'bob');
  for (const id of ['c1', 'c2', 'k1']) await t.call('pbx', 'POST', '/v1/contacts', { id, queueId: id === 'k1' ? 'support' : 'sales' });
  await t.app.ready();
  const none: JsonSchema = { type: 'object', properties: {}, required: [] };
  // Routes the OpenAPI document does not list: the docs themselves, the event stream without an upgrade, unknown paths.
  const extra = ['/docs/json', '/docs/', '/docs/static/index.html', '/v1/events', '/v1/nope', '/'].map((path) => ({ method: 'GET', path, params: none, query: none, body: undefined }));
  ops = [...operations(t.app.swagger() as OpenApi), ...extra];
}, 60_000);
afterAll(async () => { await t.close(); });

/** The invariants of the routing state, read back through the store after the storm. */
async function checkState(): Promise<void> {
  const store = t.service.ctx.store;
  const agents = await store.listAgents();
  const holders = new Map<string, string>();
  for (const a of agents) {
    expect(a.used, `${a.id} over capacity`).toBeLessThanOrEqual(a.capacity);
    for (const x of a.assignments) {
      expect(holders.has(x.contactId), `${x.contactId} held twice`).toBe(false);
      holders.set(x.contactId, a.id);
      const c = await store.getContact(x.contactId);
      expect(c.agentId).toBe(a.id);
    }
  }
  for (const c of await store.listContacts()) {
    if (c.state === 'reserved' || c.state === 'active') expect(holders.get(c.id), `${c.id} (${c.state}) held by nobody`).toBe(c.agentId);
  }
  for (const q of (await t.service.ctx.docs.list('queue')) as Array<{ id: string }>) await store.queueStats(q.id);
}

describe('fuzzing the API', () => {
  it('answers thousands of generated and hostile requests with 2xx or a catalogued 4xx, never a 5xx, and keeps its state consistent', async () => {
    const statuses = new Map<number, number>();
    const req = fc.constantFrom(...ops).chain((op) => fc.constantFrom(...WHO).chain((who) => requestOf(op, who, tokens)));
    await fc.assert(fc.asyncProperty(req, async (r) => {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, ...(r.payload === undefined ? {} : { payload: r.payload }) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) throw new Error(`${r.method} ${r.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        const body = res.json() as { code: keyof typeof ERROR_CATALOGUE; status: number; message: string };
        expect(ERROR_CATALOGUE[body.code]?.status, `${r.method} ${r.url.slice(0, 200)} → ${res.body.slice(0, 200)}`).toBe(res.statusCode);
        expect(body.status).toBe(res.statusCode);
        expect(typeof body.message).toBe('string');
      }
    }), { numRuns: 3000, seed: Number(process.env.FUZZ_SEED ?? 20261125) });
    console.info('fuzz statuses', JSON.stringify([...statuses].sort((a, b) => a[0] - b[0])));
    const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    expect(ok, `too few requests got through: ${JSON.stringify([...statuses])}`).toBeGreaterThan(150);
    expect((await t.app.inject('/livez')).statusCode).toBe(200);
    await checkState();
  }, 240_000);

  it('still routes a call end to end after the storm', async () => {
    for (const a of ['ann', 'bob', 'cat']) {
      for (const state of ['loggedIn', 'ready']) await t.call(a, 'PUT', '/v1/me/presence', { state });
      await t.call('admin', 'PUT', `/v1/agents/${a}/presence`, { state: 'ready' });
    }
    const res = await t.call('pbx', 'POST', '/v1/route', { callId: 'after-storm', queueId: 'support' });
    expect(res.statusCode).toBe(200);
    expect(['reserved', 'queued']).toContain(res.json().status);
    expect(KNOWN_IDS.length).toBeGreaterThan(0);
  });
});
