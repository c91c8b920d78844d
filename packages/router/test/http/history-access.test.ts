import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './http-fixture.js';
import { answeredCall, completed, historyConfig } from './history-fixture.js';

/**
 * Access by responsibility to a customer's history: the agent handling a customer's call now
 * reads that customer's past interactions (the screen pop's history), and loses them once the
 * call and its wrap-up are over.
 */
let t: TestApp;
afterEach(async () => t.close());
const ACME = '+7 812 997-83-63'; // cust-1, owned by ann

const status = async (as: string, url: string) => {
  const r = await t.call(as, 'GET', url);
  return r.statusCode === 200 ? 'ok' : (r.json() as { code: string }).code;
};
const ids = async (as: string, url: string) => ((await t.call(as, 'GET', url)).json() as Array<{ interactionId: string }>).map((s) => s.interactionId);

describe('an agent handling a customer\'s contact', () => {
  it('reads the customer\'s past interactions while ringing, talking and wrapping up, and not after', async () => {
    t = await testApp({ config: historyConfig() });
    await t.ready('ann');
    await completed(t, await answeredCall(t, 'past-1', 'sales', ACME));
    await t.call('ann', 'POST', '/v1/me/wrap-ups/past-1', { disposition: 'sold', note: 'n' });
    await t.call('ann', 'POST', '/v1/me/wrap-ups/past-1/finish');
    await t.call('ann', 'PUT', '/v1/me/presence', { state: 'loggedOut' });
    await t.service.historyRecorded();
    expect(await status('bob', '/v1/interactions/past-1')).toBe('FORBIDDEN');

    await t.ready('bob'); // of the owner's team, neither owner nor substitute
    const routed = (await t.call('pbx', 'POST', '/v1/route', { callId: 'now-1', queueId: 'sales', caller: ACME })).json();
    expect(routed).toMatchObject({ status: 'reserved', agentId: 'bob' });
    expect(await status('bob', '/v1/interactions/past-1')).toBe('ok'); // ringing: the screen pop
    expect(await ids('bob', '/v1/customers/cust-1/interactions')).toEqual(['now-1', 'past-1']);
    const c = (await t.call('bob', 'GET', '/v1/contacts/now-1')).json();
    await t.call('bob', 'POST', '/v1/me/offers/now-1/accept', { token: c.reservation.token });
    expect(await status('bob', '/v1/interactions/past-1')).toBe('ok'); // talking
    await completed(t, { id: 'now-1', agentId: 'bob' });
    expect(await status('bob', '/v1/interactions/past-1')).toBe('ok'); // wrapping up
    expect(await status('cat', '/v1/interactions/past-1')).toBe('FORBIDDEN'); // only the agent handling it

    await t.call('bob', 'POST', '/v1/me/wrap-ups/now-1', { disposition: 'sold', note: 'n' });
    await t.call('bob', 'POST', '/v1/me/wrap-ups/now-1/finish');
    expect(await status('bob', '/v1/interactions/past-1')).toBe('FORBIDDEN');
    expect(await status('bob', '/v1/interactions/now-1')).toBe('ok'); // its own stays its own
    expect(await ids('bob', '/v1/customers/cust-1/interactions')).toEqual(['now-1']);
  });
});
