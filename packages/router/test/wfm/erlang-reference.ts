/**
 * Independent reference implementations for the Erlang tests: direct sums of the stationary
 * distribution in logarithms (no recursion), and the Erlang-A waiting time by integrating the
 * waiting caller's Markov chain numerically (no closed form). Slow, simple, and sharing no
 * code with src/wfm.
 */

const logFacts: number[] = [0];
function logFact(n: number): number {
  for (let i = logFacts.length; i <= n; i++) logFacts.push((logFacts[i - 1] as number) + Math.log(i));
  return logFacts[n] as number;
}

function logSumExp(xs: readonly number[]): number {
  const top = Math.max(...xs);
  let s = 0;
  for (const x of xs) s += Math.exp(x - top);
  return top + Math.log(s);
}

/** Erlang B as A^N/N! over Σ_{k≤N} A^k/k!, in logarithms. */
export function erlangBDirect(n: number, a: number): number {
  const logs = Array.from({ length: n + 1 }, (_, k) => k * Math.log(a) - logFact(k));
  return Math.exp((logs[n] as number) - logSumExp(logs));
}

/** Erlang C as the textbook ratio of sums, in logarithms. */
export function erlangCDirect(n: number, a: number): number {
  const logs = Array.from({ length: n }, (_, k) => k * Math.log(a) - logFact(k));
  const last = n * Math.log(a) - logFact(n) + Math.log(n / (n - a));
  return Math.exp(last - logSumExp([...logs, last]));
}

/** M/M/N+M stationary probabilities π_0..π_{N+J} (J large enough that the rest is negligible), rates per second. */
export function erlangAStationary(n: number, lambda: number, mu: number, theta: number, extra: number): number[] {
  const logs: number[] = [0];
  for (let k = 1; k <= n + extra; k++) {
    const death = k <= n ? k * mu : n * mu + (k - n) * theta;
    logs.push((logs[k - 1] as number) + Math.log(lambda / death));
  }
  const total = logSumExp(logs);
  return logs.map((l) => Math.exp(l - total));
}

/**
 * Erlang A by brute force: the stationary distribution, then the waiting callers' positions
 * q_i (i ahead) integrated with RK4 — dq_i/ds = ν_i (q_{i+1} − q_i), ν_i = Nμ + (i+1)θ — and
 * the answered flux Nμ·q_0 accumulated for the service level and the mean wait of the answered.
 */
export function erlangABruteForce(n: number, lambda: number, mu: number, theta: number, thresholdS: number, extra = 80) {
  const pi = erlangAStationary(n, lambda, mu, theta, extra);
  const a = n * mu;
  let q = pi.slice(n);
  const nu = q.map((_, i) => a + (i + 1) * theta);
  const deriv = (x: number[]) => x.map((v, i) => (nu[i] as number) * ((x[i + 1] ?? 0) - v));
  const dt = 0.005 / (a + extra * theta);
  let answeredWithin = 0;
  let waitOfAnswered = 0;
  let answered = 0;
  for (let s = 0; q.reduce((x, y) => x + y, 0) > 1e-13; s += dt) {
    const flux = a * (q[0] as number);
    const k1 = deriv(q);
    const k2 = deriv(q.map((v, i) => v + (dt / 2) * (k1[i] as number)));
    const k3 = deriv(q.map((v, i) => v + (dt / 2) * (k2[i] as number)));
    const k4 = deriv(q.map((v, i) => v + dt * (k3[i] as number)));
    const next = q.map((v, i) => v + (dt / 6) * ((k1[i] as number) + 2 * (k2[i] as number) + 2 * (k3[i] as number) + (k4[i] as number)));
    const step = (dt / 2) * (flux + a * (next[0] as number)); // trapezoid for the answered flux
    answered += step;
    waitOfAnswered += step * (s + dt / 2);
    if (s + dt <= thresholdS) answeredWithin += step;
    q = next;
  }
  const pWait = pi.slice(n).reduce((x, y) => x + y, 0);
  const queue = pi.slice(n).reduce((x, p, j) => x + j * p, 0);
  return {
    probabilityOfWaiting: pWait,
    probabilityOfAbandon: (theta * queue) / lambda, // balance of the queue: abandon rate = θ·E[Q]
    serviceLevel: 1 - pWait + answeredWithin,
    asa: waitOfAnswered / (1 - pWait + answered),
    answeredAfterWait: answered,
  };
}
