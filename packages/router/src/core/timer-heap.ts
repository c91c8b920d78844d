/** What a timer does when it fires. */
export type TimerKind = 'contact' | 'ring' | 'wrapUp';

/**
 * A pending timer. The owner decides at fire time whether it still applies (by comparing
 * `version` with the target's current version), so timers are never cancelled eagerly.
 */
export interface Timer<T = unknown> {
  readonly due: number;
  /** Tie-break among timers due at the same time (contacts: their order key; others first). */
  readonly rank: number;
  readonly seq: number;
  readonly kind: TimerKind;
  readonly target: T;
  readonly version: number;
}

function timerBefore(a: Timer, b: Timer): boolean {
  if (a.due !== b.due) return a.due < b.due;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.seq < b.seq;
}

/** Min-heap of timers by due time, then rank, then creation order (deterministic firing order). */
export class TimerHeap {
  private items: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  schedule<T>(due: number, kind: TimerKind, target: T, version: number, rank = -Infinity): void {
    const t: Timer = { due, rank, seq: this.seq++, kind, target, version };
    const items = this.items;
    let i = items.length;
    items.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = items[p] as Timer;
      if (!timerBefore(t, pt)) break;
      items[i] = pt;
      i = p;
    }
    items[i] = t;
  }

  /** Due time of the earliest timer, or undefined. */
  nextDue(): number | undefined {
    return this.items[0]?.due;
  }

  /** Removes and returns the earliest timer if it is due at or before `now`. */
  popDue(now: number): Timer | undefined {
    const top = this.items[0];
    if (top === undefined || top.due > now) return undefined;
    const last = this.items.pop() as Timer;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.down();
    }
    return top;
  }

  private down(): void {
    const items = this.items;
    const n = items.length;
    const t = items[0] as Timer;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && timerBefore(items[r] as Timer, items[l] as Timer)) m = r;
      const mt = items[m] as Timer;
      if (!timerBefore(mt, t)) break;
      items[i] = mt;
      i = m;
    }
    items[i] = t;
  }
}
