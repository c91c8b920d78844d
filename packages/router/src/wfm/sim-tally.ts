import type { IntervalKpis, KpiSeries } from './sim-result.js';

/** How a counted contact ended. */
export const OUTCOME = { answered: 0, abandoned: 1, expired: 2, refused: 3 } as const;
/** One of {@link OUTCOME}. */
export type Outcome = (typeof OUTCOME)[keyof typeof OUTCOME];

const FIELDS = ['offered', 'answered', 'abandoned', 'expired', 'refused', 'within', 'waited', 'waitSum', 'staffed', 'busy'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Counters by row (0 = the center, 1..Q = queues, then value tiers) and interval, plus the
 * agents' staffed and busy seconds by row and interval (time-weighted).
 */
export class SimTally {
  private readonly cols: number;
  private readonly data: Record<Field, Float64Array>;
  private readonly lenS: number;

  /** Staffed and busy seconds per agent and interval, shared out to the agents' queues when a series is read. */
  private readonly agentStaffed: Float64Array;
  private readonly agentBusy: Float64Array;
  private spread = false;

  /** `agentQueues[a]`: the queues agent a serves (its occupancy counts for each of them). */
  constructor(readonly queues: number, readonly tiers: number, readonly intervals: number, intervalSeconds: number, private readonly agentQueues: readonly Int32Array[]) {
    this.cols = intervals;
    this.lenS = intervalSeconds;
    const size = (1 + queues + tiers) * intervals;
    this.data = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(size)])) as Record<Field, Float64Array>;
    this.agentStaffed = new Float64Array(agentQueues.length * intervals);
    this.agentBusy = new Float64Array(agentQueues.length * intervals);
  }

  /** The interval of a time in seconds, or -1 outside the horizon (warm-up, drain). */
  intervalOf(seconds: number): number {
    const i = Math.floor(seconds / this.lenS);
    return i >= 0 && i < this.cols ? i : -1;
  }

  private bump(field: Field, row: number, interval: number, by: number): void {
    const a = this.data[field];
    const k = row * this.cols + interval;
    a[k] = (a[k] as number) + by;
  }

  /** Adds to the center row, the queue's row and the tier's row. */
  private bump3(field: Field, queue: number, tier: number, interval: number, by = 1): void {
    this.bump(field, 0, interval, by);
    this.bump(field, 1 + queue, interval, by);
    this.bump(field, 1 + this.queues + tier, interval, by);
  }

  arrived(queue: number, tier: number, interval: number): void {
    this.bump3('offered', queue, tier, interval);
  }

  /** A counted contact ended; `waited` when it was not offered to an agent on arrival. */
  ended(queue: number, tier: number, interval: number, outcome: Outcome, waitS: number, thresholdS: number, waited: boolean): void {
    if (waited) this.bump3('waited', queue, tier, interval);
    if (outcome === OUTCOME.answered) {
      this.bump3('answered', queue, tier, interval);
      this.bump3('waitSum', queue, tier, interval, waitS);
      if (waitS <= thresholdS) this.bump3('within', queue, tier, interval);
    } else {
      this.bump3(outcome === OUTCOME.abandoned ? 'abandoned' : outcome === OUTCOME.expired ? 'expired' : 'refused', queue, tier, interval);
    }
  }

  /** Agent `agent` was staffed (and `busy` of it occupied, 0–1) over [from, to) seconds, split at interval bounds. */
  worked(agent: number, from: number, to: number, busy: number): void {
    for (let t = Math.max(from, 0); t < to; ) {
      const i = Math.floor(t / this.lenS);
      if (i >= this.cols) return;
      const end = Math.min(to, (i + 1) * this.lenS);
      const k = agent * this.cols + i;
      this.agentStaffed[k] = (this.agentStaffed[k] as number) + (end - t);
      if (busy > 0) this.agentBusy[k] = (this.agentBusy[k] as number) + (end - t) * busy;
      t = end;
    }
  }

  /** Shares the agents' time out to the center and the queues each serves (once, when first read). */
  private spreadAgentTime(): void {
    if (this.spread) return;
    this.spread = true;
    this.agentQueues.forEach((queues, a) => {
      for (let i = 0; i < this.cols; i++) {
        const staffed = this.agentStaffed[a * this.cols + i] as number;
        const busy = this.agentBusy[a * this.cols + i] as number;
        if (staffed === 0) continue;
        this.bump('staffed', 0, i, staffed);
        this.bump('busy', 0, i, busy);
        for (const q of queues) {
          this.bump('staffed', 1 + q, i, staffed);
          this.bump('busy', 1 + q, i, busy);
        }
      }
    });
  }

  /** The KPI series of a row (`occupancy` false for value tiers). */
  series(row: number, occupancy: boolean): KpiSeries {
    this.spreadAgentTime();
    const byInterval = Array.from({ length: this.cols }, (_, i) => this.kpis(row, i, i + 1, occupancy));
    return { summary: this.kpis(row, 0, this.cols, occupancy), byInterval };
  }

  private sum(field: Field, row: number, from: number, to: number): number {
    let s = 0;
    for (let i = from; i < to; i++) s += this.data[field][row * this.cols + i] as number;
    return s;
  }

  private kpis(row: number, from: number, to: number, occupancy: boolean): IntervalKpis {
    const g = (f: Field) => this.sum(f, row, from, to);
    const [offered, answered, abandoned, expired, refused] = [g('offered'), g('answered'), g('abandoned'), g('expired'), g('refused')];
    const ended = answered + abandoned + expired + refused;
    const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
    const staffed = g('staffed');
    return {
      offered, answered, abandoned, expired, refused, unresolved: offered - ended,
      serviceLevel: ratio(g('within'), ended),
      asaSeconds: ratio(g('waitSum'), answered),
      abandonmentRate: ratio(abandoned, ended),
      probabilityOfWaiting: ratio(g('waited'), ended),
      occupancy: occupancy && staffed > 0 ? Math.min(1, g('busy') / staffed) : null,
    };
  }
}
