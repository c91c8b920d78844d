import { describe, expect, it } from 'vitest';
import type { RoutingEvent } from '@switchboard/router';
import { arrivalDraft, entryOfEvent } from '../../src/service/history/entries-of-event.js';
import { comparePositions, type HistoryDraft, type HistoryEntry } from '../../src/service/history/history-entry.js';
import { summarize } from '../../src/service/history/interaction-summary.js';
import { filingProblem, handlingsOf, missingWrapUp, wrapUpPolicyProblems, wrapUpSettled } from '../../src/service/history/wrap-up-rules.js';

/** The pure parts: events to entries, summaries, and the wrap-up rules. */
const SALES = { queueId: 'sales', dispositions: ['sold', 'lost'], requireDisposition: true, requireNote: true };
const SUPPORT = { queueId: 'support', dispositions: [], requireNote: true };
let seq = 0;
const entry = (d: Partial<HistoryDraft> & Pick<HistoryDraft, 'kind' | 'at'>): HistoryEntry =>
  ({ interactionId: 'c', source: 'router', details: {}, ...d, id: String(++seq), position: `1-${seq}` });

/** ann is offered c in sales (R1) and answers at 100; a transfer puts it in support, where bob answers (R2) at 300. */
const handled: HistoryEntry[] = [
  entry({ kind: 'arrived', at: 50, customerId: 'cu', details: { channel: 'voice' } }),
  entry({ kind: 'offered', at: 60, queueId: 'sales', agentId: 'ann', details: { reservationId: 'R1' } }),
  entry({ kind: 'answered', at: 100, agentId: 'ann', details: { reservationId: 'R1' } }),
  entry({ kind: 'transferred', at: 200, queueId: 'support', agentId: 'ann', details: { fromQueueId: 'sales' } }),
  entry({ kind: 'offered', at: 250, queueId: 'support', agentId: 'bob', details: { reservationId: 'R2' } }),
  entry({ kind: 'answered', at: 300, agentId: 'bob', details: { reservationId: 'R2' } }),
  entry({ kind: 'ended', at: 400, queueId: 'support', agentId: 'bob', details: { outcome: 'completed' } }),
];

describe('events to entries', () => {
  it('maps contact events and leaves agent presence and configuration events out', () => {
    const ev = (e: RoutingEvent) => entryOfEvent(e);
    expect(ev({ type: 'contact.expired', at: 5, contactId: 'c', queueId: 'q', waitedMs: 3 })).toMatchObject({ kind: 'ended', queueId: 'q', details: { outcome: 'expired', waitedMs: 3 } });
    expect(ev({ type: 'contact.overflowed', at: 5, contactId: 'c', fromQueueId: 'a', toQueueId: 'b', reason: 'max-length' })).toMatchObject({ kind: 'overflowed', queueId: 'b', details: { fromQueueId: 'a' } });
    expect(ev({ type: 'agent.ready', at: 5, agentId: 'ann' })).toBeUndefined();
    expect(ev({ type: 'queue.updated', at: 5, queueId: 'q' })).toBeUndefined();
  });

  it('makes the arrival from the contact, and says only when and where of a contact forgotten', () => {
    const contact = { channel: 'voice', createdAt: 7, queueId: 'q', attributes: { caller: '+1', reason: 'billing', customerId: 'cu', data: { ivr: 'main' } } };
    expect(arrivalDraft('c', 9, 'q', contact as never)).toMatchObject({ kind: 'arrived', at: 7, queueId: 'q', customerId: 'cu', details: { channel: 'voice', caller: '+1', reason: 'billing' } });
    expect(arrivalDraft('c', 9, undefined, undefined)).toEqual({ interactionId: 'c', source: 'router', at: 9, kind: 'arrived', details: {} });
  });

  it('orders positions as two numbers', () => {
    expect(['1-10', '0-1', '1-9', '12-0', '0-0'].sort(comparePositions)).toEqual(['0-0', '0-1', '1-9', '1-10', '12-0']);
  });
});

describe('wrap-up rules', () => {
  it('checks a filing against the policy', () => {
    expect(filingProblem(SALES, { disposition: 'sold', note: 'ok' })).toBeUndefined();
    expect(filingProblem(SALES, { disposition: 'won', note: 'ok' })?.code).toBe('DISPOSITION_UNKNOWN');
    expect(filingProblem(SALES, { note: 'ok' })?.code).toBe('DISPOSITION_REQUIRED');
    expect(filingProblem(SALES, { disposition: 'sold', note: ' \n' })?.code).toBe('WRAP_UP_NOTE_REQUIRED');
    expect(filingProblem(SUPPORT, { disposition: 'anything', note: 'free list' })).toBeUndefined();
    expect(filingProblem(undefined, { disposition: 'x' })).toBeUndefined();
  });

  it('finds each agent\'s handling in the queue its offer came from', () => {
    expect(handlingsOf(handled, 'ann')).toEqual([{ queueId: 'sales', answeredAt: 100 }]);
    expect(handlingsOf(handled, 'bob')).toEqual([{ queueId: 'support', answeredAt: 300 }]);
    expect(handlingsOf(handled, 'cat')).toEqual([]);
  });

  it('lists a handling of the shift as missing until a filing has what the queue requires, or a waiver', () => {
    expect(missingWrapUp('c', handled, 'ann', [SALES, SUPPORT], 0)).toEqual({ contactId: 'c', queueId: 'sales', answeredAt: 100, needs: { disposition: true, note: true } });
    expect(missingWrapUp('c', handled, 'ann', [SALES], 101)).toBeUndefined(); // an earlier shift
    expect(missingWrapUp('c', handled, 'ann', [SUPPORT], 0)).toBeUndefined(); // sales asks nothing then
    const noteOnly = [...handled, entry({ kind: 'wrapUp.filed', at: 500, agentId: 'ann', details: { note: 'n' } })];
    expect(missingWrapUp('c', noteOnly, 'ann', [SALES], 0)?.needs).toEqual({ disposition: true, note: true });
    const filed = [...noteOnly, entry({ kind: 'wrapUp.filed', at: 600, agentId: 'ann', details: { disposition: 'sold', note: 'n' } })];
    expect(missingWrapUp('c', filed, 'ann', [SALES], 0)).toBeUndefined();
    const byOther = [...handled, entry({ kind: 'wrapUp.filed', at: 600, agentId: 'bob', details: { disposition: 'sold', note: 'n' } })];
    expect(missingWrapUp('c', byOther, 'ann', [SALES], 0)).toBeDefined();
    const waived = [...handled, entry({ kind: 'wrapUp.waived', at: 600, agentId: 'ann', details: { by: 'user:sue' } })];
    expect(wrapUpSettled(waived, 'ann', { disposition: true, note: true })).toBe(true);
  });

  it('counts a filing for the conversation it followed only: the call coming back to the agent needs another', () => {
    const filed = [...handled, entry({ kind: 'wrapUp.filed', at: 150, agentId: 'ann', details: { disposition: 'sold', note: 'n' } })];
    const needs = { disposition: true, note: true };
    expect(wrapUpSettled(filed, 'ann', needs)).toBe(true);
    const back = [
      ...filed,
      entry({ kind: 'offered', at: 700, queueId: 'sales', agentId: 'ann', details: { reservationId: 'R3' } }),
      entry({ kind: 'answered', at: 710, agentId: 'ann', details: { reservationId: 'R3' } }),
    ];
    expect(wrapUpSettled(back, 'ann', needs)).toBe(false);
    expect(wrapUpSettled([...back, entry({ kind: 'wrapUp.filed', at: 800, agentId: 'ann', details: { disposition: 'sold', note: 'again' } })], 'ann', needs)).toBe(true);
  });

  it('refuses policies of unknown or repeated queues, and a required disposition with no list', () => {
    expect(wrapUpPolicyProblems([SALES, { ...SALES }, { queueId: 'x', dispositions: [] }, { queueId: 'support', dispositions: [], requireDisposition: true }], new Set(['sales', 'support']))).toEqual([
      "config.wrapUpPolicies[1].queueId: queue 'sales' has a policy already",
      "config.wrapUpPolicies[2].queueId: no queue 'x' in the domain",
      'config.wrapUpPolicies[3].dispositions: a required disposition needs at least one to pick',
    ]);
  });
});

describe('summaries', () => {
  it('say who, where and how it ended, and each agent\'s disposition', () => {
    const s = summarize('c', [...handled, entry({ kind: 'wrapUp.filed', at: 500, agentId: 'bob', details: { disposition: 'solved' } })]);
    expect(s).toEqual({
      interactionId: 'c', startedAt: 50, endedAt: 400, outcome: 'completed', channel: 'voice', customerId: 'cu',
      queueIds: ['sales', 'support'], agentIds: ['ann', 'bob'], dispositions: { bob: 'solved' }, entries: 8,
    });
  });
});
