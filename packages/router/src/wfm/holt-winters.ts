import { minimiseInUnitBox } from './nelder-mead.js';

/** Smoothing constants of additive Holt–Winters: level, trend, season (each in [0, 1]). */
export interface Smoothing {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

/** The state after a pass over a series: level, trend per step, one seasonal term per position. */
export interface HoltWintersState {
  level: number;
  trend: number;
  readonly season: Float64Array;
  /** Position in the season of the next step. */
  phase: number;
}

/**
 * Initial state from the first two seasons: level the first season's mean, trend the change of
 * the mean from the first to the second season per step, season the deviations from their
 * season's mean averaged over both (one season alone carries all its noise into the model).
 * A step marked `skip` (a holiday) is not learnt from: the same position of the nearest season
 * without one stands in for it.
 */
export function initialState(y: ArrayLike<number>, m: number, skip: (t: number) => boolean = () => false): HoltWintersState {
  y = withoutSkipped(y, m, skip);
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += y[i] as number;
    second += y[m + i] as number;
  }
  first /= m;
  second /= m;
  const season = new Float64Array(m);
  for (let i = 0; i < m; i++) season[i] = ((y[i] as number) - first + (y[m + i] as number) - second) / 2;
  return { level: first + ((second - first) / m) * (m - 1) / 2, trend: (second - first) / m, season, phase: 0 };
}

/** The first two seasons of `y`, a skipped step replaced by its position in the nearest season not skipped there (kept when every season is). */
function withoutSkipped(y: ArrayLike<number>, m: number, skip: (t: number) => boolean): ArrayLike<number> {
  const out = Float64Array.from({ length: 2 * m }, (_, t) => y[t] as number);
  for (let t = 0; t < 2 * m; t++) {
    if (!skip(t)) continue;
    for (let d = m; t - d >= 0 || t + d < y.length; d += m) {
      if (t + d < y.length && !skip(t + d)) { out[t] = y[t + d] as number; break; }
      if (t - d >= 0 && !skip(t - d)) { out[t] = y[t - d] as number; break; }
    }
  }
  return out;
}

/**
 * One pass of additive Holt–Winters over `y`, from the state at its start: returns the sum of
 * squared one-step-ahead errors over the steps not marked `skip` (holidays, the first season).
 * A skipped step is taken as its own forecast, so it moves nothing but time.
 */
export function pass(y: ArrayLike<number>, s: HoltWintersState, k: Smoothing, skip: (t: number) => boolean, from = 0): number {
  const m = s.season.length;
  let sse = 0;
  for (let t = from; t < y.length; t++) {
    const seasonal = s.season[s.phase] as number;
    const forecast = s.level + s.trend + seasonal;
    const out = skip(t);
    const obs = out ? forecast : (y[t] as number);
    if (!out) sse += (obs - forecast) ** 2;
    const level = k.alpha * (obs - seasonal) + (1 - k.alpha) * (s.level + s.trend);
    s.trend = k.beta * (level - s.level) + (1 - k.beta) * s.trend;
    s.season[s.phase] = k.gamma * (obs - level) + (1 - k.gamma) * seasonal;
    s.level = level;
    s.phase = (s.phase + 1) % m;
  }
  return sse;
}

/** The forecast `h` steps after the state (h = 1 is the next step). */
export function forecastAt(s: HoltWintersState, h: number): number {
  return s.level + h * s.trend + (s.season[(s.phase + h - 1) % s.season.length] as number);
}

const GRID = { alpha: [0.02, 0.05, 0.1, 0.2, 0.4, 0.7], beta: [0, 0.005, 0.02, 0.1], gamma: [0.01, 0.05, 0.1, 0.2, 0.4] };

/**
 * Fits the smoothing constants by minimising the one-step-ahead squared error over the series
 * after its first season (used to initialise): a coarse grid, then Nelder–Mead from its best.
 */
export function fitSmoothing(y: ArrayLike<number>, m: number, skip: (t: number) => boolean): { smoothing: Smoothing; sse: number } {
  const init = initialState(y, m, skip);
  const sseOf = (k: Smoothing) => pass(y, { ...init, season: Float64Array.from(init.season) }, k, skip, m);
  let best = { smoothing: { alpha: 0.1, beta: 0, gamma: 0.1 }, sse: Infinity };
  for (const alpha of GRID.alpha) {
    for (const beta of GRID.beta) {
      for (const gamma of GRID.gamma) {
        const sse = sseOf({ alpha, beta, gamma });
        if (sse < best.sse) best = { smoothing: { alpha, beta, gamma }, sse };
      }
    }
  }
  const k = best.smoothing;
  const refined = minimiseInUnitBox((x) => sseOf({ alpha: x[0] as number, beta: x[1] as number, gamma: x[2] as number }), [k.alpha, k.beta, k.gamma], { step: 0.05, iterations: 120 });
  if (refined.value >= best.sse) return best;
  return { smoothing: { alpha: refined.x[0] as number, beta: refined.x[1] as number, gamma: refined.x[2] as number }, sse: refined.value };
}
