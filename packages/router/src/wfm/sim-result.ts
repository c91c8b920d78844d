/** KPIs of one interval, or of the whole horizon, for one queue, one value tier or the center. */
export interface IntervalKpis {
  /** Contacts that arrived (by arrival interval), refused ones included. */
  readonly offered: number;
  readonly answered: number;
  /** Callers who hung up before being answered (while waiting or ringing). */
  readonly abandoned: number;
  /** Contacts the queue ended at its maximum wait with nowhere to overflow. */
  readonly expired: number;
  /** Contacts refused by a full queue. */
  readonly refused: number;
  /** Contacts still waiting when the simulation ran out of events (agents gone, callers patient). */
  readonly unresolved: number;
  /** Answered within the queue's threshold over contacts that ended (abandoned, expired and refused count as missed). */
  readonly serviceLevel: number | null;
  /** Mean wait of answered contacts, seconds. */
  readonly asaSeconds: number | null;
  /** Abandoned over contacts that ended. */
  readonly abandonmentRate: number | null;
  /** Share of contacts that ended and were not offered to an agent at once. */
  readonly probabilityOfWaiting: number | null;
  /**
   * Busy capacity over staffed time of the agents who serve the queue (of all agents for the
   * center; null for value tiers): an agent is staffed on shift, and after it while it finishes
   * a contact.
   */
  readonly occupancy: number | null;
}

/** A KPI summary over the horizon and one entry per interval. */
export interface KpiSeries {
  readonly summary: IntervalKpis;
  readonly byInterval: readonly IntervalKpis[];
}

/** What a simulation run reports. Interval 0 starts at time 0; warm-up contacts are not counted. */
export interface SimulationResult {
  readonly seed: number;
  readonly replication: number;
  readonly intervalMinutes: number;
  readonly intervals: number;
  /** Contacts drawn, warm-up included. */
  readonly contacts: number;
  /** Simulator events processed (arrivals, answers, completions, hang-ups, shift changes, engine timers). */
  readonly events: number;
  readonly total: KpiSeries;
  readonly queues: Readonly<Record<string, KpiSeries>>;
  readonly tiers: Readonly<Record<string, KpiSeries>>;
}
