/** Why a candidate was passed over in a decision. */
export type SkipReason =
  | 'worse-key'       // qualified and ready, but another candidate came first by the strategy key
  | 'declined'        // this agent already rejected or missed this contact
  | 'lacks-skill'     // preferred agent lacks a skill the contact itself requires
  | 'absent'          // preferred agent is absent per calendar
  | 'not-ready'       // preferred agent is offline, not ready or has no free capacity
  | 'lower-order-key'; // (agent side) another waiting contact had a smaller order key

/** One candidate the engine looked at. */
export interface TraceCandidate {
  readonly id: string;
  readonly kind: 'agent' | 'contact';
  readonly pool?: string;
  readonly key?: readonly [number, number];
  readonly skipped?: SkipReason;
}

/**
 * How one decision was made: who triggered it, which candidates were looked at and why they lost,
 * and the winner's score components. Kept per contact (last few decisions).
 */
export interface DecisionRecord {
  readonly at: number;
  readonly trigger: 'contact-arrived' | 'agent-available' | 'step-escalated' | 'returned' | 'preferred';
  readonly contactId: string;
  readonly queueId: string;
  readonly step: number;
  readonly outcome: 'reserved' | 'queued' | 'preferred';
  readonly agentId?: string;
  readonly strategy: string;
  readonly candidates: readonly TraceCandidate[];
  readonly score?: {
    readonly total: number;
    readonly components: ReadonlyArray<{ readonly skill: string; readonly level: number; readonly weight: number; readonly contribution: number }>;
  };
}

/** At most this many decisions are kept per contact. */
export const MAX_DECISIONS_PER_CONTACT = 16;
