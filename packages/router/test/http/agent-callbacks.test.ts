import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './http-fixture.js';

let t: TestApp;
beforeEach(async () => { t = await testApp(); });
afterEach(async () => { await t.close(); });

const callback = (id: string, inMinutes: number, preferred: string[]) => t.call('pbx', 'POST', '/v1/contacts', {
  id, queueId: 'sales', caller: '+7 812 997-83-63', customerId: 'cust-1', callbackAt: Date.now() + inMinutes * 60_000, preferredAgentIds: preferred,
});

describe('GET /v1/me/callbacks', () => {
  it("lists the agent's scheduled callbacks of the day, soonest first — not another agent's, not tomorrow's", async () => {
    for (const [id, mins, pref] of [['cb-late', 180, ['ann']], ['cb-soon', 30, ['ann', 'bob']], ['cb-bob', 60, ['bob']], ['cb-tomorrow', 26 * 60, ['ann']]] as const) {
      const res = await callback(id, mins, [...pref]);
      expect(res.json(), JSON.stringify(res.json())).toMatchObject({ kind: 'scheduled' });
    }
    const mine = (await t.call('ann', 'GET', '/v1/me/callbacks')).json();
    expect(mine.map((c: { id: string }) => c.id)).toEqual(['cb-soon', 'cb-late']);
    expect(mine[0]).toMatchObject({ state: 'scheduled', callbackAt: expect.any(Number), attributes: { caller: '+78129978363', customerId: 'cust-1' } });
    expect((await t.call('bob', 'GET', '/v1/me/callbacks')).json().map((c: { id: string }) => c.id)).toEqual(['cb-soon', 'cb-bob']);
    const sup = await t.call('sue', 'GET', '/v1/me/callbacks');
    expect([sup.statusCode, sup.json().code]).toEqual([403, 'FORBIDDEN']);
  });
});
