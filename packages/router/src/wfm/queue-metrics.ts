/** What a staffing formula predicts for one interval with a given number of agents. */
export interface QueueMetrics {
  /** `erlang-c` (callers wait for ever) or `erlang-a` (exponential patience). */
  readonly model: 'erlang-c' | 'erlang-a';
  readonly agents: number;
  /** Offered load in Erlangs (arrival rate × AHT). */
  readonly load: number;
  /** Probability that a caller waits at all (finds every agent busy). */
  readonly probabilityOfWaiting: number;
  /** Callers answered within the threshold over callers offered (an abandoned call never counts as met). */
  readonly serviceLevel: number;
  /** Average speed of answer of answered callers, seconds; null when the queue grows without bound. */
  readonly asa: number | null;
  /** Share of the agents' time spent handling contacts (carried load / agents). */
  readonly occupancy: number;
  /** Probability that a caller hangs up before being answered (0 in Erlang C). */
  readonly probabilityOfAbandon: number;
}

/** Clamps a probability computed by differences into [0, 1] (rounding may leave it at -1e-17). */
export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
