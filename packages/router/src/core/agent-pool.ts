import type { AgentTable, TableAgent } from './agent-table.js';
import { firstInHeapOrder } from './heap-order.js';

/** An entry found by {@link AgentPool.firstWhere}. */
export interface PoolHit<A extends TableAgent> {
  readonly agent: A;
  readonly k1: number;
  readonly k2: number;
}

/**
 * Ready agents of one (queue, exact step) pool, ordered by the queue's strategy key
 * (k1, then k2; smaller is better). Entries are never removed eagerly: an entry is valid while
 * its agent's epoch in the {@link AgentTable} equals the epoch it was pushed with, and any change
 * to the agent's availability bumps the epoch. Stale entries are dropped when they reach the head, and the
 * pool compacts itself when stale entries outnumber live ones, so memory stays O(members).
 */
export interface AgentPool<A extends TableAgent> {
  push(agent: A, k1: number, k2: number): void;
  /** The first valid entry, or undefined. Drops stale entries on the way. */
  peek(): A | undefined;
  /** Keys of the entry `peek` returned. */
  headK1(): number;
  headK2(): number;
  /** Removes the head entry (call after `peek`). */
  shift(): void;
  /** The first valid entry whose agent passes `ok`, without removing anything (rare path). */
  firstWhere(ok: (a: A) => boolean): PoolHit<A> | undefined;
  /** Compaction bound: the pool holds at most about 2 × this many entries. */
  setMemberCount(n: number): void;
  readonly length: number;
}

interface HeapEntry<A extends TableAgent> {
  readonly agent: A;
  readonly epoch: number;
  readonly k1: number;
  readonly k2: number;
}

/** (k1, k2), then the agent's sequence number: a total order, so ties never depend on heap layout. */
function entryBefore(a: HeapEntry<TableAgent>, b: HeapEntry<TableAgent>): boolean {
  if (a.k1 !== b.k1) return a.k1 < b.k1;
  if (a.k2 !== b.k2) return a.k2 < b.k2;
  return a.agent.seq < b.agent.seq;
}

/** For strategies whose key is not monotone in time: a binary min-heap. O(log n) push and pop. */
export class HeapPool<A extends TableAgent> implements AgentPool<A> {
  private items: HeapEntry<A>[] = [];
  private members = 0;

  constructor(private readonly table: AgentTable<A>) {}

  get length(): number {
    return this.items.length;
  }

  setMemberCount(n: number): void {
    this.members = n;
  }

  push(agent: A, k1: number, k2: number): void {
    this.items.push({ agent, epoch: this.table.epoch[agent.seq] as number, k1, k2 });
    this.up(this.items.length - 1);
    if (this.items.length > 2 * this.members + 64) this.compact();
  }

  peek(): A | undefined {
    for (;;) {
      const top = this.items[0];
      if (top === undefined) return undefined;
      if (this.valid(top)) return top.agent;
      this.shift();
    }
  }

  headK1(): number {
    return (this.items[0] as HeapEntry<A>).k1;
  }

  headK2(): number {
    return (this.items[0] as HeapEntry<A>).k2;
  }

  shift(): void {
    const last = this.items.pop();
    if (last === undefined || this.items.length === 0) return;
    this.items[0] = last;
    this.down(0);
  }

  firstWhere(ok: (a: A) => boolean): PoolHit<A> | undefined {
    const e = firstInHeapOrder(this.items, entryBefore, (x) => this.valid(x) && ok(x.agent));
    return e === undefined ? undefined : { agent: e.agent, k1: e.k1, k2: e.k2 };
  }

  private valid(e: HeapEntry<A>): boolean {
    return this.table.epoch[e.agent.seq] === e.epoch;
  }

  private compact(): void {
    this.items = this.items.filter((e) => this.valid(e));
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private up(i: number): void {
    const items = this.items;
    const e = items[i] as HeapEntry<A>;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = items[p] as HeapEntry<A>;
      if (!entryBefore(e, pe)) break;
      items[i] = pe;
      i = p;
    }
    items[i] = e;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const e = items[i] as HeapEntry<A>;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && entryBefore(items[r] as HeapEntry<A>, items[l] as HeapEntry<A>)) m = r;
      const me = items[m] as HeapEntry<A>;
      if (!entryBefore(me, e)) break;
      items[i] = me;
      i = m;
    }
    items[i] = e;
  }
}
