import { checkScenario } from '../../src/wfm/scenario-check.js';
import type { SimScenario } from '../../src/wfm/scenario.js';
import { Simulation } from '../../src/wfm/simulation.js';
import type { SimulationResult } from '../../src/wfm/sim-result.js';
import { meanInterval } from '../../src/wfm/student-t.js';
import { drawTraffic, type Traffic } from '../../src/wfm/traffic.js';

/**
 * One queue, one skill, `agents` identical agents, Poisson arrivals at `erlangs` × agents'
 * service rate, exponential handle time `ahtSeconds`, FIFO (longest-idle), no wrap-up, answers
 * at once; `patienceSeconds` exponential when given. Interval lengths of an hour.
 */
export function singleQueue(o: { erlangs: number; agents: number; ahtSeconds: number; hours: number; patienceSeconds?: number; seed?: number; warmUpMinutes?: number }): SimScenario {
  return checkScenario({
    seed: o.seed ?? 1, intervalMinutes: 60, intervals: o.hours, warmUpMinutes: o.warmUpMinutes ?? 30,
    domain: { skills: [{ id: 'talk' }], queues: [{ id: 'q', steps: [{ requirement: 'talk', afterSeconds: 0 }], strategy: 'longest-idle', serviceLevel: { percent: 80, thresholdSeconds: 2 } }] },
    agents: [{ id: 'a', count: o.agents, skills: { talk: 1 } }],
    contactTypes: [{
      id: 'call', queueId: 'q', arrivals: { perHour: (o.erlangs * 3600) / o.ahtSeconds },
      handleTime: { kind: 'exponential', meanSeconds: o.ahtSeconds },
      ...(o.patienceSeconds === undefined ? {} : { patience: { kind: 'exponential', meanSeconds: o.patienceSeconds } }),
    }],
  });
}

/** Runs replication 0 of a scenario to the end, recording each counted answered contact's wait (NaN: not answered). */
export function runRecording(s: SimScenario): { result: SimulationResult; waits: Float64Array; traffic: Traffic } {
  const traffic = drawTraffic(s, 0);
  const waits = new Float64Array(traffic.count).fill(Number.NaN);
  const sim = Simulation.create(s, { traffic, onAnswered: (c, w) => { waits[c] = w; } });
  sim.run();
  return { result: sim.result(), waits, traffic };
}

/**
 * FIFO M/M/N by the multi-server Lindley recursion: each contact, in arrival order, starts with
 * the server that frees first (or at once) and holds it for its handle time. Independent of the
 * engine: a sorted array of free times, nothing else. Returns each contact's wait, and
 * the P(wait) / ASA of contacts arriving at or after time 0.
 */
export function fifoReference(t: Traffic, servers: number): { waits: Float64Array } {
  const free = new Float64Array(servers).fill(-Infinity);
  const waits = new Float64Array(t.count);
  for (let i = 0; i < t.count; i++) {
    const at = t.at[i] as number;
    // free[] stays sorted ascending: take the first, insert its new free time in order
    const start = Math.max(at, free[0] as number);
    waits[i] = start - at;
    const done = start + (t.handle[i] as number);
    let k = 1;
    while (k < servers && (free[k] as number) < done) {
      free[k - 1] = free[k] as number;
      k++;
    }
    free[k - 1] = done;
  }
  return { waits };
}

/**
 * Batch means over contacts in arrival order (those arriving at or after 0): the mean of
 * `value` and the half-width of its 95 % Student-t interval over `batches` consecutive batches.
 */
export function batchInterval(t: Traffic, value: (i: number) => number, batches = 40): { mean: number; halfWidth: number } {
  const first = t.at.findIndex((x) => x >= 0);
  const n = t.count - first;
  const size = Math.floor(n / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = first + b * size; i < first + (b + 1) * size; i++) s += value(i);
    means.push(s / size);
  }
  return meanInterval(means);
}
