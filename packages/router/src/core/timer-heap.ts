/** What a timer does when it fires. */
export type TimerKind = 'contact' | 'ring' | 'wrapUp';

/** A timer taken off the queue. Valid until the next `popDue`: read it before popping again. */
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

/** At most this many sorted lanes; a timer that fits none goes to the heap. */
const MAX_LANES = 8;

/** A FIFO of nodes already in firing order. Exported for the snapshot codec's class registry only. */
export class Lane {
  items: Node[] = [];
  head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  peek(): Node | undefined {
    return this.items[this.head];
  }

  tail(): Node | undefined {
    return this.items[this.items.length - 1];
  }

  push(n: Node): void {
    this.items[this.items.length] = n;
  }

  shift(): void {
    this.items[this.head++] = undefined as unknown as Node;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items.copyWithin(0, this.head);
      this.items.length -= this.head;
      this.head = 0;
    }
  }
}

/**
 * Timers in firing order: by due time, then rank, then creation order (deterministic).
 *
 * Most timers are scheduled a fixed delay after "now" (every ring timeout of a queue, every
 * wrap-up, most escalation steps), so they arrive already sorted. Such a timer is appended to
 * the first of a few sorted lanes whose last timer does not come after it (O(1), sequential
 * memory); only a timer that fits no lane goes to a binary heap. Popping takes the earliest of
 * the lane heads and the heap top, so the firing order is exactly that of a single heap.
 *
 * Nodes are recycled through a free list: in steady state scheduling allocates nothing.
 * Timers are never cancelled: the owner checks `version` against the target when one fires.
 */
export class TimerHeap {
  private readonly heap: Node[] = [];
  private readonly lanes: Lane[] = [];
  private readonly free: Node[] = [];
  private last: Node | undefined;
  private next = 0;
  private count = 0;
  /** The earliest timer and where it is (a lane, or the heap when `headLane` is undefined). */
  private head: Node | undefined;
  private headLane: Lane | undefined;

  get size(): number {
    return this.count;
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
    this.count++;
    const lane = this.laneFor(n);
    if (lane === undefined) this.heapPush(n);
    else lane.push(n);
    if (this.head === undefined || before(n, this.head)) {
      this.head = n;
      this.headLane = lane;
    }
  }

  /** The first lane the node can be appended to (a new one if there is room), or undefined. */
  private laneFor(n: Node): Lane | undefined {
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i] as Lane;
      const t = lane.tail();
      if (t === undefined || !before(n, t)) return lane;
    }
    if (lanes.length === MAX_LANES) return undefined;
    const lane = new Lane();
    lanes.push(lane);
    return lane;
  }

  /** Due time of the earliest timer, or undefined. */
  nextDue(): number | undefined {
    return this.head?.due;
  }

  /** Removes and returns the earliest timer if it is due at or before `now`. */
  popDue(now: number): Timer | undefined {
    this.recycleLast();
    const node = this.head;
    if (node === undefined || node.due > now) return undefined;
    if (this.headLane === undefined) this.heapPop();
    else this.headLane.shift();
    this.count--;
    this.findHead();
    this.last = node;
    return node;
  }

  /** Finds the earliest of the heap top and the lane heads. */
  private findHead(): void {
    let node = this.heap[0];
    let at: Lane | undefined;
    for (const lane of this.lanes) {
      const h = lane.peek();
      if (h !== undefined && (node === undefined || before(h, node))) {
        node = h;
        at = lane;
      }
    }
    this.head = node;
    this.headLane = at;
  }

  private recycleLast(): void {
    if (this.last === undefined) return;
    this.last.target = undefined;
    this.free.push(this.last);
    this.last = undefined;
  }

  private heapPush(n: Node): void {
    const items = this.heap;
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

  private heapPop(): void {
    const items = this.heap;
    const tail = items.pop() as Node;
    if (items.length === 0) return;
    const len = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= len) break;
      const r = l + 1;
      const m = r < len && before(items[r] as Node, items[l] as Node) ? r : l;
      const mn = items[m] as Node;
      if (!before(mn, tail)) break;
      items[i] = mn;
      i = m;
    }
    items[i] = tail;
  }
}
