/**
 * Current reservations by fencing token: an open-addressing hash table (linear probing,
 * backward-shift deletion) over a plain array. A `Map` here reallocated its storage on almost
 * every offer, because the number of reservations ringing at once swings between zero and a
 * few; this table grows only when it is more than half full and never shrinks, so offering and
 * answering allocate nothing. Tokens are sequential integers, so `token & mask` spreads well.
 */
export class TokenTable<T extends { readonly token: number }> {
  private slots: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  private mask = 15;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(token: number): T | undefined {
    for (let i = token & this.mask; ; i = (i + 1) & this.mask) {
      const x = this.slots[i];
      if (x === undefined || x.token === token) return x;
    }
  }

  /** Adds or replaces the entry with this token. */
  set(x: T): void {
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    for (let i = x.token & this.mask; ; i = (i + 1) & this.mask) {
      const y = this.slots[i];
      if (y === undefined || y.token === x.token) {
        if (y === undefined) this.count++;
        this.slots[i] = x;
        return;
      }
    }
  }

  delete(token: number): boolean {
    let i = token & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const x = this.slots[i];
      if (x === undefined) return false;
      if (x.token === token) break;
    }
    this.slots[i] = undefined;
    this.count--;
    // Backward shift: pull later entries of the probe run into the hole when their home slot
    // does not lie cyclically in (hole, their position].
    for (let j = (i + 1) & this.mask; ; j = (j + 1) & this.mask) {
      const y = this.slots[j];
      if (y === undefined) return true;
      const home = y.token & this.mask;
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      this.slots[i] = y;
      this.slots[j] = undefined;
      i = j;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Array<T | undefined>(old.length * 2).fill(undefined);
    this.mask = this.slots.length - 1;
    this.count = 0;
    for (const x of old) if (x !== undefined) this.set(x);
  }
}
