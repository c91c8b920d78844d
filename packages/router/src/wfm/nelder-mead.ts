interface Vertex {
  x: number[];
  value: number;
}

const clamp = (x: readonly number[]): number[] => x.map((v) => Math.min(1, Math.max(0, v)));

/**
 * Minimises `f` over the unit box [0, 1]^n by Nelder–Mead from `start` (points are clamped into
 * the box). Enough for the three smoothing constants of Holt–Winters: smooth, cheap, no gradient.
 */
export function minimiseInUnitBox(f: (x: readonly number[]) => number, start: readonly number[], opts: { step?: number; iterations?: number } = {}): Vertex {
  const n = start.length;
  const vertex = (x: readonly number[]): Vertex => {
    const c = clamp(x);
    return { x: c, value: f(c) };
  };
  const step = opts.step ?? 0.1;
  const simplex: Vertex[] = [vertex(start)];
  for (let i = 0; i < n; i++) simplex.push(vertex(start.map((v, j) => (j !== i ? v : v + step > 1 ? v - step : v + step))));
  for (let it = 0; it < (opts.iterations ?? 200); it++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0] as Vertex;
    const worst = simplex[n] as Vertex;
    if (worst.value - best.value <= 1e-10 * (Math.abs(best.value) + 1e-12)) break;
    const centroid = Array.from({ length: n }, (_, j) => simplex.slice(0, n).reduce((s, p) => s + (p.x[j] as number), 0) / n);
    const along = (t: number) => vertex(centroid.map((c, j) => c + t * (c - (worst.x[j] as number))));
    const reflected = along(1);
    if (reflected.value < best.value) {
      const expanded = along(2);
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < (simplex[n - 1] as Vertex).value) {
      simplex[n] = reflected;
    } else {
      const contracted = along(-0.5);
      if (contracted.value < worst.value) simplex[n] = contracted;
      else for (let i = 1; i <= n; i++) simplex[i] = vertex((simplex[i] as Vertex).x.map((v, j) => (best.x[j] as number) + 0.5 * (v - (best.x[j] as number))));
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0] as Vertex;
}
