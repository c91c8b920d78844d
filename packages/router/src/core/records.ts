import type { CompiledScorer, LevelVector } from '@switchboard/skills';
import type { AgentPresence, ContactState } from '../machines/index.js';
import type { AgentId, ContactId, QueueId, ReservationId } from './ids.js';
import type { AgentPool } from './agent-pool.js';
import type { ContactHeap } from './contact-heap.js';
import type { NormalizedQueue } from './config.js';
import type { QueueCounters } from './stats.js';
import type { DecisionRecord } from './trace.js';

/**
 * Internal mutable records of the engine. Only `core/` touches them; the outside world sees
 * read-only views (views.ts).
 */

/** An agent's membership of one queue: the first requirement step it qualifies at. */
export interface Membership {
  readonly queue: QueueRec;
  step: number;
  /** Skill score against the queue's weights (most-skilled strategy, trace). */
  score: number;
  /** Last time this agent was offered a contact of this queue (round-robin). */
  lastOfferedAt: number;
}

/**
 * What an agent holds: capacity is taken from the offer until wrap-up ends. In its `reserved`
 * phase it is the reservation (id, fencing token, ring deadline); the same record then carries
 * the conversation and the wrap-up, so one offer costs one record.
 */
export interface Assignment {
  /** The reservation id: unique per offer, so a contact that comes back to an agent still
   * wrapping it up gets a second, separate assignment. */
  readonly id: ReservationId;
  readonly token: number;
  readonly createdAt: number;
  readonly deadline: number;
  readonly agent: AgentRec;
  readonly contact: ContactRec;
  readonly queue: QueueRec;
  readonly cost: number;
  readonly channel: number;
  phase: 'reserved' | 'active' | 'wrapUp';
  since: number;
  /** When the agent answered (handle time counts from here, also after a transfer). */
  answeredAt: number;
  wrapUpUntil: number;
  version: number;
}

export interface AgentRec {
  readonly id: AgentId;
  readonly seq: number;
  name: string;
  team: string | undefined;
  center: string | undefined;
  levels: LevelVector;
  presence: AgentPresence;
  reason: string | undefined;
  presenceSince: number;
  capacity: number;
  used: number;
  /** Contacts held per channel index. */
  perChannel: Int32Array;
  /** Limit per channel index (0x7fffffff when unlimited). */
  maxPerChannel: Int32Array;
  availableSince: number;
  handled: number;
  missedInARow: number;
  weight: number;
  memberships: Membership[];
  /** What the agent holds (a handful at most: one call, or a few chats), in offer order. */
  readonly assignments: Assignment[];
  absences: ReadonlyArray<{ readonly from: number; readonly to: number }>;
  /** Contacts in their preferred window that name this agent (cleaned lazily). */
  preferredBy: ContactRec[];
  /** Time accounting for occupancy. */
  staffedMs: number;
  occupiedMs: number;
  accountedAt: number;
}

export interface QueueRec {
  readonly id: QueueId;
  readonly seq: number;
  config: NormalizedQueue;
  channel: number;
  scorer: CompiledScorer;
  /** Waiting contacts, one ordered set per step reached. */
  waiting: ContactHeap<ContactRec>[];
  /**
   * `minKeyFrom[s]`: the smallest order key waiting in the sets of steps s and above (Infinity
   * when they are empty; one extra slot as sentinel). An agent of membership step s can skip
   * this queue when it already holds a better candidate.
   */
  minKeyFrom: Float64Array;
  waitingCount: number;
  /** Contacts of this queue in their preferred-agent window (not in the waiting sets). */
  waitingPreferred: number;
  /** Ready agents, one pool per exact membership step. */
  pools: AgentPool<AgentRec>[];
  /** Agents per exact membership step (for pool compaction bounds). */
  members: number[];
  /** Contacts currently in this queue: waiting, reserved or active (removal guard). */
  held: number;
  /** Weighted-random: key of the last agent this queue chose (the race clock). */
  raceClock: number;
  counters: QueueCounters;
}

/** A reservation is an assignment in its `reserved` phase. */
export type ReservationRec = Assignment;

export interface ContactRec {
  readonly id: ContactId;
  readonly seq: number;
  readonly channelName: string;
  queue: QueueRec;
  state: ContactState;
  readonly createdAt: number;
  /** When the contact entered its current queue (steps and max wait count from here). */
  queueEnteredAt: number;
  /** When it first started to wait for an agent (service-level and ASA count from here). */
  waitStartedAt: number;
  boostMs: number;
  orderKey: number;
  step: number;
  heapPos: number;
  /** Bumped whenever a pending timer of this contact must be ignored. */
  version: number;
  preferred: readonly AgentId[];
  preferredUntil: number;
  declinedBy: AgentRec[] | undefined;
  /**
   * Skills the contact itself requires (an IVR's language, a skill the caller asked for): ANDed
   * with every step of every queue it is in, and asked of preferred agents too. Undefined: none.
   */
  readonly required: RequiredSkills | undefined;
  agent: AgentRec | undefined;
  /** The agent's assignment for this contact while reserved (the reservation) or active. */
  assignment: Assignment | undefined;
  callback: boolean;
  callbackAt: number | undefined;
  overflowHops: number;
  offers: number;
  answeredAt: number | undefined;
  endedAt: number | undefined;
  readonly attributes: ContactAttributes;
  decisions: DecisionRecord[] | undefined;
}

/** A contact's own required skills: their ids, and their catalogue indices for matching. */
export interface RequiredSkills {
  readonly ids: readonly string[];
  readonly at: readonly number[];
}

/** What is known about the contact and the customer behind it. */
export interface ContactAttributes {
  readonly caller?: string;
  readonly customerId?: string;
  readonly reason?: string;
  readonly valueTier?: string;
  readonly valueScore?: number;
  readonly churnRisk?: boolean;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export type { QueueId, ReservationId };
