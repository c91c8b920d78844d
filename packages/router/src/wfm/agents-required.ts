import { erlangAMetrics } from './erlang-a.js';
import { erlangCWithB } from './erlang-c.js';
import { num, obj, optNum } from './checks.js';
import type { QueueMetrics } from './queue-metrics.js';
import { MAX_AGENTS, ratesOf, type Rates, type TrafficInput } from './traffic-input.js';

/** Traffic plus the target: "80 % answered within 20 s", optionally at most 85 % occupancy. */
export interface StaffingInput extends TrafficInput {
  /** Share of callers to answer within `thresholdSeconds`, in (0, 1]. */
  readonly targetServiceLevel: number;
  /** Highest acceptable occupancy in (0, 1] (default 1: no limit). */
  readonly maxOccupancy?: number;
  /** Highest acceptable probability of abandonment in [0, 1] (Erlang A; default 1: no limit). */
  readonly maxAbandonment?: number;
  /** Give up above this many agents (default and most 100,000). */
  readonly maxAgents?: number;
}

/** The fewest agents meeting the target, or what the most agents allowed would achieve. */
export type StaffingOutcome =
  | { readonly kind: 'staffed'; readonly agents: number; readonly metrics: QueueMetrics }
  | { readonly kind: 'unreachable'; readonly agents: number; readonly metrics: QueueMetrics };

/** Rounding in the formulas must not turn a met target into a miss (0.8 computed as 0.7999999999999999). */
const EPS = 1e-12;

const idle = (model: QueueMetrics['model']): QueueMetrics => ({
  model, agents: 0, load: 0, probabilityOfWaiting: 0, serviceLevel: 1, asa: 0, occupancy: 0, probabilityOfAbandon: 0,
});

/**
 * The agents required for a service-level target (bad input names its field under `path`) with a maximum occupancy (and, in Erlang A, a
 * maximum abandonment): Erlang A when the traffic has a mean patience, else Erlang C. Erlang A
 * may staff below the offered load when callers are impatient (those who give up free the
 * agents); bound `maxAbandonment` to prevent it. No traffic needs no agents. When even `maxAgents`
 * misses the target the outcome is `unreachable` with the KPIs at `maxAgents`.
 *
 * @example
 * agentsRequired({ callsPerHour: 1000, ahtSeconds: 180, thresholdSeconds: 20, targetServiceLevel: 0.8, maxOccupancy: 0.85 });
 * // { kind: 'staffed', agents: 59, metrics: { serviceLevel: ≈0.944, occupancy: ≈0.847, … } }
 */
export function agentsRequired(input: StaffingInput, path = 'staffing'): StaffingOutcome {
  const v = obj(input, path);
  const r = ratesOf(v, path);
  const target = num(v.targetServiceLevel, `${path}.targetServiceLevel`, { above: 0, max: 1 });
  const maxOcc = optNum(v.maxOccupancy, 1, `${path}.maxOccupancy`, { above: 0, max: 1 });
  const maxAbandon = optNum(v.maxAbandonment, 1, `${path}.maxAbandonment`, { min: 0, max: 1 });
  const maxAgents = optNum(v.maxAgents, MAX_AGENTS, `${path}.maxAgents`, { min: 1, max: MAX_AGENTS, integer: true });
  const model = r.theta === 0 ? 'erlang-c' : 'erlang-a';
  if (r.lambda === 0) return { kind: 'staffed', agents: 0, metrics: idle(model) };
  const meets = (m: QueueMetrics) => m.serviceLevel + EPS >= target && m.occupancy <= maxOcc + EPS && m.probabilityOfAbandon <= maxAbandon + EPS;
  return r.theta === 0 ? searchC(r, maxAgents, maxOcc, meets) : searchA(r, maxAgents, meets);
}

/** Erlang C: walk the Erlang-B recursion up from the least stable staffing. */
function searchC(r: Rates, maxAgents: number, maxOcc: number, meets: (m: QueueMetrics) => boolean): StaffingOutcome {
  const start = Math.max(1, Math.floor(r.load) + 1, Math.ceil(r.load / maxOcc - EPS));
  if (start > maxAgents) return { kind: 'unreachable', agents: maxAgents, metrics: erlangAMetrics(maxAgents, r) };
  let b = 1;
  for (let n = 1; n < start; n++) b = (r.load * b) / (n + r.load * b);
  for (let n = start; n <= maxAgents; n++) {
    b = (r.load * b) / (n + r.load * b);
    const m = erlangCWithB(n, r, b);
    if (meets(m)) return { kind: 'staffed', agents: n, metrics: m };
  }
  return { kind: 'unreachable', agents: maxAgents, metrics: erlangCWithB(maxAgents, r, b) };
}

/** Erlang A: service level rises, occupancy and abandonment fall with agents (property-tested), so bisect. */
function searchA(r: Rates, maxAgents: number, meets: (m: QueueMetrics) => boolean): StaffingOutcome {
  const top = erlangAMetrics(maxAgents, r);
  if (!meets(top)) return { kind: 'unreachable', agents: maxAgents, metrics: top };
  let lo = 0; // misses (or no agents)
  let hi = maxAgents;
  let best = top;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    const m = erlangAMetrics(mid, r);
    if (meets(m)) {
      hi = mid;
      best = m;
    } else {
      lo = mid;
    }
  }
  return { kind: 'staffed', agents: hi, metrics: best };
}
