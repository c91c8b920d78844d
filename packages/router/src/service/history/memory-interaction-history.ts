import { ServiceError } from '../service-errors.js';
import { inOrder, type HistoryDraft, type HistoryEntry } from './history-entry.js';
import type { AppendOptions, HistoryAppend, HistoryPage, InteractionHistory } from './interaction-history.js';

/**
 * One interaction's entries, the keys it was appended with, and the agents and customers it is
 * filed under. Small arrays, not sets: an interaction has a few of each, and every call keeps
 * one of these for as long as the history holds it.
 */
interface Interaction {
  readonly entries: HistoryEntry[];
  readonly keys: string[];
  readonly agents: string[];
  readonly customers: string[];
}

/** Bounds of the embedded history (it is lost on restart, like the embedded store). */
export interface MemoryHistoryLimits {
  /** Interactions kept; the oldest are forgotten beyond it. Default 50,000. */
  readonly interactions?: number;
  /** Entries kept for the export. Default 500,000. */
  readonly entries?: number;
}

/**
 * The interaction history in this process (embedded mode). Positions are a counter: the
 * recorder takes one with {@link positionNow} when an event happens, so entries sort in the
 * order things happened even when one is appended a little later.
 *
 * @example
 * const history = new MemoryInteractionHistory();
 * await history.append({ interactionId: 'c1', at: Date.now(), kind: 'arrived', source: 'router', details: {} });
 * const entries = await history.entries('c1');
 */
export class MemoryInteractionHistory implements InteractionHistory {
  private readonly interactions = new Map<string, Interaction>();
  /** The oldest interactions first; kept between calls (see {@link forgetOldest}). */
  private oldest = this.interactions.entries();
  private readonly byCustomer = new Map<string, Map<string, number>>();
  private readonly byAgent = new Map<string, Map<string, number>>();
  private readonly shifts = new Map<string, number>();
  private log: HistoryEntry[] = [];
  private seq = 0;

  constructor(private readonly limits: MemoryHistoryLimits = {}) {}

  /** A position after every one given so far: where something that happens now sorts. */
  positionNow(): string {
    return `1-${++this.seq}`;
  }

  append(draft: HistoryDraft, opts: AppendOptions = {}): Promise<HistoryEntry | undefined> {
    return Promise.resolve(this.appendNow(draft, opts));
  }

  async appendMany(items: readonly HistoryAppend[]): Promise<Array<HistoryEntry | undefined>> {
    return items.map((i) => this.appendNow(i.draft, i.opts));
  }

  /** Whether the interaction, while held, had an entry appended with this key. */
  hasKey(interactionId: string, key: string): boolean {
    return this.interactions.get(interactionId)?.keys.includes(key) === true;
  }

  /** {@link append}, synchronously (this history answers at once). */
  appendNow(draft: HistoryDraft, opts: AppendOptions = {}): HistoryEntry | undefined {
    const it = this.interaction(draft.interactionId);
    if (opts.key !== undefined) {
      if (it.keys.includes(opts.key)) return undefined;
      it.keys.push(opts.key);
    }
    const id = String(++this.seq);
    const entry: HistoryEntry = Object.freeze({ id, position: opts.position ?? `1-${id}`, ...draft });
    it.entries.push(entry);
    if (draft.customerId !== undefined) file(it.customers, this.byCustomer, draft.customerId, draft);
    if (draft.agentId !== undefined) touch(it.agents, this.byAgent, draft.agentId, draft);
    this.log.push(entry);
    const keep = this.limits.entries ?? 500_000;
    if (this.log.length > keep * 1.25) this.log = this.log.slice(-keep);
    return entry;
  }

  entries(interactionId: string): Promise<HistoryEntry[]> {
    return Promise.resolve(inOrder(this.interactions.get(interactionId)?.entries ?? []));
  }

  async entriesOf(interactionIds: readonly string[]): Promise<HistoryEntry[][]> {
    return Promise.all(interactionIds.map((id) => this.entries(id)));
  }

  interactionsOfCustomer(customerId: string, limit: number): Promise<string[]> {
    return Promise.resolve(newest(this.byCustomer.get(customerId), limit, -Infinity));
  }

  interactionsOfAgent(agentId: string, limit: number, since = -Infinity): Promise<string[]> {
    return Promise.resolve(newest(this.byAgent.get(agentId), limit, since));
  }

  page(after: string | undefined, count: number): Promise<HistoryPage> {
    if (after !== undefined && !/^\d{1,16}$/.test(after)) throw new ServiceError('REQUEST_INVALID', `'${after}' is not an entry id of this history (a whole number)`);
    const from = after === undefined ? 0 : firstAfter(this.log, Number(after));
    const entries = this.log.slice(from, from + count);
    const last = entries.at(-1);
    return Promise.resolve({ entries, next: from + count < this.log.length && last !== undefined ? last.id : undefined });
  }

  noteShiftStart(agentId: string, at: number): Promise<void> {
    if (at > (this.shifts.get(agentId) ?? -Infinity)) this.shifts.set(agentId, at);
    return Promise.resolve();
  }

  shiftStart(agentId: string): Promise<number | undefined> {
    return Promise.resolve(this.shifts.get(agentId));
  }

  private interaction(id: string): Interaction {
    let it = this.interactions.get(id);
    if (it !== undefined) return it;
    it = { entries: [], keys: [], agents: [], customers: [] };
    this.interactions.set(id, it);
    if (this.interactions.size > (this.limits.interactions ?? 50_000)) this.forgetOldest();
    return it;
  }


  /**
   * Forgets the oldest interaction through an iterator kept between calls: a new iterator would
   * step over every entry deleted before it (a Map keeps their slots until it rehashes), tens of
   * microseconds per new interaction once the history is full.
   */
  private forgetOldest(): void {
    let next = this.oldest.next();
    if (next.done === true) {
      this.oldest = this.interactions.entries();
      next = this.oldest.next();
    }
    const [id, it] = next.value as [string, Interaction];
    this.interactions.delete(id);
    for (const a of it.agents) this.byAgent.get(a)?.delete(id);
    for (const c of it.customers) this.byCustomer.get(c)?.delete(id);
  }
}

/** Files an interaction under an agent or a customer (`filed`: those it is filed under already), at its first entry's time. */
function file(filed: string[], index: Map<string, Map<string, number>>, key: string, draft: HistoryDraft): void {
  if (filed.includes(key)) return;
  filed.push(key);
  let m = index.get(key);
  if (m === undefined) index.set(key, (m = new Map()));
  m.set(draft.interactionId, draft.at);
}

/** Files an interaction under an agent, at its latest entry's time (`filed`: the agents it is filed under already). */
function touch(filed: string[], index: Map<string, Map<string, number>>, key: string, draft: HistoryDraft): void {
  if (!filed.includes(key)) return file(filed, index, key, draft);
  const m = index.get(key) as Map<string, number>;
  if (draft.at > (m.get(draft.interactionId) ?? -Infinity)) m.set(draft.interactionId, draft.at);
}

/** The newest `limit` ids of an index at or after `since`. */
function newest(index: ReadonlyMap<string, number> | undefined, limit: number, since: number): string[] {
  if (index === undefined) return [];
  return [...index].reverse().filter(([, at]) => at >= since).sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id);
}

/** Index of the first entry whose id is greater than `after` (ids grow with the log). */
function firstAfter(log: readonly HistoryEntry[], after: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number((log[mid] as HistoryEntry).id) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
