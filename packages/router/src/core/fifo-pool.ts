import type { AgentPool, PoolHit, PoolMember } from './agent-pool.js';

const MIN_CAPACITY = 16;

/**
 * The pool for strategies whose key only grows as time passes (longest-idle): pushes arrive in
 * key order, so a FIFO is already sorted. A ring buffer over preallocated arrays: O(1) push and
 * amortised O(1) peek, and no allocation once it has grown to its working size — this runs once
 * per pool an agent belongs to each time it becomes available.
 *
 * Entries are never removed eagerly: an entry is valid while its agent's `epoch` equals the
 * epoch it was pushed with. Stale entries are dropped when they reach the head, and the ring is
 * compacted in place when it holds more than about twice as many entries as the pool has members.
 */
export class FifoPool<A extends PoolMember> implements AgentPool<A> {
  private agents: (A | undefined)[] = new Array<A | undefined>(MIN_CAPACITY).fill(undefined);
  private epochs = new Float64Array(MIN_CAPACITY);
  private k1s = new Float64Array(MIN_CAPACITY);
  private k2s = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private head = 0;
  private count = 0;
  private members = 0;

  get length(): number {
    return this.count;
  }

  setMemberCount(n: number): void {
    this.members = n;
  }

  push(agent: A, k1: number, k2: number): void {
    if (this.count > 0) {
      const last = (this.head + this.count - 1) & this.mask;
      const lk1 = this.k1s[last] as number;
      if (k1 < lk1 || (k1 === lk1 && k2 < (this.k2s[last] as number))) {
        this.insertSorted(agent, k1, k2);
        return;
      }
    }
    if (this.count > 2 * this.members + 64) this.compact();
    if (this.count === this.agents.length) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.agents[i] = agent;
    this.epochs[i] = agent.epoch;
    this.k1s[i] = k1;
    this.k2s[i] = k2;
    this.count++;
  }

  peek(): A | undefined {
    while (this.count > 0) {
      const a = this.agents[this.head] as A;
      if (a.epoch === this.epochs[this.head]) return a;
      this.dropHead();
    }
    return undefined;
  }

  headK1(): number {
    return this.k1s[this.head] as number;
  }

  headK2(): number {
    return this.k2s[this.head] as number;
  }

  shift(): void {
    if (this.count > 0) this.dropHead();
  }

  firstWhere(ok: (a: A) => boolean): PoolHit<A> | undefined {
    for (let n = 0; n < this.count; n++) {
      const i = (this.head + n) & this.mask;
      const a = this.agents[i] as A;
      if (a.epoch === this.epochs[i] && ok(a)) return { agent: a, k1: this.k1s[i] as number, k2: this.k2s[i] as number };
    }
    return undefined;
  }

  private dropHead(): void {
    this.agents[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.count--;
  }

  /** Rare path (a configuration change re-pools an agent with an older key): rebuild in order. */
  private insertSorted(agent: A, k1: number, k2: number): void {
    const live = this.entries();
    let at = live.length;
    while (at > 0) {
      const e = live[at - 1] as Entry<A>;
      if (e.k1 < k1 || (e.k1 === k1 && e.k2 <= k2)) break;
      at--;
    }
    live.splice(at, 0, { agent, epoch: agent.epoch, k1, k2 });
    this.refill(live);
  }

  /** Drops every stale entry in place, keeping order (no allocation). */
  private compact(): void {
    const { agents, epochs, k1s, k2s, mask } = this;
    let kept = 0;
    for (let n = 0; n < this.count; n++) {
      const from = (this.head + n) & mask;
      const a = agents[from] as A;
      agents[from] = undefined;
      if (a.epoch !== epochs[from]) continue;
      const to = (this.head + kept++) & mask;
      agents[to] = a;
      epochs[to] = epochs[from] as number;
      k1s[to] = k1s[from] as number;
      k2s[to] = k2s[from] as number;
    }
    this.count = kept;
  }

  private grow(): void {
    this.refill(this.entries(), this.agents.length * 2);
  }

  private entries(): Entry<A>[] {
    const out: Entry<A>[] = [];
    for (let n = 0; n < this.count; n++) {
      const i = (this.head + n) & this.mask;
      out.push({ agent: this.agents[i] as A, epoch: this.epochs[i] as number, k1: this.k1s[i] as number, k2: this.k2s[i] as number });
    }
    return out;
  }

  private refill(list: readonly Entry<A>[], minCapacity = MIN_CAPACITY): void {
    let cap = this.agents.length >= minCapacity ? this.agents.length : minCapacity;
    while (cap < list.length + 1) cap *= 2;
    if (cap !== this.agents.length) {
      this.agents = new Array<A | undefined>(cap).fill(undefined);
      this.epochs = new Float64Array(cap);
      this.k1s = new Float64Array(cap);
      this.k2s = new Float64Array(cap);
      this.mask = cap - 1;
    } else {
      this.agents.fill(undefined);
    }
    list.forEach((e, i) => {
      this.agents[i] = e.agent;
      this.epochs[i] = e.epoch;
      this.k1s[i] = e.k1;
      this.k2s[i] = e.k2;
    });
    this.head = 0;
    this.count = list.length;
  }
}

interface Entry<A> {
  readonly agent: A;
  readonly epoch: number;
  readonly k1: number;
  readonly k2: number;
}
