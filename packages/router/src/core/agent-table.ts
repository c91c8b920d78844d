/** What the table needs of an agent: its sequence number, fixed for life. */
export interface TableAgent {
  readonly seq: number;
}

/**
 * The per-agent numbers the pools read on every decision, kept in flat typed arrays indexed by
 * the agent's sequence number rather than in the agent records: checking whether a pool entry
 * is still valid then touches a few kilobytes of hot memory instead of a cold record, and
 * filing an agent in its pools writes plain numbers (no pointer stores).
 *
 * - `epoch`: bumped on every change that may invalidate the agent's pool entries (lazy deletion).
 * - `idleK1` / `idleK2`: the agent's longest-idle keys (available since, filing order), set each
 *   time it is filed; a valid entry's keys are therefore always the agent's current ones.
 */
export class AgentTable<A extends TableAgent> {
  epoch = new Float64Array(64);
  idleK1 = new Float64Array(64);
  idleK2 = new Float64Array(64);
  private readonly bySeq: (A | undefined)[] = [];

  /** Makes room for a new agent (sequence numbers are dense and never reused). */
  add(a: A): void {
    const need = a.seq + 1;
    if (need > this.epoch.length) {
      let cap = this.epoch.length;
      while (cap < need) cap *= 2;
      this.epoch = grown(this.epoch, cap);
      this.idleK1 = grown(this.idleK1, cap);
      this.idleK2 = grown(this.idleK2, cap);
    }
    this.bySeq[a.seq] = a;
  }

  /** Forgets a removed agent; its epoch is bumped so every entry it left behind is stale. */
  remove(a: A): void {
    this.bump(a.seq);
    this.bySeq[a.seq] = undefined;
  }

  /** The agent with this sequence number (only called for valid entries, so never undefined). */
  agent(seq: number): A {
    return this.bySeq[seq] as A;
  }

  bump(seq: number): void {
    this.epoch[seq] = (this.epoch[seq] as number) + 1;
  }
}

function grown(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
