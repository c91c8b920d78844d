import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './http-fixture.js';

let t: TestApp;
beforeEach(async () => { t = await testApp(); });
afterEach(async () => { await t.close(); });

const status = async (id: string) => (await t.call('admin', 'GET', `/v1/contacts/${id}`)).json();

describe('pausing a queue', () => {
  it('keeps contacts waiting and offers none until resumed, then offers at once', async () => {
    await t.ready('ann');
    expect((await t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true })).statusCode).toBe(200);
    expect((await t.call('pbx', 'POST', '/v1/route', { callId: 'p1', queueId: 'sales' })).json()).toMatchObject({ status: 'queued', position: 1 });
    expect((await t.call('sue', 'GET', '/v1/queues/sales/stats')).json()).toMatchObject({ waiting: 1, readyAgents: 0 });
    const doc = (await t.call('sue', 'GET', '/v1/config/queues')).json().find((q: { id: string }) => q.id === 'sales');
    expect(doc).toMatchObject({ paused: true, steps: [{ requirement: 'sales>=2', afterSeconds: 0 }] });

    expect((await t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: false })).statusCode).toBe(200);
    expect(await status('p1')).toMatchObject({ state: 'reserved', agentId: 'ann' });
    const [resumed, paused] = (await t.call('sue', 'GET', '/v1/audit')).json();
    expect([paused.before.paused, paused.after.paused, resumed.after.paused]).toEqual([undefined, true, false]);
  });

  it('offers nothing to a known customer\'s account owner either', async () => {
    await t.ready('ann');
    await t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true });
    expect((await t.call('pbx', 'POST', '/v1/route', { callId: 'own', queueId: 'sales', caller: '+7 812 997-83-63' })).json().status).toBe('queued');
    expect((await status('own')).preferredAgentIds).toEqual(['ann', 'bob']); // the owner, then the rest of the owner's team
  });

  it('keeps a paused queue paused through a live edit of its steps', async () => {
    await t.ready('ann');
    await t.call('sue', 'PUT', '/v1/queues/sales/paused', { paused: true });
    await t.call('sue', 'PUT', '/v1/queues/sales/steps', { steps: [{ requirement: 'sales', afterSeconds: 0 }] });
    await t.call('pbx', 'POST', '/v1/route', { callId: 'p2', queueId: 'sales' });
    expect((await status('p2')).state).toBe('queued');
  });

  it('is for the queue\'s supervisors and admins only', async () => {
    expect((await t.call('max', 'PUT', '/v1/queues/sales/paused', { paused: true })).json().code).toBe('FORBIDDEN');
    expect((await t.call('ann', 'PUT', '/v1/queues/sales/paused', { paused: true })).json().code).toBe('FORBIDDEN');
    expect((await t.call('admin', 'PUT', '/v1/queues/nope/paused', { paused: true })).json().code).toBe('QUEUE_UNKNOWN');
  });
});

describe('moving a waiting contact', () => {
  it('moves it to another queue, where it is offered; it keeps its order key', async () => {
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'mv', queueId: 'sales' });
    const before = await status('mv');
    await t.ready('cat');
    expect((await t.call('admin', 'POST', '/v1/contacts/mv/move', { queueId: 'support' })).statusCode).toBe(200);
    expect(await status('mv')).toMatchObject({ queueId: 'support', state: 'reserved', agentId: 'cat', orderKey: before.orderKey });
  });

  it('needs the supervisor to hold both queues, and a waiting contact', async () => {
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'mv2', queueId: 'sales' });
    expect((await t.call('sue', 'POST', '/v1/contacts/mv2/move', { queueId: 'support' })).json().code).toBe('FORBIDDEN');
    expect((await t.call('max', 'POST', '/v1/contacts/mv2/move', { queueId: 'support' })).json().code).toBe('FORBIDDEN');
    expect((await t.call('admin', 'POST', '/v1/contacts/mv2/move', { queueId: 'sales' })).json().code).toBe('INPUT_INVALID');
    await t.ready('ann');
    expect((await t.call('admin', 'POST', '/v1/contacts/mv2/move', { queueId: 'support' })).json().code).toBe('CONTACT_STATE_INVALID');
  });
});
