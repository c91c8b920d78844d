import type { HistoryDraft, HistoryEntry } from './history-entry.js';

/** How an entry is appended. */
export interface AppendOptions {
  /**
   * Where the entry sorts in its interaction (`<ms>-<seq>`). Router events give the position of
   * the event in the domain's event log; without one the entry sorts where it is appended now.
   */
  readonly position?: string;
  /**
   * What the entry records, unique within its interaction (an event's log id, `arrival`): an
   * entry appended again with the same key is not recorded twice. Default: none (always appended).
   */
  readonly key?: string;
}

/** One entry of {@link InteractionHistory.appendMany}. */
export interface HistoryAppend {
  readonly draft: HistoryDraft;
  readonly opts?: AppendOptions;
}

/** A page of the whole history, in append order. */
export interface HistoryPage {
  readonly entries: readonly HistoryEntry[];
  /** Give it as `after` for the next page; undefined at the end. */
  readonly next: string | undefined;
}

/**
 * The interaction history port: every contact's append-only history, indexed by interaction,
 * customer and agent so each query reads only what it returns. Implementations:
 * {@link MemoryInteractionHistory} (one process) and {@link RedisInteractionHistory} (a stream
 * and indices shared by every process of the domain).
 */
export interface InteractionHistory {
  /**
   * Appends an entry; also files its interaction under its customer and agent. Resolves to the
   * entry, or undefined when an entry with the same key was already recorded (nothing changed).
   */
  append(draft: HistoryDraft, opts?: AppendOptions): Promise<HistoryEntry | undefined>;
  /**
   * {@link append} for several entries, in order (in Redis, one round trip). Each is appended
   * or found recorded on its own: when it rejects, those before the failure may be recorded.
   */
  appendMany(items: readonly HistoryAppend[]): Promise<Array<HistoryEntry | undefined>>;
  /** The entries of one interaction, in order; empty when it is not known. */
  entries(interactionId: string): Promise<HistoryEntry[]>;
  /** The entries of several interactions (one round trip), in the order of `interactionIds`. */
  entriesOf(interactionIds: readonly string[]): Promise<HistoryEntry[][]>;
  /** Interactions of a customer, newest first (by arrival). */
  interactionsOfCustomer(customerId: string, limit: number): Promise<string[]>;
  /**
   * Interactions an agent took part in, newest first by its latest entry in each, with one at or
   * after `since` (ms): a call handled this shift counts though the agent first saw it earlier.
   */
  interactionsOfAgent(agentId: string, limit: number, since?: number): Promise<string[]>;
  /** Every entry in append order, `count` at a time, after the cursor `after`. */
  page(after: string | undefined, count: number): Promise<HistoryPage>;
  /** Notes that an agent logged in at `at` (ms); a start earlier than the last one noted is ignored. */
  noteShiftStart(agentId: string, at: number): Promise<void>;
  /** When the agent's current shift started (its last login), if noted. */
  shiftStart(agentId: string): Promise<number | undefined>;
}
