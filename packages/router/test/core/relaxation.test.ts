import { describe, expect, it } from 'vitest';
import type { QueueConfig } from '@switchboard/router';
import { harness, holder, ready, tick, type Harness } from './engine-fixture.js';

/** Step 0: expert sellers; after 30 s any seller at 2+; after 90 s a seller or a support agent at 3+. */
const stepped: QueueConfig = {
  id: 'sales',
  steps: [
    { requirement: 'sales>=4', afterSeconds: 0 },
    { requirement: 'sales>=2', afterSeconds: 30 },
    { requirement: 'sales | support>=3', afterSeconds: 90 },
  ],
};

function domain(): Harness {
  return harness({
    queues: [stepped],
    agents: [
      { id: 'expert', skills: { sales: 5 } },
      { id: 'junior', skills: { sales: 2 } },
      { id: 'helper', skills: { support: 3 } },
      { id: 'outsider', skills: { support: 2 } },
    ],
  });
}

describe('stepped relaxation', () => {
  it('computes each agent\'s first qualifying step', () => {
    const { engine } = domain();
    const step = (id: string) => engine.agent(id).memberships.map((m) => m.step);
    expect([step('expert'), step('junior'), step('helper'), step('outsider')]).toEqual([[0], [1], [2], []]);
  });

  it('holds a contact at step 0 until afterSeconds, then offers it to a step-1 agent', () => {
    const h = domain();
    ready(h.engine, 'junior');
    const o = h.engine.submit({ id: 'c1', queueId: 'sales' });
    expect(o).toMatchObject({ kind: 'queued', step: 0, waiting: 1 });
    expect(h.engine.nextDueAt()).toBe(30_000);
    tick(h, 29_999);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', step: 0 });
    tick(h, 1);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', step: 1, agentId: 'junior' });
    expect(h.events.filter((e) => e.type === 'contact.escalated')).toEqual([
      { type: 'contact.escalated', at: 30_000, contactId: 'c1', queueId: 'sales', step: 1 },
    ]);
    expect(h.events.find((e) => e.type === 'reservation.created')).toMatchObject({ at: 30_000, agentId: 'junior', step: 1 });
  });

  it('does not offer a step-0 contact to an agent who only qualifies from a later step', () => {
    const h = domain();
    ready(h.engine, 'junior', 'helper');
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    const why = Object.fromEntries(h.engine.explain('c1').map((x) => [x.agentId, x.eligibility]));
    expect(why).toEqual({ expert: 'offline', junior: 'step-not-reached', helper: 'step-not-reached', outsider: 'not-member' });
  });

  it('walks through every step, and the last one widens the pool to support agents', () => {
    const h = domain();
    ready(h.engine, 'helper');
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    tick(h, 30_000);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', step: 1 });
    tick(h, 59_999);
    expect(h.engine.contact('c1').step).toBe(1);
    tick(h, 1);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', step: 2, agentId: 'helper' });
    expect(h.events.filter((e) => e.type === 'contact.escalated').map((e) => e.at)).toEqual([30_000, 90_000]);
  });

  it('is cumulative: a step-0 agent who frees up serves a contact that reached step 1', () => {
    const h = domain();
    h.engine.submit({ id: 'c1', queueId: 'sales' });
    tick(h, 45_000);
    expect(h.engine.contact('c1').step).toBe(1);
    ready(h.engine, 'expert');
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', agentId: 'expert' });
  });

  it('compares the heads of every pool the contact reached by the strategy key', () => {
    const h = domain();
    h.engine.login('helper');
    ready(h.engine, 'junior'); // step-1 pool, free since 0 s
    tick(h, 1_000);
    ready(h.engine, 'expert'); // step-0 pool, free since 1 s
    // held 40 s for its (unavailable) account owner, it enters the queue already at step 1
    h.engine.submit({ id: 'c1', queueId: 'sales', preferredAgentIds: ['helper'], preferredWindowSeconds: 40 });
    tick(h, 40_000);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', step: 1, agentId: 'junior' });
    const last = h.engine.decisions('c1').at(-1);
    expect(last?.candidates).toEqual([
      { id: 'expert', kind: 'agent', pool: 'sales/0', key: [1_000, expect.any(Number)], skipped: 'worse-key' },
      { id: 'junior', kind: 'agent', pool: 'sales/1', key: [0, expect.any(Number)] },
    ]);
  });

  it('counts steps from arrival in the queue even when nobody is ever ready', () => {
    const h = domain();
    const o = h.engine.submit({ id: 'c1', queueId: 'sales' });
    expect(o.kind).toBe('queued');
    tick(h, 600_000);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', step: 2, queueEnteredAt: 0 });
    expect(h.engine.nextDueAt()).toBeUndefined();
    ready(h.engine, 'helper');
    expect(holder(h.engine, 'c1')).toBe('helper');
  });
});
