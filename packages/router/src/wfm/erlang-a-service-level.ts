import type { WaitingTail } from './erlang-a-queue.js';
import type { Rates } from './traffic-input.js';

/**
 * P(answered within the threshold t, after waiting) in Erlang A, over all callers.
 *
 * A caller who finds j waiting moves up at rate a + iθ while i are ahead (a = Nμ completions,
 * iθ abandonments), so its offered wait V is a sum of exponentials of rates θ(c + i), i = j..0,
 * with c = a/θ; then e^{−θV} = Π U_i^{1/(c+i)} is Beta(c, j+1) (a product of Beta(c+i, 1)).
 * Its own patience is exponential, so
 *
 *   P(answered, V ≤ t) = E[e^{−θV}; e^{−θV} ≥ e^{−θt}] = c/(c+j+1) · (1 − I_p(c+1, j+1)),
 *
 * p = e^{−θt}, and for whole j+1 the regularized incomplete beta is a negative-binomial
 * distribution function: I_p(c+1, j+1) = P(X ≤ j), P(X = i) = Γ(c+1+i)/(Γ(c+1) i!) p^{c+1} (1−p)^i.
 * Its terms are summed in logarithms (p^{c+1} underflows for long thresholds), once for all j.
 */
export function answeredAfterWaitWithin(agents: number, r: Rates, tail: WaitingTail): number {
  const a = agents * r.mu;
  const c = a / r.theta;
  const logQ = Math.log(-Math.expm1(-r.theta * r.thresholdSeconds));
  let logTerm = -(c + 1) * r.theta * r.thresholdSeconds; // log P(X = 0)
  let logCdf = logTerm;
  let total = 0;
  const last = tail.from + tail.weights.length - 1;
  for (let j = 0; j <= last; j++) {
    if (j > 0) {
      logTerm += Math.log((c + j) / j) + logQ;
      logCdf = logCdf > logTerm ? logCdf + Math.log1p(Math.exp(logTerm - logCdf)) : logTerm + Math.log1p(Math.exp(logCdf - logTerm));
    }
    if (j < tail.from) continue;
    const above = logCdf >= 0 ? 0 : -Math.expm1(logCdf); // P(X > j)
    total += (((tail.weights[j - tail.from] as number) * a) / (a + (j + 1) * r.theta)) * above;
  }
  return total;
}
