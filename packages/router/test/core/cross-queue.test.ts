import { describe, expect, it } from 'vitest';
import type { QueueConfig } from '@switchboard/router';
import { harness, holder, ready, salesQueue, serve, tick, type Harness } from './engine-fixture.js';

function domain(a: Partial<QueueConfig> = {}): Harness {
  return harness({
    queues: [
      { id: 'A', steps: [{ requirement: 'sales>=4', afterSeconds: 0 }, { requirement: 'sales>=2', afterSeconds: 30 }], ...a },
      salesQueue('B'),
      { id: 'C', steps: [{ requirement: 'support', afterSeconds: 0 }] },
    ],
    agents: [
      { id: 'both', skills: { sales: 4 } },
      { id: 'junior', skills: { sales: 2 } },
    ],
  });
}

describe('cross-queue arbitration', () => {
  it('gives an agent of two queues the contact with the smaller order key across both', () => {
    const h = domain();
    h.engine.submit({ id: 'b1', queueId: 'B' });
    tick(h, 5_000);
    h.engine.submit({ id: 'a1', queueId: 'A' });
    tick(h, 5_000);
    h.engine.submit({ id: 'b2', queueId: 'B' });
    ready(h.engine, 'both');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const current = h.engine.agent('both').assignments[0]?.contactId as string;
      order.push(current);
      serve(h.engine, current);
    }
    expect(order).toEqual(['b1', 'a1', 'b2']);
  });

  it('compares order keys, so a head start in one queue wins across queues', () => {
    const h = domain({ priority: { tierBoostSeconds: { gold: 20 }, maxBoostSeconds: 20 } });
    h.engine.submit({ id: 'b1', queueId: 'B' }); // key 0
    tick(h, 10_000);
    h.engine.submit({ id: 'a1', queueId: 'A', valueTier: 'gold' }); // key 10 − 20 = −10 s
    ready(h.engine, 'both');
    expect(holder(h.engine, 'a1')).toBe('both');
  });

  it('only takes contacts from the sets the agent qualifies for at their current step', () => {
    const h = domain();
    h.engine.submit({ id: 'a1', queueId: 'A' }); // step 0 needs sales>=4
    tick(h, 10_000);
    h.engine.submit({ id: 'b1', queueId: 'B' });
    tick(h, 10_000);
    ready(h.engine, 'junior');
    expect(holder(h.engine, 'b1')).toBe('junior');
    serve(h.engine, 'b1');
    expect(h.engine.contact('a1').state).toBe('queued');
    tick(h, 10_000); // a1 reaches step 1 at 30 s
    expect(holder(h.engine, 'a1')).toBe('junior');
  });

  it('leaves alone the contacts of queues the agent does not serve', () => {
    const h = domain();
    h.engine.submit({ id: 'c1', queueId: 'C' });
    ready(h.engine, 'both');
    expect(h.engine.contact('c1').state).toBe('queued');
    expect(h.engine.agent('both').memberships.map((m) => m.queueId)).toEqual(['A', 'B']);
  });
});
