/**
 * Erlang B: the probability that a call finds all `trunks` busy in a loss system offered `load`
 * Erlangs. Computed by the recursion B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1)), which never
 * forms A^n or n! and stays accurate for any number of trunks.
 *
 * @example
 * erlangB(10, 4.46); // ≈ 0.0100 (10 trunks at 1 % grade of service)
 */
export function erlangB(trunks: number, load: number): number {
  let b = 1;
  for (let n = 1; n <= trunks; n++) b = (load * b) / (n + load * b);
  return b;
}

/** The Erlang-B values for 0..`trunks` trunks in one pass (index = trunks). */
export function erlangBTable(trunks: number, load: number): Float64Array {
  const out = new Float64Array(trunks + 1);
  out[0] = 1;
  for (let n = 1; n <= trunks; n++) {
    const prev = out[n - 1] as number;
    out[n] = (load * prev) / (n + load * prev);
  }
  return out;
}

/** Erlang C from Erlang B: the probability of waiting with `agents` agents and `load` Erlangs (1 when load >= agents). */
export function erlangCFromB(agents: number, load: number, b: number): number {
  if (load >= agents) return 1;
  const c = (agents * b) / (agents - load * (1 - b));
  return c > 1 ? 1 : c;
}
