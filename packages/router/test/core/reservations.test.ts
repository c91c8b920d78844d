import { describe, expect, it } from 'vitest';
import type { QueueConfig } from '@switchboard/router';
import {
  accept, expectRefusedUnchanged, harness, holder, ready, reject, reserved, salesQueue, tick, types, type Harness,
} from './engine-fixture.js';

function domain(extra: Partial<QueueConfig> = {}): Harness {
  return harness({
    queues: [salesQueue('q', { ringTimeoutSeconds: 15, ...extra })],
    agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { sales: 3 } }],
  });
}

describe('reservations', () => {
  it('creates a reservation with a fencing token and a ring deadline; accept makes the agent busy', () => {
    const h = domain();
    ready(h.engine, 'ann');
    tick(h, 1_000);
    const o = reserved(h.engine.submit({ id: 'c1', queueId: 'q' }));
    expect(o).toMatchObject({ agentId: 'ann', deadline: 16_000 });
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'reserved', used: 6 });
    tick(h, 3_000);
    h.engine.accept(o.reservationId, o.token);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'active', agentId: 'ann', answeredAt: 4_000, reservation: undefined });
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'busy', used: 6 });
    expect(types(h.events, 'c1')).toEqual(['reservation.created', 'reservation.accepted']);
  });

  it('on reject puts the contact back in its place and never offers it to that agent again', () => {
    const h = domain();
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    const key = h.engine.contact('c1').orderKey;
    tick(h, 2_000);
    reject(h.engine, 'c1');
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', orderKey: key, agentId: undefined, declinedBy: ['ann'] });
    expect(h.engine.agent('ann')).toMatchObject({ activity: 'ready', used: 0 });
    expect(h.engine.explain('c1').find((x) => x.agentId === 'ann')?.eligibility).toBe('declined');
    // ann takes the next contact instead; the rejected one waits for someone else, still first in line
    tick(h, 1_000);
    expect(reserved(h.engine.submit({ id: 'c2', queueId: 'q' })).agentId).toBe('ann');
    h.engine.submit({ id: 'c3', queueId: 'q' });
    ready(h.engine, 'bob');
    expect(holder(h.engine, 'c1')).toBe('bob');
    expect(h.engine.contact('c3').state).toBe('queued');
  });

  it('on ring timeout returns the contact like a reject and pauses the agent after N misses in a row', () => {
    const h = domain({ autoPauseAfterMissed: 2 });
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    h.engine.submit({ id: 'c2', queueId: 'q' });
    tick(h, 14_999);
    expect(holder(h.engine, 'c1')).toBe('ann');
    tick(h, 1);
    // first miss: c1 goes back, ann is offered c2 at once
    expect(h.engine.contact('c1')).toMatchObject({ state: 'queued', orderKey: 0, declinedBy: ['ann'] });
    expect(h.engine.contact('c2')).toMatchObject({ state: 'reserved', agentId: 'ann', reservation: { deadline: 30_000 } });
    expect(h.engine.agentStats('ann').missedInARow).toBe(1);
    tick(h, 15_000);
    expect(h.engine.agent('ann')).toMatchObject({ presence: 'notReady', reason: 'missed-offers', used: 0 });
    expect(h.events.filter((e) => e.type === 'reservation.timedOut').map((e) => [e.at, e.contactId])).toEqual([[15_000, 'c1'], [30_000, 'c2']]);
    expect(h.events.filter((e) => e.type === 'agent.paused')).toEqual([{ type: 'agent.paused', at: 30_000, agentId: 'ann', missedOffers: 2 }]);
    expect(h.engine.queueStats('q').waiting).toBe(2);
  });

  it('does not pause an agent whose misses are interrupted by an answered offer', () => {
    const h = domain({ autoPauseAfterMissed: 2 });
    ready(h.engine, 'ann', 'bob');
    h.engine.submit({ id: 'c1', queueId: 'q' }); // ann
    tick(h, 15_000); // ann misses c1, bob gets it
    expect(holder(h.engine, 'c1')).toBe('bob');
    h.engine.submit({ id: 'c2', queueId: 'q' });
    accept(h.engine, 'c2');
    h.engine.complete('c2');
    expect(h.engine.agentStats('ann').missedInARow).toBe(0);
    h.engine.submit({ id: 'c3', queueId: 'q' });
    tick(h, 15_000);
    expect(h.engine.agent('ann').presence).toBe('ready');
  });

  it('refuses a stale or unknown token and changes nothing', () => {
    const h = domain();
    ready(h.engine, 'ann');
    const o = reserved(h.engine.submit({ id: 'c1', queueId: 'q' }));
    expectRefusedUnchanged(h.engine, () => h.engine.accept(o.reservationId, o.token + 1), 'RESERVATION_STALE');
    expectRefusedUnchanged(h.engine, () => h.engine.reject(o.reservationId, o.token - 1), 'RESERVATION_STALE');
    expectRefusedUnchanged(h.engine, () => h.engine.accept('R-nope', o.token), 'RESERVATION_UNKNOWN');
    h.engine.accept(o.reservationId, o.token);
    expectRefusedUnchanged(h.engine, () => h.engine.accept(o.reservationId, o.token), 'RESERVATION_UNKNOWN');
    expectRefusedUnchanged(h.engine, () => h.engine.reject(o.reservationId, o.token), 'RESERVATION_UNKNOWN');
  });

  it('refuses the old reservation after a ring timeout, and the new offer has a new token', () => {
    const h = domain();
    ready(h.engine, 'ann', 'bob');
    const first = reserved(h.engine.submit({ id: 'c1', queueId: 'q' }));
    tick(h, 15_000);
    const again = h.engine.contact('c1').reservation;
    expect(again).toBeDefined();
    expect(again?.id).not.toBe(first.reservationId);
    expect(again?.token).toBeGreaterThan(first.token);
    expectRefusedUnchanged(h.engine, () => h.engine.accept(first.reservationId, first.token), 'RESERVATION_UNKNOWN');
    expect(holder(h.engine, 'c1')).toBe('bob');
  });

  it('releases the agent when the customer hangs up while ringing; the agent takes the next contact', () => {
    const h = domain();
    ready(h.engine, 'ann');
    const o = reserved(h.engine.submit({ id: 'c1', queueId: 'q' }));
    tick(h, 1_000);
    h.engine.submit({ id: 'c2', queueId: 'q' });
    tick(h, 2_000);
    h.engine.abandon('c1');
    expect(h.engine.contact('c1')).toMatchObject({ state: 'abandoned', endedAt: 3_000 });
    expect(h.events.find((e) => e.type === 'reservation.cancelled')).toEqual({
      type: 'reservation.cancelled', at: 3_000, reservationId: o.reservationId, contactId: 'c1', agentId: 'ann',
    });
    expect(holder(h.engine, 'c2')).toBe('ann');
    expectRefusedUnchanged(h.engine, () => h.engine.accept(o.reservationId, o.token), 'RESERVATION_UNKNOWN');
  });
});
