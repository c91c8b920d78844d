import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, isRoutingError, type DomainConfig } from '@switchboard/router';

// Regressions for defects found in review (each failed before its fix).
const make = (config: DomainConfig) => {
  const clock = new ManualClock(0);
  return { clock, e: RoutingEngine.create(config, { clock }) };
};
const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return isRoutingError(err) ? err.code : 'not a RoutingError';
  }
  return 'no error';
};

describe('review regressions', () => {
  it('a contact returning from a missed offer keeps its place even when the queue is full', () => {
    const { clock, e } = make({
      skills: [{ id: 's' }],
      queues: [{ id: 'A', steps: [{ requirement: 's', afterSeconds: 0 }], maxLength: 1, ringTimeoutSeconds: 15 }],
      agents: [{ id: 'ann', skills: { s: 1 } }],
    });
    e.login('ann');
    e.ready('ann');
    expect(e.submit({ id: 'c1', queueId: 'A' }).kind).toBe('reserved');
    expect(e.submit({ id: 'c2', queueId: 'A' }).kind).toBe('queued');
    clock.advance(15_000);
    e.advance();
    expect(e.contact('c1').state).toBe('queued'); // not refused: it was first in line
    expect(e.queueStats('A').refused).toBe(0);
  });

  it('an agent paused for missed offers is not offered the contact again elsewhere', () => {
    const { clock, e } = make({
      skills: [{ id: 's' }],
      queues: [
        { id: 'A', channel: 'chat', steps: [{ requirement: 's', afterSeconds: 0 }], maxLength: 1, autoPauseAfterMissed: 1, overflowQueueId: 'B', ringTimeoutSeconds: 10 },
        { id: 'B', channel: 'chat', steps: [{ requirement: 's', afterSeconds: 0 }] },
      ],
      agents: [{ id: 'ann', skills: { s: 1 } }],
    });
    e.login('ann');
    e.ready('ann');
    e.submit({ id: 'c1', queueId: 'A' });
    const o2 = e.submit({ id: 'c2', queueId: 'A' }); // ann holds chats: she gets it too
    clock.advance(1_000);
    if (o2.kind === 'reserved') e.reject(o2.reservationId, o2.token); // c2 waits in A: A is full
    expect(e.contact('c2').state).toBe('queued');
    clock.advance(9_000);
    e.advance(); // ann misses c1: paused; c1 must not be offered to her anywhere
    expect(e.agent('ann')).toMatchObject({ presence: 'notReady', reason: 'missed-offers' });
    expect(e.agent('ann').assignments.filter((x) => x.phase === 'reserved')).toEqual([]);
  });

  it('a transfer stays within its channel', () => {
    const { e } = make({
      skills: [{ id: 's' }],
      queues: [
        { id: 'chatQ', channel: 'chat', steps: [{ requirement: 's', afterSeconds: 0 }] },
        { id: 'voiceQ', channel: 'voice', steps: [{ requirement: 's', afterSeconds: 0 }] },
      ],
      agents: [{ id: 'ann', skills: { s: 1 } }],
    });
    e.login('ann');
    e.ready('ann');
    const o = e.submit({ id: 'c1', queueId: 'chatQ' });
    if (o.kind === 'reserved') e.accept(o.reservationId, o.token);
    expect(code(() => e.transfer('c1', 'voiceQ'))).toBe('INPUT_INVALID');
    expect(e.contact('c1')).toMatchObject({ state: 'active', queueId: 'chatQ' });
  });

  it('an edit cannot move an overflow target to another channel', () => {
    const { e } = make({
      skills: [{ id: 's' }],
      queues: [
        { id: 'A', steps: [{ requirement: 's', afterSeconds: 0 }], overflowQueueId: 'B' },
        { id: 'B', steps: [{ requirement: 's', afterSeconds: 0 }] },
      ],
    });
    expect(code(() => e.upsertQueue({ id: 'B', channel: 'chat', steps: [{ requirement: 's', afterSeconds: 0 }] }))).toBe('CONFIG_INVALID');
  });

  it('a scheduled callback abandoned before its time reports no wait', () => {
    const { e } = make({ skills: [{ id: 's' }], queues: [{ id: 'S', steps: [{ requirement: 's', afterSeconds: 0 }] }] });
    const waited: number[] = [];
    e.eventsOf('contact.abandoned').subscribe((ev) => waited.push(ev.waitedMs));
    e.submit({ id: 'cb', queueId: 'S', callbackAt: 60_000 });
    e.abandon('cb');
    expect(waited).toEqual([0]);
  });

  it('an answer with a token that is not a number is refused as stale, not a crash', () => {
    const { e } = make({ skills: [{ id: 's' }], queues: [{ id: 'A', steps: [{ requirement: 's', afterSeconds: 0 }] }], agents: [{ id: 'ann', skills: { s: 1 } }] });
    e.login('ann');
    e.ready('ann');
    e.submit({ id: 'c1', queueId: 'A' });
    for (const token of [Symbol('t'), 'R1', {}, undefined, Number.NaN, 1.5]) {
      expect(code(() => e.accept('R1', token as never))).toBe('RESERVATION_STALE');
      expect(code(() => e.accept('R9', token as never))).toBe('RESERVATION_UNKNOWN');
    }
    expect(code(() => e.accept('R1', 1))).toBe('no error');
  });
});
