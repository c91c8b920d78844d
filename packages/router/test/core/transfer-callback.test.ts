import { describe, expect, it } from 'vitest';
import { accept, expectRefusedUnchanged, harness, holder, ready, salesQueue, serve, tick, type Harness } from './engine-fixture.js';

function domain(wrapUpSeconds = 0): Harness {
  return harness({
    queues: [
      salesQueue('sales', { wrapUpSeconds }),
      { id: 'billing', steps: [{ requirement: 'sales | support', afterSeconds: 0 }], priority: { tierBoostSeconds: { gold: 30 }, maxBoostSeconds: 30 } },
    ],
    agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { support: 3 } }],
  });
}

describe('transfer', () => {
  it('moves an active contact to the other queue, where it waits with a fresh order key', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'sales', valueTier: 'gold' });
    accept(h.engine, 'c1');
    tick(h, 50_000);
    h.engine.transfer('c1', 'billing');
    expect(h.engine.contact('c1')).toMatchObject({
      state: 'queued', queueId: 'billing', agentId: undefined, answeredAt: undefined, boostMs: 30_000, orderKey: 20_000,
      queueEnteredAt: 50_000, waitStartedAt: 50_000,
    });
    expect(h.events.find((e) => e.type === 'contact.transferred')).toEqual({
      type: 'contact.transferred', at: 50_000, contactId: 'c1', fromQueueId: 'sales', toQueueId: 'billing', agentId: 'ann',
    });
    expect(h.engine.queueStats('sales')).toMatchObject({ transferred: 1, answered: 1 });
    expect(h.engine.queueStats('billing')).toMatchObject({ offered: 1, waiting: 1 });
  });

  it('never offers the contact back to the agent who transferred it, even when that agent serves the target queue', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    accept(h.engine, 'c1');
    h.engine.transfer('c1', 'billing');
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'ready', used: 0 });
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', declinedBy: ['ann'] });
    ready(h.engine, 'bob');
    expect(holder(h.engine, 'c1')).toBe('bob');
  });

  it('wraps the transferring agent up under the original queue', () => {
    const h = domain(10);
    ready(h.engine, 'ann', 'bob');
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    accept(h.engine, 'c1');
    h.engine.transfer('c1', 'billing');
    expect(h.engine.agent('ann').assignments).toEqual([{ contactId: 'c1', queueId: 'sales', phase: 'wrapUp', since: 0 }]);
    expect(holder(h.engine, 'c1')).toBe('bob');
    tick(h, 10_000);
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'ready', used: 0, handled: 1 });
  });

  // Regression (fixed): lifecycle.transfer clears `c.answeredAt` before the transferring agent's
  // wrap-up ends, and endWrapUp computes the handle time as `now − (c.answeredAt ?? now)`. A
  // transferred contact therefore counts as handled in the original queue with a handle time of
  // 0 (or, if the next agent already answered it, with the wrong start). Here: answered at 0,
  // transferred after 60 s, no wrap-up → the sales queue's AHT should be 60 s; it is 0.
  it('counts the talk time before a transfer in the original queue\'s AHT', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    accept(h.engine, 'c1');
    tick(h, 60_000);
    h.engine.transfer('c1', 'billing');
    expect(h.engine.queueStats('sales').ahtMs).toBe(60_000);
  });

  it('refuses to transfer a contact that is not active, or to an unknown queue, changing nothing', () => {
    const h = domain();
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    expectRefusedUnchanged(h.engine, () => h.engine.transfer('c1', 'billing'), 'CONTACT_STATE_INVALID');
    ready(h.engine, 'ann');
    expectRefusedUnchanged(h.engine, () => h.engine.transfer('c1', 'billing'), 'CONTACT_STATE_INVALID'); // reserved
    accept(h.engine, 'c1');
    expectRefusedUnchanged(h.engine, () => h.engine.transfer('c1', 'nowhere'), 'QUEUE_UNKNOWN');
    expectRefusedUnchanged(h.engine, () => h.engine.transfer('nobody', 'billing'), 'CONTACT_UNKNOWN');
  });
});

describe('virtual hold (requestCallback)', () => {
  it('marks a queued contact as a callback that keeps its place in line', () => {
    const h = domain();
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    tick(h, 5_000);
    h.engine.submit({ id: 'c2', queueId: 'sales' });
    tick(h, 5_000);
    h.engine.requestCallback('c1');
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', callback: true, orderKey: 0 });
    expect(h.events.at(-1)).toEqual({ type: 'callback.requested', at: 10_000, contactId: 'c1', queueId: 'sales' });
    expect(h.engine.queueStats('sales').waiting).toBe(2);
    ready(h.engine, 'ann');
    expect(holder(h.engine, 'c1')).toBe('ann');
    expect(h.engine.contact('c2').state).toBe('queued');
  });

  it('is refused for a contact that is not queued', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    expectRefusedUnchanged(h.engine, () => h.engine.requestCallback('c1'), 'CONTACT_STATE_INVALID');
  });
});

describe('scheduled callback (callbackAt)', () => {
  it('enters the queue at the agreed time, not before, even with an agent free', () => {
    const h = domain();
    ready(h.engine, 'ann');
    expect(h.engine.submit({ id: 'cb', queueId: 'sales', callbackAt: 120_000 })).toEqual({
      kind: 'scheduled', contactId: 'cb', queueId: 'sales', callbackAt: 120_000,
    });
    expect(h.engine.nextDueAt()).toBe(120_000);
    tick(h, 119_999);
    expect(h.engine.contact('cb').state).toBe('scheduled');
    expect(h.engine.queueStats('sales')).toMatchObject({ waiting: 0, offered: 0 });
    tick(h, 1);
    expect(h.engine.contact('cb')).toMatchObject({ state: 'reserved', agentId: 'ann', waitStartedAt: 120_000, orderKey: 120_000 });
    expect(h.engine.queueStats('sales').offered).toBe(1);
  });

  it('accepts an ISO-8601 time, and a time in the past means now', () => {
    const h = domain();
    tick(h, 10_000);
    expect(h.engine.submit({ id: 'iso', queueId: 'sales', callbackAt: '1970-01-01T00:01:00.000Z' })).toMatchObject({ kind: 'scheduled', callbackAt: 60_000 });
    expect(h.engine.submit({ id: 'past', queueId: 'sales', callbackAt: 5_000 })).toMatchObject({ kind: 'queued' });
  });

  it('can be cancelled before its time without counting as abandoned', () => {
    const h = domain();
    h.engine.submit({ id: 'cb', queueId: 'sales', callbackAt: 60_000 });
    h.engine.abandon('cb');
    expect(h.engine.contact('cb').state).toBe('abandoned');
    tick(h, 60_000);
    expect(h.engine.queueStats('sales')).toMatchObject({ abandoned: 0, offered: 0, waiting: 0 });
  });

  // Regression (fixed): a scheduled callback that names preferred agents never goes to them. The
  // preferred window is opened at submission (`preferredUntil = now + window` in
  // contact-input.ts) and has long closed at the callback time; the callback wake then calls
  // enterQueue directly instead of admit, so the queue's longest-idle agent gets the customer
  // while the account owner is ready.
  it('offers a scheduled callback to the account owner first', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.upsertAgent({ id: 'owner', skills: { sales: 1 } });
    tick(h, 1_000);
    ready(h.engine, 'owner');
    h.engine.submit({ id: 'cb', queueId: 'sales', callbackAt: 120_000, preferredAgentIds: ['owner'] });
    tick(h, 120_000);
    expect(holder(h.engine, 'cb')).toBe('owner');
  });

  it('is served after an earlier waiting contact, since its order key is its callback time', () => {
    const h = domain();
    h.engine.submit({ id: 'cb', queueId: 'sales', callbackAt: 30_000 });
    tick(h, 20_000);
    h.engine.submit({ id: 'walk-in', queueId: 'sales' });
    tick(h, 20_000);
    ready(h.engine, 'ann');
    expect(holder(h.engine, 'walk-in')).toBe('ann');
    serve(h.engine, 'walk-in');
    expect(holder(h.engine, 'cb')).toBe('ann');
  });
});
