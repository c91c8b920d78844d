import { erlangB, erlangCFromB } from './erlang-b.js';
import { clamp01, type QueueMetrics } from './queue-metrics.js';
import type { Rates } from './traffic-input.js';

/**
 * Erlang C (M/M/N): Poisson arrivals, exponential handle times, `agents` agents, callers who
 * wait for ever. With load A and probability of waiting C:
 * SL(t) = 1 − C·e^{−(N−A)·t/AHT}, ASA = C·AHT/(N−A), occupancy = A/N. At A >= N the queue grows
 * without bound: everyone waits, nobody within any threshold, ASA null, occupancy 1.
 */
export function erlangCMetrics(agents: number, r: Rates): QueueMetrics {
  return erlangCWithB(agents, r, erlangB(agents, r.load));
}

/** Erlang C given the Erlang-B value of the same agents and load (the staffing search walks B up). */
export function erlangCWithB(agents: number, r: Rates, b: number): QueueMetrics {
  const a = r.load;
  if (a >= agents) {
    return { model: 'erlang-c', agents, load: a, probabilityOfWaiting: 1, serviceLevel: 0, asa: null, occupancy: 1, probabilityOfAbandon: 0 };
  }
  const c = erlangCFromB(agents, a, b);
  const spare = agents - a;
  return {
    model: 'erlang-c', agents, load: a,
    probabilityOfWaiting: c,
    serviceLevel: clamp01(1 - c * Math.exp((-spare * r.thresholdSeconds) / r.ahtSeconds)),
    asa: (c * r.ahtSeconds) / spare,
    occupancy: a / agents,
    probabilityOfAbandon: 0,
  };
}
