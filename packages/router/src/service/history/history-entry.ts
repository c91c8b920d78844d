/**
 * The interaction history's vocabulary: what an entry says, and how entries of one interaction
 * are ordered. Pure: no I/O.
 *
 * An interaction is one contact (its id is the contact id). Its history is append-only:
 *
 * ```
 * arrived ─ ivr.input* ─ ivr.completed? ─ queued / preferred / scheduled / escalated / moved / overflowed …
 *   ─ offered ─ offer.rejected | offer.timedOut | offer.cancelled | answered ─ transferred …
 *   ─ script.started ─ script.step* ─ script.completed?   ← the agent's way through the script
 *   ─ ended (completed | abandoned | expired | refused)   ← exactly one, the last contact entry
 *   ─ offer.cancelled (a caller who hung up while ringing: the agent's offer is withdrawn)
 *   ─ wrapUp.started / wrapUp.filed / wrapUp.waived / wrapUp.ended   ← the agents' after-call work
 * ```
 *
 * A call that leaves the IVR without reaching the router (self-service, transfer, hang-up) has
 * its IVR entries only, ending in `ivr.completed`: it never became a contact.
 *
 * Only the agents' aftermath may follow the terminal entry (the router withdraws a ringing
 * offer right after the abandon that caused it; wrap-up is after-call work).
 */

/** What an entry records. Dotted and past tense, like the router's events. */
export const HISTORY_KINDS = [
  'arrived', 'ivr.input', 'ivr.completed', 'queued', 'preferred', 'scheduled', 'escalated', 'callback.requested',
  'offered', 'offer.rejected', 'offer.timedOut', 'offer.cancelled', 'answered',
  'transferred', 'moved', 'overflowed', 'script.started', 'script.step', 'script.completed',
  'wrapUp.started', 'wrapUp.filed', 'wrapUp.waived', 'wrapUp.ended',
  'ended',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** How a contact ended: the outcome of its one `ended` entry. */
export type InteractionOutcome = 'completed' | 'abandoned' | 'expired' | 'refused';

/** One value of an entry's details. */
export type HistoryDetail = string | number | boolean | readonly string[];

/** An entry before the history gave it an id and a position. */
export interface HistoryDraft {
  readonly interactionId: string;
  /** When it happened (ms): router time for router events, the service clock for service entries. */
  readonly at: number;
  readonly kind: HistoryKind;
  /** `router` when derived from a routing event, `service` when the service appended it. */
  readonly source: 'router' | 'service';
  readonly queueId?: string;
  readonly agentId?: string;
  readonly customerId?: string;
  readonly details: Readonly<Record<string, HistoryDetail>>;
}

/** An entry as stored. */
export interface HistoryEntry extends HistoryDraft {
  /** Its id in the whole history, in append order: the NDJSON export's cursor. */
  readonly id: string;
  /** Where it sorts within its interaction (`<ms>-<seq>`, compared as two numbers). */
  readonly position: string;
}

/** Position of the arrival entry: before everything else of the interaction. */
export const ARRIVAL_POSITION = '0-0';

/** Orders two positions `<ms>-<seq>` or `<ms>-<seq>-<n>` (the n-th event of an outbox entry) numerically. */
export function comparePositions(a: string, b: string): number {
  const [am = 0, as = 0, an = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0, bn = 0] = b.split('-').map(Number);
  return am - bm || as - bs || an - bn;
}

/** The entries of one interaction in their order. */
export function inOrder(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((x, y) => comparePositions(x.position, y.position));
}

/** Whether the entry ends the contact (exactly one per contact that ended). */
export const isTerminal = (e: Pick<HistoryDraft, 'kind'>): boolean => e.kind === 'ended';

/** Whether the entry is an agent's after-call work. */
export const isWrapUp = (e: Pick<HistoryDraft, 'kind'>): boolean => e.kind.startsWith('wrapUp.');

/** Whether the entry is what the end did to an agent (a withdrawn offer, after-call work): all that may follow the terminal entry. */
export const isAftermath = (e: Pick<HistoryDraft, 'kind'>): boolean => isWrapUp(e) || e.kind === 'offer.cancelled';
