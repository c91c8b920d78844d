/**
 * The simulator's own future events (answers, hang-ups, completions, shift changes), ordered
 * by time and then by insertion, in flat typed arrays: a one-day run schedules millions.
 * An event is a small integer payload the simulator decodes.
 */
export class EventHeap {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private payloads = new Int32Array(1024);
  private n = 0;
  private seq = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the next event (Infinity when none). */
  peekTime(): number {
    return this.n === 0 ? Infinity : (this.times[0] as number);
  }

  push(time: number, payload: number): void {
    if (this.n === this.times.length) this.grow();
    const seq = this.seq++;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p] as number;
      if (pt < time || (pt === time && (this.seqs[p] as number) < seq)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, time, seq, payload);
  }

  /** Removes the next event and returns its payload (call only when size > 0). */
  pop(): number {
    const top = this.payloads[0] as number;
    const last = --this.n;
    const time = this.times[last] as number;
    const seq = this.seqs[last] as number;
    const payload = this.payloads[last] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && this.less(c + 1, c)) c++;
      const ct = this.times[c] as number;
      if (time < ct || (time === ct && seq < (this.seqs[c] as number))) break;
      this.move(c, i);
      i = c;
    }
    if (last > 0) this.set(i, time, seq, payload);
    return top;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.payloads[to] = this.payloads[from] as number;
  }

  private set(i: number, time: number, seq: number, payload: number): void {
    this.times[i] = time;
    this.seqs[i] = seq;
    this.payloads[i] = payload;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const t = new Float64Array(size);
    t.set(this.times);
    const s = new Float64Array(size);
    s.set(this.seqs);
    const p = new Int32Array(size);
    p.set(this.payloads);
    this.times = t;
    this.seqs = s;
    this.payloads = p;
  }
}
