/** What a timer does when it fires. */
export type TimerKind = 'contact' | 'ring' | 'wrapUp';

/** A timer taken off the heap. Valid until the next `popDue`: read it before popping again. */
export interface Timer<T = unknown> {
  readonly due: number;
  readonly kind: TimerKind;
  readonly target: T;
  readonly version: number;
}

interface Node {
  due: number;
  rank: number;
  seq: number;
  kind: TimerKind;
  target: unknown;
  version: number;
}

function before(a: Node, b: Node): boolean {
  if (a.due !== b.due) return a.due < b.due;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.seq < b.seq;
}

/**
 * Min-heap of timers by due time, then rank, then creation order (deterministic firing order).
 * Every reservation and every waiting contact has a timer, so nodes are recycled through a free
 * list: in steady state scheduling allocates nothing, and sifting moves one reference per level.
 * Timers are never cancelled: the owner checks `version` against the target when one fires.
 */
export class TimerHeap {
  private readonly items: Node[] = [];
  private readonly free: Node[] = [];
  private last: Node | undefined;
  private next = 0;

  get size(): number {
    return this.items.length;
  }

  /** `rank` breaks ties among timers due at the same time (contacts: their order key; others first). */
  schedule(due: number, kind: TimerKind, target: unknown, version: number, rank = -Infinity): void {
    const n = this.free.pop() ?? { due: 0, rank: 0, seq: 0, kind, target: undefined, version: 0 };
    n.due = due;
    n.rank = rank;
    n.seq = this.next++;
    n.kind = kind;
    n.target = target;
    n.version = version;
    const items = this.items;
    let i = items.length;
    items[i] = n; // index write: inlined where push() is a builtin call
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pn = items[p] as Node;
      if (!before(n, pn)) break;
      items[i] = pn;
      i = p;
    }
    items[i] = n;
  }

  /** Due time of the earliest timer, or undefined. */
  nextDue(): number | undefined {
    return this.items[0]?.due;
  }

  /** Removes and returns the earliest timer if it is due at or before `now`. */
  popDue(now: number): Timer | undefined {
    this.recycleLast();
    const items = this.items;
    const top = items[0];
    if (top === undefined || top.due > now) return undefined;
    const tail = items.pop() as Node;
    if (items.length > 0) this.siftDown(tail);
    this.last = top;
    return top;
  }

  private recycleLast(): void {
    if (this.last === undefined) return;
    this.last.target = undefined;
    this.free.push(this.last);
    this.last = undefined;
  }

  private siftDown(n: Node): void {
    const items = this.items;
    const len = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= len) break;
      const r = l + 1;
      const m = r < len && before(items[r] as Node, items[l] as Node) ? r : l;
      const mn = items[m] as Node;
      if (!before(mn, n)) break;
      items[i] = mn;
      i = m;
    }
    items[i] = n;
  }
}
