import type { AgentPool, PoolHit } from './agent-pool.js';
import type { AgentTable, TableAgent } from './agent-table.js';

const MIN_CAPACITY = 16;

/**
 * The pool for longest-idle queues, whose key (available since, filing order) only grows as
 * time passes: pushes arrive in key order, so a FIFO is already sorted. A ring buffer of
 * (agent sequence number, epoch) pairs in typed arrays: O(1) push, amortised O(1) peek, no
 * allocation and no pointer stores once it has grown to its working size — this runs once per
 * pool an agent belongs to each time it becomes available.
 *
 * An entry is valid while the agent's epoch in the {@link AgentTable} equals the one it was
 * pushed with; a valid entry's keys are the agent's idle keys in the table (the caller pushes
 * with exactly those), and an agent's keys never decrease (available-since follows engine time,
 * the filing order only grows). Stale entries are dropped when they reach the head, and the ring
 * is compacted in place when it holds more than about twice as many entries as the pool has
 * members.
 */
export class FifoPool<A extends TableAgent> implements AgentPool<A> {
  private seqs = new Int32Array(MIN_CAPACITY);
  private epochs = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private head = 0;
  private count = 0;
  private members = 0;

  constructor(private readonly table: AgentTable<A>) {}

  get length(): number {
    return this.count;
  }

  setMemberCount(n: number): void {
    this.members = n;
  }

  /** Files the agent; `k1`/`k2` must be its idle keys in the table. */
  push(agent: A, k1: number, k2: number): void {
    if (this.count > 0 && this.before(k1, k2, this.seqs[(this.head + this.count - 1) & this.mask] as number)) {
      this.insertSorted(agent.seq, k1, k2);
      return;
    }
    this.append(agent);
  }

  /**
   * Files the agent at the tail without comparing keys: for an agent whose idle keys come at or
   * after every key ever filed in any pool (the usual case: it became available just now).
   */
  append(agent: A): void {
    if (this.count > 2 * this.members + 64) this.compact();
    if (this.count === this.seqs.length) this.resize(this.seqs.length * 2);
    const i = (this.head + this.count) & this.mask;
    this.seqs[i] = agent.seq;
    this.epochs[i] = this.table.epoch[agent.seq] as number;
    this.count++;
  }

  peek(): A | undefined {
    while (this.count > 0) {
      if (this.valid(this.head)) return this.table.agent(this.seqs[this.head] as number);
      this.head = (this.head + 1) & this.mask;
      this.count--;
    }
    return undefined;
  }

  headK1(): number {
    return this.table.idleK1[this.seqs[this.head] as number] as number;
  }

  headK2(): number {
    return this.table.idleK2[this.seqs[this.head] as number] as number;
  }

  shift(): void {
    if (this.count === 0) return;
    this.head = (this.head + 1) & this.mask;
    this.count--;
  }

  firstWhere(ok: (a: A) => boolean): PoolHit<A> | undefined {
    for (let n = 0; n < this.count; n++) {
      const i = (this.head + n) & this.mask;
      if (!this.valid(i)) continue;
      const seq = this.seqs[i] as number;
      const a = this.table.agent(seq);
      if (ok(a)) return { agent: a, k1: this.table.idleK1[seq] as number, k2: this.table.idleK2[seq] as number };
    }
    return undefined;
  }

  private valid(i: number): boolean {
    return this.table.epoch[this.seqs[i] as number] === this.epochs[i];
  }

  /** True when keys (k1, k2) come before the current idle keys of agent `seq`. */
  private before(k1: number, k2: number, seq: number): boolean {
    const o1 = this.table.idleK1[seq] as number;
    return k1 < o1 || (k1 === o1 && k2 < (this.table.idleK2[seq] as number));
  }

  /**
   * Rare path (a configuration change re-files an agent with an older key): drop stale entries,
   * then place the new one after every valid entry whose keys do not come after its own.
   */
  private insertSorted(seq: number, k1: number, k2: number): void {
    this.compact();
    let at = this.count;
    while (at > 0 && this.before(k1, k2, this.seqs[(this.head + at - 1) & this.mask] as number)) at--;
    if (this.count === this.seqs.length) this.resize(this.seqs.length * 2);
    for (let n = this.count; n > at; n--) {
      const to = (this.head + n) & this.mask;
      const from = (this.head + n - 1) & this.mask;
      this.seqs[to] = this.seqs[from] as number;
      this.epochs[to] = this.epochs[from] as number;
    }
    const i = (this.head + at) & this.mask;
    this.seqs[i] = seq;
    this.epochs[i] = this.table.epoch[seq] as number;
    this.count++;
  }

  /** Drops every stale entry in place, keeping order. */
  private compact(): void {
    let kept = 0;
    for (let n = 0; n < this.count; n++) {
      const from = (this.head + n) & this.mask;
      if (!this.valid(from)) continue;
      const to = (this.head + kept++) & this.mask;
      this.seqs[to] = this.seqs[from] as number;
      this.epochs[to] = this.epochs[from] as number;
    }
    this.count = kept;
  }

  /** Moves the entries, in order, to the front of new arrays of `cap` slots. */
  private resize(cap: number): void {
    const seqs = new Int32Array(cap);
    const epochs = new Float64Array(cap);
    for (let n = 0; n < this.count; n++) {
      const i = (this.head + n) & this.mask;
      seqs[n] = this.seqs[i] as number;
      epochs[n] = this.epochs[i] as number;
    }
    this.seqs = seqs;
    this.epochs = epochs;
    this.mask = cap - 1;
    this.head = 0;
  }
}
