import { describe, expect, it } from 'vitest';
import { accept, expectRefusedUnchanged, harness, holder, ready, salesQueue, tick, type Harness } from './engine-fixture.js';

function domain(): Harness {
  const h = harness({
    queues: [salesQueue('q', { wrapUpSeconds: 10 }), salesQueue('chat', { channel: 'chat', wrapUpSeconds: 10 })],
    agents: [{ id: 'ann', skills: { sales: 3 } }],
  });
  ready(h.engine, 'ann');
  return h;
}

/** c1 offered at 0, answered at 2 s, c2 waiting from 5 s, c1 completed at 20 s. */
function firstCallCompleted(h: Harness): void {
  h.engine.submit({ id: 'c1', queueId: 'q' });
  tick(h, 2_000);
  accept(h.engine, 'c1');
  tick(h, 3_000);
  h.engine.submit({ id: 'c2', queueId: 'q' });
  tick(h, 15_000);
  h.engine.complete('c1');
}

describe('wrap-up', () => {
  it('holds the agent\'s capacity for wrapUpSeconds after the contact ends', () => {
    const h = domain();
    firstCallCompleted(h);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'completed', endedAt: 20_000 });
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'wrapUp', presence: 'ready', used: 6 });
    // `since` is when the current phase began: wrap-up started when the contact ended.
    expect(h.engine.agent('ann').assignments).toEqual([{ contactId: 'c1', queueId: 'q', phase: 'wrapUp', since: 20_000 }]);
    expect(h.engine.contact('c2').state).toBe('queued');
    expect(h.engine.explain('c2')[0]?.eligibility).toBe('no-capacity');
    expect(h.events.find((e) => e.type === 'agent.wrapUpStarted')).toEqual({ type: 'agent.wrapUpStarted', at: 20_000, agentId: 'ann', contactId: 'c1', until: 30_000 });
  });

  it('offers the next waiting contact the moment wrap-up ends', () => {
    const h = domain();
    firstCallCompleted(h);
    tick(h, 9_999);
    expect(h.engine.contact('c2').state).toBe('queued');
    tick(h, 1);
    expect(h.engine.contact('c2')).toMatchObject({ state: 'reserved', agentId: 'ann' });
    expect(h.events.filter((e) => e.at === 30_000).map((e) => e.type)).toEqual(['agent.wrapUpEnded', 'reservation.created']);
  });

  it('ends wrap-up early on finishWrapUp and offers the next contact at once', () => {
    const h = domain();
    firstCallCompleted(h);
    tick(h, 3_000);
    h.engine.finishWrapUp('ann', 'c1');
    expect(h.engine.contact('c2')).toMatchObject({ state: 'reserved', agentId: 'ann', reservation: { deadline: 43_000 } });
    tick(h, 10_000); // the original wrap-up end (30 s) passes without effect
    expect(holder(h.engine, 'c2')).toBe('ann');
    expect(h.events.filter((e) => e.type === 'agent.wrapUpEnded')).toHaveLength(1);
  });

  it('counts wrap-up in the handle time (AHT = talk + wrap-up)', () => {
    const h = domain();
    firstCallCompleted(h);
    expect(h.engine.queueStats('q').ahtMs).toBeNull(); // still wrapping up: not handled yet
    tick(h, 10_000); // c1: answered 2 s, wrap-up ended 30 s → 28 s
    tick(h, 1_000);
    accept(h.engine, 'c2'); // answered 31 s
    tick(h, 9_000);
    h.engine.complete('c2');
    tick(h, 2_000);
    h.engine.finishWrapUp('ann', 'c2'); // 42 s → 11 s
    expect(h.engine.queueStats('q').ahtMs).toBe((28_000 + 11_000) / 2);
    expect(h.engine.agentStats('ann').handled).toBe(2);
  });

  it('keeps a not-ready agent out of work after wrap-up', () => {
    const h = domain();
    firstCallCompleted(h);
    h.engine.notReady('ann', 'break');
    tick(h, 10_000);
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'notReady', used: 0 });
    expect(h.engine.contact('c2').state).toBe('queued');
  });

  it('holds only the wrapped-up chat\'s units, so other chats keep flowing', () => {
    const h = domain();
    for (const id of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']) h.engine.submit({ id, queueId: 'chat' });
    accept(h.engine, 'm1');
    h.engine.complete('m1');
    h.engine.submit({ id: 'm7', queueId: 'chat' });
    expect(h.engine.contact('m7').state).toBe('queued');
    h.engine.finishWrapUp('ann', 'm1');
    expect(holder(h.engine, 'm7')).toBe('ann');
  });

  it('refuses finishWrapUp for a contact not in wrap-up or not held, changing nothing', () => {
    const h = domain();
    h.engine.submit({ id: 'c1', queueId: 'q' });
    expectRefusedUnchanged(h.engine, () => h.engine.finishWrapUp('ann', 'c1'), 'CONTACT_STATE_INVALID'); // reserved
    accept(h.engine, 'c1');
    expectRefusedUnchanged(h.engine, () => h.engine.finishWrapUp('ann', 'c1'), 'CONTACT_STATE_INVALID'); // active
    expectRefusedUnchanged(h.engine, () => h.engine.finishWrapUp('ann', 'other'), 'ASSIGNMENT_UNKNOWN');
    h.engine.complete('c1');
    h.engine.finishWrapUp('ann', 'c1');
    expectRefusedUnchanged(h.engine, () => h.engine.finishWrapUp('ann', 'c1'), 'ASSIGNMENT_UNKNOWN');
    expectRefusedUnchanged(h.engine, () => h.engine.finishWrapUp('nobody', 'c1'), 'AGENT_UNKNOWN');
  });
});
