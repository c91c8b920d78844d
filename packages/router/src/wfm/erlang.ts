import { erlangAMetrics } from './erlang-a.js';
import type { QueueMetrics } from './queue-metrics.js';
import { agentsOf, ratesOf, type TrafficInput } from './traffic-input.js';

/**
 * Predicted KPIs of one interval with `agents` agents: Erlang A when the traffic has a mean
 * patience, else Erlang C. Throws WFM_INPUT_INVALID naming the bad field.
 *
 * @example
 * queueMetrics(55, { callsPerHour: 720, ahtSeconds: 240, thresholdSeconds: 15 });
 * // { model: 'erlang-c', load: 48, probabilityOfWaiting: ≈0.24, serviceLevel: ≈0.84, asa: ≈8.3, occupancy: ≈0.873, … }
 */
export function queueMetrics(agents: number, traffic: TrafficInput): QueueMetrics {
  return erlangAMetrics(agentsOf(agents), ratesOf(traffic));
}

/** Probability that a caller waits (Erlang C, or Erlang A with `patienceSeconds`). */
export function probabilityOfWaiting(agents: number, traffic: TrafficInput): number {
  return queueMetrics(agents, traffic).probabilityOfWaiting;
}

/** Share of callers answered within `thresholdSeconds`. */
export function serviceLevel(agents: number, traffic: TrafficInput): number {
  return queueMetrics(agents, traffic).serviceLevel;
}

/** Average speed of answer in seconds; null when the queue grows without bound (Erlang C at load >= agents). */
export function averageSpeedOfAnswer(agents: number, traffic: TrafficInput): number | null {
  return queueMetrics(agents, traffic).asa;
}

/** Agent occupancy: carried load over agents. */
export function occupancy(agents: number, traffic: TrafficInput): number {
  return queueMetrics(agents, traffic).occupancy;
}
