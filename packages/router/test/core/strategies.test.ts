import { describe, expect, it } from 'vitest';
import type { AgentConfig, QueueConfig, Strategy } from '@switchboard/router';
import { harness, ready, reserved, salesQueue, serve, tick, type Harness } from './engine-fixture.js';

const agents = (...ids: string[]): AgentConfig[] => ids.map((id) => ({ id, skills: { sales: 1 } }));

function strategyDomain(strategy: Strategy, agentList: AgentConfig[], extra: Partial<QueueConfig> = {}): Harness {
  return harness({ queues: [salesQueue('q', { strategy, ...extra })], agents: agentList });
}

/** Submits a contact and returns the agent it was offered to. */
function route(h: Harness, id: string, queueId = 'q'): string {
  return reserved(h.engine.submit({ id, queueId })).agentId;
}

describe('longest-idle', () => {
  it('offers to the agent that has been free longest, and puts the one just served at the back', () => {
    const h = strategyDomain('longest-idle', agents('ann', 'bob', 'cat'));
    ready(h.engine, 'bob');
    tick(h, 1_000);
    ready(h.engine, 'cat');
    tick(h, 1_000);
    ready(h.engine, 'ann');
    expect(route(h, 'c1')).toBe('bob');
    serve(h.engine, 'c1'); // bob is free again, now the most recently freed
    expect(route(h, 'c2')).toBe('cat');
    expect(route(h, 'c3')).toBe('ann');
    expect(route(h, 'c4')).toBe('bob');
  });

  it('sends an agent who toggles not-ready → ready to the back of the line', () => {
    const h = strategyDomain('longest-idle', agents('ann', 'bob'));
    ready(h.engine, 'ann', 'bob');
    tick(h, 1_000);
    h.engine.notReady('ann', 'coffee');
    h.engine.ready('ann');
    expect(route(h, 'c1')).toBe('bob');
  });
});

describe('round-robin ("taxi queue")', () => {
  it('rotates through the agents in turn, the agent just offered a contact going to the back', () => {
    const h = strategyDomain('round-robin', agents('ann', 'bob', 'cat'));
    ready(h.engine, 'cat', 'bob', 'ann'); // readiness order does not matter, configuration order breaks the first tie
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      tick(h, 1_000);
      order.push(route(h, `c${i}`));
      serve(h.engine, `c${i}`);
    }
    expect(order).toEqual(['ann', 'bob', 'cat', 'ann', 'bob', 'cat', 'ann']);
  });

  it('keeps an agent its place in the rotation across a not-ready break (unlike longest-idle)', () => {
    const h = strategyDomain('round-robin', agents('ann', 'bob'));
    ready(h.engine, 'ann', 'bob');
    tick(h, 1_000);
    h.engine.notReady('ann', 'coffee');
    h.engine.ready('ann');
    expect(route(h, 'c1')).toBe('ann');
  });
});

describe('most-skilled', () => {
  const skilled: AgentConfig[] = [
    { id: 'ann', skills: { sales: 5 } },                  // 2·5 = 10
    { id: 'bob', skills: { sales: 3, 'lang.en': 5 } },    // 2·3 + 1·5 = 11
    { id: 'cat', skills: { sales: 4, 'lang.en': 3 } },    // 2·4 + 1·3 = 11
  ];

  it('offers to the highest weighted score, ties broken by longest idle', () => {
    const h = strategyDomain('most-skilled', skilled, { skillWeights: { sales: 2, 'lang.en': 1 } });
    ready(h.engine, 'ann');
    tick(h, 1_000);
    ready(h.engine, 'cat');
    tick(h, 1_000);
    ready(h.engine, 'bob');
    expect(h.engine.agent('bob').memberships).toEqual([{ queueId: 'q', step: 0, score: 11 }]);
    expect(route(h, 'c1')).toBe('cat'); // 11, idle since 1 s
    expect(route(h, 'c2')).toBe('bob'); // 11, idle since 2 s
    expect(route(h, 'c3')).toBe('ann'); // 10, although idle longest
  });

  it('without weights counts each skill the steps name once', () => {
    const h = strategyDomain('most-skilled', skilled);
    ready(h.engine, 'bob', 'cat', 'ann');
    expect(route(h, 'c1')).toBe('ann'); // sales only: 5 > 4 > 3
    expect(route(h, 'c2')).toBe('cat');
  });
});

describe('fewest-contacts', () => {
  it('offers to the agent who handled fewest contacts, even over one idle longer', () => {
    const h = strategyDomain('fewest-contacts', agents('ann', 'bob', 'cat'));
    ready(h.engine, 'ann', 'bob');
    route(h, 'c1');
    serve(h.engine, 'c1');
    tick(h, 1_000);
    route(h, 'c2');
    serve(h.engine, 'c2');
    expect([h.engine.agent('ann').handled, h.engine.agent('bob').handled]).toEqual([1, 1]);
    tick(h, 60_000);
    ready(h.engine, 'cat');
    expect(route(h, 'c3')).toBe('cat');
    expect(route(h, 'c4')).toBe('ann'); // ann and bob both handled 1; ann was freed first
  });
});

describe('least-occupied', () => {
  it('offers a chat to the agent using the smallest share of its capacity', () => {
    const h = strategyDomain('least-occupied', agents('ann', 'bob', 'cat'), { channel: 'chat' });
    ready(h.engine, 'ann');
    expect([route(h, 'c1'), route(h, 'c2')]).toEqual(['ann', 'ann']); // 2/6
    tick(h, 1_000);
    ready(h.engine, 'bob');
    expect(route(h, 'c3')).toBe('bob'); // 1/6
    tick(h, 1_000);
    ready(h.engine, 'cat');
    expect(route(h, 'c4')).toBe('cat'); // 1/6
    // bob and cat both at 1/6: bob's last change of work is older
    expect([route(h, 'c5'), route(h, 'c6'), route(h, 'c7')]).toEqual(['bob', 'cat', 'ann']);
  });

  it('compares shares, not counts, across different capacities', () => {
    const h = strategyDomain('least-occupied', [
      { id: 'ann', skills: { sales: 1 }, capacity: 6 },
      { id: 'bob', skills: { sales: 1 }, capacity: 2 },
    ], { channel: 'chat' });
    ready(h.engine, 'ann');
    tick(h, 1_000);
    ready(h.engine, 'bob');
    const order: string[] = [];
    for (let i = 1; i <= 6; i++) {
      tick(h, 1_000);
      order.push(route(h, `c${i}`));
    }
    // c4: ann holds 2 of 6, bob 1 of 2 — by count bob would win, by share ann does
    expect(order).toEqual(['ann', 'bob', 'ann', 'ann', 'bob', 'ann']);
  });
});
