import { describe, expect, it } from 'vitest';
import { accept, harness, ready, salesQueue, tick, type Harness } from './engine-fixture.js';

function domain(): Harness {
  return harness({
    queues: [salesQueue('q', { serviceLevel: { percent: 80, thresholdSeconds: 20 }, ringTimeoutSeconds: 60 })],
    agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { sales: 3 } }],
  });
}

/**
 * One agent, threshold 20 s. Waits: c1 answered after 5 s, c2 after 32 s, c5 after 8 s;
 * c3 abandoned after 30 s, c4 after 5 s. Handle times (answer → end, no wrap-up): c1 25 s,
 * c2 30 s, c5 22 s. Ann is occupied 0–62 s and 70–100 s.
 */
function scenario(h: Harness): void {
  const at = (t: number) => tick(h, t - h.engine.now);
  ready(h.engine, 'ann');
  h.engine.submit({ id: 'c1', queueId: 'q' });
  h.engine.submit({ id: 'c2', queueId: 'q' });
  at(5_000);
  accept(h.engine, 'c1');
  at(10_000);
  h.engine.submit({ id: 'c3', queueId: 'q' });
  at(30_000);
  expect(h.engine.queueStats('q')).toMatchObject({ waiting: 2, longestWaitMs: 30_000, readyAgents: 0 });
  h.engine.complete('c1'); // ann is offered c2
  at(32_000);
  accept(h.engine, 'c2');
  at(40_000);
  h.engine.abandon('c3');
  h.engine.submit({ id: 'c4', queueId: 'q' });
  at(45_000);
  h.engine.abandon('c4');
  at(62_000);
  h.engine.complete('c2');
  expect(h.engine.queueStats('q')).toMatchObject({ waiting: 0, longestWaitMs: 0, readyAgents: 1 });
  at(70_000);
  h.engine.submit({ id: 'c5', queueId: 'q' });
  at(78_000);
  accept(h.engine, 'c5');
  at(100_000);
  h.engine.complete('c5');
}

describe('queue statistics', () => {
  it('has no rates before anything happened', () => {
    const { engine } = domain();
    expect(engine.queueStats('q')).toEqual({
      queueId: 'q', waiting: 0, waitingForPreferred: 0, longestWaitMs: 0, readyAgents: 0, offered: 0, answered: 0, abandoned: 0, expired: 0,
      refused: 0, overflowed: 0, transferred: 0, serviceLevel: null, serviceLevel2: null,
      serviceLevelTarget: { percent: 80, thresholdSeconds: 20 }, asaMs: null, ahtMs: null, abandonmentRate: null,
    });
  });

  it('computes service level (both Asterisk definitions), ASA, AHT and abandonment by hand', () => {
    const h = domain();
    scenario(h);
    const s = h.engine.queueStats('q');
    expect(s).toMatchObject({ offered: 5, answered: 3, abandoned: 2, waiting: 0 });
    expect(s.serviceLevel).toBeCloseTo((100 * 2) / 3, 10); // c1, c5 within 20 s of 3 answered
    expect(s.serviceLevel2).toBe(60); // (2 answered + c4 abandoned) within / 5
    expect(s.asaMs).toBe((5_000 + 32_000 + 8_000) / 3);
    expect(s.ahtMs).toBeCloseTo((25_000 + 30_000 + 22_000) / 3, 6);
    expect(s.abandonmentRate).toBe(40);
  });

  it('counts a wait of exactly the threshold as within it', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    h.engine.submit({ id: 'c2', queueId: 'q' });
    tick(h, 20_000);
    accept(h.engine, 'c1');
    h.engine.complete('c1');
    tick(h, 1);
    accept(h.engine, 'c2');
    expect(h.engine.queueStats('q')).toMatchObject({ answered: 2, serviceLevel: 50, asaMs: 20_000.5 });
  });

  it('counts waiting from the first wait start, ring time included', () => {
    const h = domain();
    ready(h.engine, 'ann', 'bob');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    tick(h, 60_000); // ann misses it and bob is offered it
    tick(h, 1_000);
    accept(h.engine, 'c1');
    expect(h.engine.contact('c1').agentId).toBe('bob');
    expect(h.engine.queueStats('q')).toMatchObject({ answered: 1, asaMs: 61_000, serviceLevel: 0 });
  });
});

describe('agent statistics', () => {
  it('counts handled contacts and occupancy (time holding work / time logged in)', () => {
    const h = domain();
    scenario(h);
    expect(h.engine.agentStats('ann')).toEqual({
      agentId: 'ann', handled: 3, missedInARow: 0, staffedMs: 100_000, occupiedMs: 92_000, occupancy: 0.92,
    });
  });

  it('stops counting staffed time while logged out, and has no occupancy before logging in', () => {
    const h = domain();
    expect(h.engine.agentStats('bob').occupancy).toBeNull();
    ready(h.engine, 'bob');
    tick(h, 30_000);
    h.engine.notReady('bob', 'lunch');
    tick(h, 30_000);
    h.engine.logout('bob');
    tick(h, 60_000);
    expect(h.engine.agentStats('bob')).toMatchObject({ staffedMs: 60_000, occupiedMs: 0, occupancy: 0 });
  });
});
