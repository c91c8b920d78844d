import { expect } from 'vitest';
import type { RoutingEvent } from '@switchboard/router';
import type { HistoryEntry } from '../../src/service/history/history-entry.js';
import type { InteractionHistory } from '../../src/service/history/interaction-history.js';

/**
 * What every contact's history must be, checked against the routing events themselves (a
 * table written here, not the recorder's mapping): an arrival first; every event about the
 * contact exactly once, in the order of the event log; exactly one terminal entry, with the
 * outcome of the event that ended the contact, followed by nothing but the agents' aftermath
 * (a ringing offer withdrawn because the caller hung up, after-call work).
 */
const KIND: Readonly<Record<string, string>> = {
  'contact.queued': 'queued', 'contact.preferred': 'preferred', 'contact.scheduled': 'scheduled', 'contact.escalated': 'escalated',
  'contact.overflowed': 'overflowed', 'contact.moved': 'moved', 'contact.transferred': 'transferred', 'callback.requested': 'callback.requested',
  'contact.completed': 'ended', 'contact.abandoned': 'ended', 'contact.expired': 'ended', 'contact.refused': 'ended',
  'reservation.created': 'offered', 'reservation.accepted': 'answered', 'reservation.rejected': 'offer.rejected',
  'reservation.timedOut': 'offer.timedOut', 'reservation.cancelled': 'offer.cancelled',
  'agent.wrapUpStarted': 'wrapUp.started', 'agent.wrapUpEnded': 'wrapUp.ended',
};
const TERMINAL: Readonly<Record<string, string>> = {
  'contact.completed': 'completed', 'contact.abandoned': 'abandoned', 'contact.expired': 'expired', 'contact.refused': 'refused',
};

const about = (e: RoutingEvent, id: string): boolean => 'contactId' in e && e.contactId === id;

/** Positions are `<ms>-<seq>`, or `<ms>-<seq>-<n>` for the n-th event of an outbox entry. */
function positionsIncrease(entries: readonly HistoryEntry[]): boolean {
  return entries.every((e, i) => {
    if (i === 0) return true;
    const [am = 0, as = 0, an = 0] = (entries[i - 1] as HistoryEntry).position.split('-').map(Number);
    const [bm = 0, bs = 0, bn = 0] = e.position.split('-').map(Number);
    return am < bm || (am === bm && (as < bs || (as === bs && an < bn)));
  });
}

/** Checks one contact's history against the events of the log (in log order). */
export function checkHistory(id: string, entries: readonly HistoryEntry[], log: readonly RoutingEvent[]): void {
  const events = log.filter((e) => about(e, id));
  expect(entries[0]?.kind, `${id}: starts with its arrival`).toBe('arrived');
  expect(positionsIncrease(entries), `${id}: positions increase`).toBe(true);
  expect(new Set(entries.map((e) => e.id)).size, `${id}: no entry twice`).toBe(entries.length);
  const recorded = entries.slice(1).map((e) => e.kind);
  expect(recorded, `${id}: each event once, in log order`).toEqual(events.map((e) => KIND[e.type]));
  const terminals = entries.filter((e) => e.kind === 'ended');
  expect(terminals, `${id}: exactly one terminal entry`).toHaveLength(1);
  const last = events.filter((e) => TERMINAL[e.type] !== undefined);
  expect(terminals[0]?.details.outcome).toBe(TERMINAL[last[0]?.type ?? '']);
  const after = entries.slice(entries.indexOf(terminals[0] as HistoryEntry) + 1);
  expect(after.every((e) => e.kind.startsWith('wrapUp.') || e.kind === 'offer.cancelled'), `${id}: only the agents' aftermath follows the end`).toBe(true);
  const times = entries.map((e) => e.at);
  expect(times, `${id}: times never go back`).toEqual([...times].sort((a, b) => a - b));
}

/** Checks the histories of contacts `h0`…`h<n-1>`, and that nothing else has one. */
export async function checkHistories(history: InteractionHistory, log: readonly RoutingEvent[], submitted: number): Promise<void> {
  const ids = Array.from({ length: submitted }, (_, i) => `h${i}`);
  const all = await history.entriesOf(ids);
  ids.forEach((id, i) => checkHistory(id, all[i] ?? [], log));
  expect(await history.entries(`h${submitted}`)).toEqual([]);
}

/** How many entries the contacts' histories should hold: one per event about them, plus each arrival. */
export const expectedEntries = (log: readonly RoutingEvent[], submitted: number): number =>
  log.filter((e) => 'contactId' in e).length + submitted;
