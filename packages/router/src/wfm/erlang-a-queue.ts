import { erlangB } from './erlang-b.js';
import type { Rates } from './traffic-input.js';

/**
 * The waiting part of the stationary distribution of M/M/N+M (Erlang A), as an arriving caller
 * sees it (PASTA): `weights[i]` is the probability of finding all N agents busy and `from + i`
 * callers already waiting. Beyond N the birth–death ratios are λ / (Nμ + jθ); they are summed
 * in logarithms so a long queue (overload with patient callers) neither overflows nor loses
 * precision, and only the terms within e^-42 of the largest are kept.
 */
export interface WaitingTail {
  readonly probabilityOfWaiting: number;
  readonly from: number;
  readonly weights: Float64Array;
}

/** Callers patient at once beyond which Erlang A is refused (λ × mean patience): the sums grow with it. */
export const MAX_PATIENT_CALLERS = 200_000;
const SPAN = 42;

/** log of the relative weight of j waiting callers, j = 0.. until past the peak and negligible. */
function logWeights(agents: number, r: Rates): number[] {
  const a = agents * r.mu;
  const logs: number[] = [0];
  let top = 0;
  for (let j = 1; ; j++) {
    const ratio = r.lambda / (a + j * r.theta);
    const next = (logs[j - 1] as number) + Math.log(ratio);
    logs.push(next);
    if (next > top) top = next;
    if (ratio < 1 && next < top - SPAN) return logs;
  }
}

/** The stationary waiting tail for `agents` agents (θ > 0). */
export function waitingTail(agents: number, r: Rates): WaitingTail {
  const logs = logWeights(agents, r);
  let top = -Infinity;
  for (const l of logs) if (l > top) top = l;
  let from = 0;
  while ((logs[from] as number) < top - SPAN) from++;
  let sum = 0;
  for (let j = from; j < logs.length; j++) sum += Math.exp((logs[j] as number) - top);
  const logSum = top + Math.log(sum);
  // P(wait) = B·S / (1 − B + B·S), S = Σ_j π(N+j)/π(N), B = Erlang B (π(N) over the first N+1 states).
  const b = erlangB(agents, r.load);
  const pWait = b === 0 ? 0 : 1 / (1 + (1 - b) * Math.exp(-(Math.log(b) + logSum)));
  const weights = new Float64Array(logs.length - from);
  for (let j = from; j < logs.length; j++) weights[j - from] = pWait * Math.exp((logs[j] as number) - logSum);
  return { probabilityOfWaiting: pWait, from, weights };
}
