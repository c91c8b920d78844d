import { firstInHeapOrder } from './heap-order.js';

/** What the heap needs of a waiting contact: its order key, a tie-breaking sequence, and a slot for its position. */
export interface HeapItem {
  readonly orderKey: number;
  readonly seq: number;
  heapPos: number;
}

/** Orders contacts by order key, then by arrival sequence (a total, deterministic order). */
export function contactBefore(a: HeapItem, b: HeapItem): boolean {
  return a.orderKey < b.orderKey || (a.orderKey === b.orderKey && a.seq < b.seq);
}

/**
 * Waiting contacts of one (queue, step) set: a binary min-heap on (orderKey, seq) that keeps
 * each contact's position in `heapPos`, so abandon and escalation remove in O(log n).
 */
export class ContactHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Contacts in heap order (not sorted); for statistics and explanations. */
  values(): readonly T[] {
    return this.items;
  }

  push(c: T): void {
    const i = this.items.length;
    this.items[i] = c; // index write: inlined where push() is a builtin call
    c.heapPos = i;
    this.up(i);
  }

  /** Removes `c`, which must be in this heap. */
  remove(c: T): void {
    const i = c.heapPos;
    const last = this.items.pop() as T;
    c.heapPos = -1;
    if (last === c) return;
    this.items[i] = last;
    last.heapPos = i;
    this.up(i);
    this.down(last.heapPos);
  }

  /** The first contact in order that passes `ok`, without changing the heap (rare path). */
  firstWhere(ok: (c: T) => boolean): T | undefined {
    return firstInHeapOrder(this.items, contactBefore, ok);
  }

  private up(i: number): void {
    const items = this.items;
    const c = items[i] as T;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pc = items[p] as T;
      if (!contactBefore(c, pc)) break;
      items[i] = pc;
      pc.heapPos = i;
      i = p;
    }
    items[i] = c;
    c.heapPos = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const c = items[i] as T;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && contactBefore(items[r] as T, items[l] as T)) m = r;
      const mc = items[m] as T;
      if (!contactBefore(mc, c)) break;
      items[i] = mc;
      mc.heapPos = i;
      i = m;
    }
    items[i] = c;
    c.heapPos = i;
  }
}
