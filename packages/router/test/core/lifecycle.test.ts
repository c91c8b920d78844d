import { describe, expect, it } from 'vitest';
import type { RoutingEngine } from '@switchboard/router';
import { accept, expectCode, expectRefusedUnchanged, harness, holder, ready, salesQueue, serve, tick, types } from './engine-fixture.js';

function domain(retainEnded?: number) {
  return harness(
    {
      queues: [salesQueue('q', { wrapUpSeconds: 30, maxWaitSeconds: 600 }), salesQueue('spare')],
      agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { support: 3 } }],
    },
    retainEnded === undefined ? {} : { retainEnded },
  );
}

/** One contact in each of these states, named after it: completed, active, abandoned, scheduled, expired, preferred. */
function contactsInEveryState(e: RoutingEngine, clockTick: (ms: number) => void): void {
  ready(e, 'ann');
  e.submit({ id: 'completed', queueId: 'q' });
  serve(e, 'completed');
  e.finishWrapUp('ann', 'completed');
  e.submit({ id: 'active', queueId: 'q' });
  accept(e, 'active');
  e.submit({ id: 'abandoned', queueId: 'q' });
  e.abandon('abandoned');
  e.submit({ id: 'scheduled', queueId: 'q', callbackAt: 3_600_000 });
  e.submit({ id: 'expired', queueId: 'q' });
  clockTick(600_000); // max wait
  e.login('bob');
  e.submit({ id: 'preferred', queueId: 'q', preferredAgentIds: ['bob'] }); // bob is logged in, not ready
}

describe('contact operations in the wrong state', () => {
  const ILLEGAL: ReadonlyArray<readonly [string, string, (e: RoutingEngine, id: string) => void]> = [
    ['complete', 'scheduled', (e, id) => e.complete(id)],
    ['complete', 'preferred', (e, id) => e.complete(id)],
    ['complete', 'completed', (e, id) => e.complete(id)],
    ['complete', 'expired', (e, id) => e.complete(id)],
    ['abandon', 'active', (e, id) => e.abandon(id)],
    ['abandon', 'completed', (e, id) => e.abandon(id)],
    ['abandon', 'abandoned', (e, id) => e.abandon(id)],
    ['abandon', 'expired', (e, id) => e.abandon(id)],
    ['transfer', 'scheduled', (e, id) => e.transfer(id, 'spare')],
    ['transfer', 'completed', (e, id) => e.transfer(id, 'spare')],
    ['requestCallback', 'active', (e, id) => e.requestCallback(id)],
    ['requestCallback', 'scheduled', (e, id) => e.requestCallback(id)],
    ['requestCallback', 'preferred', (e, id) => e.requestCallback(id)],
    ['requestCallback', 'abandoned', (e, id) => e.requestCallback(id)],
  ];

  it.each(ILLEGAL)('%s on a %s contact is CONTACT_STATE_INVALID and changes nothing', (_, state, op) => {
    const h = domain();
    contactsInEveryState(h.engine, (ms) => tick(h, ms));
    expect(h.engine.contact(state).state).toBe(state);
    expectRefusedUnchanged(h.engine, () => op(h.engine, state), 'CONTACT_STATE_INVALID');
  });

  it('refuses to complete a contact that is only ringing', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    expectRefusedUnchanged(h.engine, () => h.engine.complete('c1'), 'CONTACT_STATE_INVALID');
  });
});

describe('agent presence', () => {
  it('follows offline → notReady → ready → notReady → offline with events', () => {
    const h = domain();
    h.engine.login('ann');
    expect(h.engine.agent('ann')).toMatchObject({ presence: 'notReady', reason: 'login' });
    h.engine.ready('ann');
    h.engine.notReady('ann', 'lunch');
    h.engine.notReady('ann', 'training'); // a reason change
    expect(h.engine.agent('ann')).toMatchObject({ presence: 'notReady', reason: 'training' });
    h.engine.logout('ann');
    expect(types(h.events, 'ann')).toEqual(['agent.loggedIn', 'agent.ready', 'agent.notReady', 'agent.notReady', 'agent.loggedOut']);
  });

  it.each<readonly [string, (e: RoutingEngine) => void]>([
    ['ready while offline', (e) => e.ready('bob')],
    ['not ready while offline', (e) => e.notReady('bob', 'break')],
    ['logout while offline', (e) => e.logout('bob')],
    ['login twice', (e) => e.login('ann')],
    ['ready twice', (e) => e.ready('ann')],
    ['removing a logged-in agent', (e) => e.removeAgent('ann')],
  ])('refuses %s with AGENT_STATE_INVALID', (_, op) => {
    const h = domain();
    ready(h.engine, 'ann');
    expectRefusedUnchanged(h.engine, () => op(h.engine), 'AGENT_STATE_INVALID');
  });

  it('refuses to log out an agent who holds a contact in any phase (AGENT_BUSY)', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    expectRefusedUnchanged(h.engine, () => h.engine.logout('ann'), 'AGENT_BUSY'); // reserved
    accept(h.engine, 'c1');
    h.engine.notReady('ann', 'after-call');
    expectRefusedUnchanged(h.engine, () => h.engine.logout('ann'), 'AGENT_BUSY'); // active
    h.engine.complete('c1');
    expectRefusedUnchanged(h.engine, () => h.engine.logout('ann'), 'AGENT_BUSY'); // wrap-up
    tick(h, 30_000);
    h.engine.logout('ann');
    expect(h.engine.agent('ann').presence).toBe('offline');
  });

  it('removes a logged-out agent, who can then no longer be named', () => {
    const h = domain();
    h.engine.removeAgent('bob');
    expect(h.engine.agents().map((a) => a.id)).toEqual(['ann']);
    expectCode(() => h.engine.submit({ id: 'c1', queueId: 'q', preferredAgentIds: ['bob'] }), 'AGENT_UNKNOWN');
  });
});

describe('configuration changes keep the queue working', () => {
  it('gives waiting work to an agent whose new skills qualify', () => {
    const h = domain();
    ready(h.engine, 'bob');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    h.engine.setAgentSkills('bob', { support: 3, sales: 1 });
    expect(holder(h.engine, 'c1')).toBe('bob');
  });

  it('re-files waiting contacts under a queue\'s new steps', () => {
    const h = domain();
    ready(h.engine, 'bob');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    tick(h, 10_000);
    h.engine.upsertQueue({ id: 'q', steps: [{ requirement: 'sales', afterSeconds: 0 }, { requirement: 'support', afterSeconds: 5 }] });
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', agentId: 'bob', step: 1 });
  });

  it('removes an empty queue, and forgets the oldest ended contacts beyond retainEnded', () => {
    const h = domain(2);
    ready(h.engine, 'ann');
    for (const id of ['c1', 'c2', 'c3']) {
      h.engine.submit({ id, queueId: 'spare' });
      serve(h.engine, id);
    }
    expectCode(() => h.engine.contact('c1'), 'CONTACT_UNKNOWN');
    expect(h.engine.contacts().map((c) => c.id)).toEqual(['c2', 'c3']);
    h.engine.removeQueue('spare');
    expect(h.engine.queueIds()).toEqual(['q']);
    expect(h.events.at(-1)).toEqual({ type: 'queue.removed', at: 0, queueId: 'spare' });
  });
});
