/** What a timer does when it fires. */
export type TimerKind = 'contact' | 'ring' | 'wrapUp';

/** A timer taken off the heap. Reused between pops: read it before popping the next one. */
export interface Timer<T = unknown> {
  due: number;
  kind: TimerKind;
  target: T;
  version: number;
}

/**
 * Min-heap of timers by due time, then rank, then creation order (deterministic firing order).
 * Stored as parallel arrays, so scheduling allocates nothing: every reservation and every
 * waiting contact has a timer, and on the hot path that garbage would dominate.
 * Timers are never cancelled: the owner checks `version` against the target when one fires.
 */
export class TimerHeap {
  private due: number[] = [];
  private rank: number[] = [];
  private seq: number[] = [];
  private kind: TimerKind[] = [];
  private target: unknown[] = [];
  private version: number[] = [];
  private next = 0;
  private readonly out: Timer = { due: 0, kind: 'contact', target: undefined, version: 0 };

  get size(): number {
    return this.due.length;
  }

  /** `rank` breaks ties among timers due at the same time (contacts: their order key; others first). */
  schedule(due: number, kind: TimerKind, target: unknown, version: number, rank = -Infinity): void {
    const i = this.due.length;
    this.due.push(due);
    this.rank.push(rank);
    this.seq.push(this.next++);
    this.kind.push(kind);
    this.target.push(target);
    this.version.push(version);
    this.up(i);
  }

  /** Due time of the earliest timer, or undefined. */
  nextDue(): number | undefined {
    return this.due[0];
  }

  /** Removes and returns the earliest timer if it is due at or before `now`. */
  popDue(now: number): Timer | undefined {
    const n = this.due.length;
    if (n === 0 || (this.due[0] as number) > now) return undefined;
    const out = this.out;
    out.due = this.due[0] as number;
    out.kind = this.kind[0] as TimerKind;
    out.target = this.target[0];
    out.version = this.version[0] as number;
    this.move(n - 1, 0);
    this.due.pop();
    this.rank.pop();
    this.seq.pop();
    this.kind.pop();
    this.target.pop();
    this.version.pop();
    if (n > 1) this.down(0);
    return out;
  }

  private before(i: number, j: number): boolean {
    const di = this.due[i] as number;
    const dj = this.due[j] as number;
    if (di !== dj) return di < dj;
    const ri = this.rank[i] as number;
    const rj = this.rank[j] as number;
    if (ri !== rj) return ri < rj;
    return (this.seq[i] as number) < (this.seq[j] as number);
  }

  private move(from: number, to: number): void {
    this.due[to] = this.due[from] as number;
    this.rank[to] = this.rank[from] as number;
    this.seq[to] = this.seq[from] as number;
    this.kind[to] = this.kind[from] as TimerKind;
    this.target[to] = this.target[from];
    this.version[to] = this.version[from] as number;
  }

  private swap(i: number, j: number): void {
    swapIn(this.due, i, j);
    swapIn(this.rank, i, j);
    swapIn(this.seq, i, j);
    swapIn(this.kind, i, j);
    swapIn(this.target, i, j);
    swapIn(this.version, i, j);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.due.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const m = r < n && this.before(r, l) ? r : l;
      if (!this.before(m, i)) return;
      this.swap(i, m);
      i = m;
    }
  }
}

function swapIn<T>(xs: T[], i: number, j: number): void {
  const t = xs[i] as T;
  xs[i] = xs[j] as T;
  xs[j] = t;
}
