import { describe, expect, it } from 'vitest';
import { agentRows, applyAgentEvent, centreKpis, longestWaitNow, queueTiles, stateCounts, stateSince, tileStatus, abandonStatus } from '../src/supervisor/wallboard-model.js';
import type { AgentView, QueueStats } from '../src/supervisor/types.js';

const stats = (over: Partial<QueueStats> & { queueId: string }): QueueStats => ({
  waiting: 0, waitingForPreferred: 0, longestWaitMs: 0, readyAgents: 0, offered: 0, answered: 0, abandoned: 0,
  serviceLevel: null, serviceLevelTarget: { percent: 80, thresholdSeconds: 20 }, asaMs: null, ahtMs: null, abandonmentRate: null, ...over,
});

const agent = (over: Partial<AgentView> & { id: string }): AgentView => ({
  name: over.id, presence: 'offline', activity: 'offline', presenceSince: 0, capacity: 6, used: 0, skills: {}, memberships: [], assignments: [], handled: 0, ...over,
});

describe('tile colour', () => {
  it('is idle with nothing answered and nobody waiting', () => {
    expect(tileStatus(stats({ queueId: 'q' }), 0)).toBe('idle');
  });

  it('is green at or above the target, amber within 10 points below, red further down', () => {
    expect(tileStatus(stats({ queueId: 'q', serviceLevel: 80 }), 0)).toBe('ok');
    expect(tileStatus(stats({ queueId: 'q', serviceLevel: 95 }), 0)).toBe('ok');
    expect(tileStatus(stats({ queueId: 'q', serviceLevel: 79.9 }), 0)).toBe('warn');
    expect(tileStatus(stats({ queueId: 'q', serviceLevel: 70 }), 0)).toBe('warn');
    expect(tileStatus(stats({ queueId: 'q', serviceLevel: 69.9 }), 0)).toBe('bad');
  });

  it('is made worse by the contact waiting now: half the threshold amber, past it red', () => {
    const waiting = stats({ queueId: 'q', serviceLevel: 100, waiting: 1 });
    expect(tileStatus(waiting, 9_999)).toBe('ok');
    expect(tileStatus(waiting, 10_000)).toBe('warn');
    expect(tileStatus(waiting, 20_000)).toBe('bad');
    expect(tileStatus(stats({ queueId: 'q', waiting: 1 }), 1_000)).toBe('ok'); // nothing answered yet, short wait
  });

  it('never makes a red service level better because of a short wait', () => {
    expect(tileStatus(stats({ queueId: 'q', serviceLevel: 10, waiting: 1 }), 0)).toBe('bad');
  });

  it('colours abandonment above 5 % amber and above 10 % red', () => {
    expect([null, 0, 5, 5.1, 10, 10.1].map(abandonStatus)).toEqual(['idle', 'ok', 'ok', 'warn', 'warn', 'bad']);
  });
});

describe('queue tiles', () => {
  it('follows the order of the queues shown, skipping queues without statistics, and names them', () => {
    const data = { queues: [stats({ queueId: 'b' }), stats({ queueId: 'a', waiting: 2, longestWaitMs: 5_000 })], agents: [], fetchedAt: 1_000 };
    const tiles = queueTiles(data, ['a', 'b', 'zzz'], new Map([['a', 'Sales']]), 4_000);
    expect(tiles.map((t) => [t.queueId, t.name])).toEqual([['a', 'Sales'], ['b', 'b']]);
    expect(tiles[0]?.longestWaitMs).toBe(8_000); // read 5 s, 3 s ago
    expect(tiles[1]?.longestWaitMs).toBe(0);
  });

  it('grows the longest wait only while contacts wait', () => {
    expect(longestWaitNow({ waiting: 0, longestWaitMs: 0 }, 0, 10_000)).toBe(0);
    expect(longestWaitNow({ waiting: 1, longestWaitMs: 500 }, 1_000, 900)).toBe(500);
  });

  it('turns red once the growing wait passes the threshold between refreshes', () => {
    const data = { queues: [stats({ queueId: 'a', waiting: 1, longestWaitMs: 15_000 })], agents: [], fetchedAt: 0 };
    expect(queueTiles(data, ['a'], new Map(), 0)[0]?.status).toBe('warn');
    expect(queueTiles(data, ['a'], new Map(), 6_000)[0]?.status).toBe('bad');
  });
});

describe('centre figures', () => {
  it('takes occupancy over staffed time and AHT weighted by answered contacts', () => {
    const agents = [
      agent({ id: 'a1', presence: 'ready', activity: 'ready', stats: { agentId: 'a1', handled: 1, missedInARow: 0, staffedMs: 1_000, occupiedMs: 500, occupancy: 50 } }),
      agent({ id: 'a2', presence: 'ready', activity: 'busy', stats: { agentId: 'a2', handled: 1, missedInARow: 0, staffedMs: 3_000, occupiedMs: 2_500, occupancy: 83 } }),
      agent({ id: 'a3' }),
    ];
    const queues = [stats({ queueId: 'a', answered: 1, ahtMs: 100_000, waiting: 2 }), stats({ queueId: 'b', answered: 3, ahtMs: 200_000, waiting: 1 }), stats({ queueId: 'c' })];
    expect(centreKpis(queues, agents)).toEqual({ occupancy: 75, ahtMs: 175_000, waiting: 3, loggedIn: 2, ready: 1 });
  });

  it('has no occupancy or AHT before anyone worked', () => {
    expect(centreKpis([stats({ queueId: 'a' })], [agent({ id: 'x' })])).toMatchObject({ occupancy: null, ahtMs: null });
  });
});

describe('agent grid', () => {
  it('groups by state (on contact first, logged out last), longest in state first', () => {
    const agents = [
      agent({ id: 'off' }),
      agent({ id: 'r1', presence: 'ready', activity: 'ready', presenceSince: 500 }),
      agent({ id: 'r2', presence: 'ready', activity: 'ready', presenceSince: 100 }),
      agent({ id: 'b', presence: 'ready', activity: 'busy', presenceSince: 0, assignments: [{ contactId: 'c', queueId: 'q', phase: 'active', since: 700 }] }),
    ];
    const rows = agentRows(agents, 1_000);
    expect(rows.map((r) => [r.id, r.label, r.timeInStateMs])).toEqual([['b', 'On contact', 300], ['r2', 'Ready', 900], ['r1', 'Ready', 500], ['off', 'Logged out', 1_000]]);
    expect(stateCounts(agents).filter((c) => c.count > 0).map((c) => `${c.activity}:${c.count}`)).toEqual(['busy:1', 'ready:2', 'offline:1']);
  });

  it('times an agent on a contact from its newest assignment, others from their presence change', () => {
    expect(stateSince(agent({ id: 'x', activity: 'notReady', presenceSince: 5, assignments: [{ contactId: 'c', queueId: 'q', phase: 'wrapUp', since: 9 }] }))).toBe(5);
    expect(stateSince(agent({ id: 'x', activity: 'wrapUp', presenceSince: 5, assignments: [{ contactId: 'c', queueId: 'q', phase: 'wrapUp', since: 9 }] }))).toBe(9);
  });

  it('never shows a negative time in state (a clock read behind the engine)', () => {
    expect(agentRows([agent({ id: 'x', presenceSince: 2_000 })], 1_000)[0]?.timeInStateMs).toBe(0);
  });
});

describe('presence events', () => {
  const agents = [agent({ id: 'a1', presence: 'notReady', activity: 'notReady', reason: 'lunch' }), agent({ id: 'a2' })];

  it('moves the agent at once, with the event time as its state start', () => {
    const next = applyAgentEvent(agents, { type: 'agent.ready', at: 42, agentId: 'a1' });
    expect(next[0]).toMatchObject({ presence: 'ready', activity: 'ready', presenceSince: 42 });
    expect(next[0]?.reason).toBeUndefined();
    expect(next[1]).toBe(agents[1]);
  });

  it('keeps the reason of a not-ready event and the activity of an agent holding a contact', () => {
    expect(applyAgentEvent(agents, { type: 'agent.notReady', at: 1, agentId: 'a2', reason: 'break' })[1]).toMatchObject({ presence: 'notReady', activity: 'notReady', reason: 'break' });
    const busy = [agent({ id: 'a', presence: 'ready', activity: 'busy', assignments: [{ contactId: 'c', queueId: 'q', phase: 'active', since: 0 }] })];
    expect(applyAgentEvent(busy, { type: 'agent.notReady', at: 1, agentId: 'a', reason: 'x' })[0]).toMatchObject({ presence: 'notReady', activity: 'busy' });
  });

  it('leaves the agents alone for other events', () => {
    expect(applyAgentEvent(agents, { type: 'contact.queued', at: 1 })).toBe(agents);
    expect(applyAgentEvent(agents, { type: 'agent.ready', at: 1, agentId: 'nobody' })).toEqual(agents);
  });
});
