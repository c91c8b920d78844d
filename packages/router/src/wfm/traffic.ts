import type { Rng } from '../core/clock.js';
import { samplerOf } from './distributions.js';
import type { ArrivalSpec, ContactType, SimScenario } from './scenario.js';
import { STREAM, streamOf } from './streams.js';

/**
 * The random traffic of one replication, drawn once and fed unchanged to every configuration a
 * what-if compares (common random numbers): each contact's arrival time, type, value tier,
 * handle time and patience. Times are seconds from the start of interval 0 (negative in the
 * warm-up), sorted by arrival.
 */
export interface Traffic {
  readonly count: number;
  readonly at: Float64Array;
  /** Index into the scenario's contact types. */
  readonly type: Uint16Array;
  /** Index into `tiers`. */
  readonly tier: Uint16Array;
  readonly handle: Float64Array;
  /** Seconds the caller waits before hanging up (Infinity: never). */
  readonly patience: Float64Array;
  /** Value tier names; index 0 is 'none' (no tier). */
  readonly tiers: readonly string[];
}

interface Draws { at: number[]; tier: number[]; handle: number[]; patience: number[] }

/** Piecewise-constant Poisson arrivals: rates per second over [start, end) windows, by inverting the cumulative intensity. */
function poissonTimes(rng: Rng, windows: ReadonlyArray<{ start: number; end: number; rate: number }>, emit: (t: number) => void): void {
  let mass = -Math.log(1 - rng());
  for (const w of windows) {
    let t = w.start;
    if (w.rate <= 0) continue;
    while (mass <= w.rate * (w.end - t)) {
      t += mass / w.rate;
      emit(t);
      mass = -Math.log(1 - rng());
    }
    mass -= w.rate * (w.end - t);
  }
}

/** The rate windows of a type: the warm-up at interval 0's rate, then one window per interval. */
function windowsOf(a: ArrivalSpec, s: SimScenario): Array<{ start: number; end: number; rate: number }> {
  const len = s.intervalMinutes * 60;
  const rateAt = (i: number) => ('perHour' in a ? a.perHour / 3600 : 'perInterval' in a ? (a.perInterval[i] ?? 0) / len : 0);
  const out = [{ start: -s.warmUpMinutes * 60, end: 0, rate: rateAt(0) }];
  for (let i = 0; i < s.intervals; i++) out.push({ start: i * len, end: (i + 1) * len, rate: rateAt(i) });
  return out;
}

function drawType(t: ContactType, typeIndex: number, s: SimScenario, replication: number, tierIndex: (name: string) => number): Draws {
  const rng = streamOf(s.seed, replication, STREAM.arrivals, typeIndex);
  const handle = samplerOf(t.handleTime);
  const patience = t.patience === undefined ? undefined : samplerOf(t.patience);
  const tiers = Object.entries(t.valueTiers ?? {}).map(([name, share]) => ({ index: tierIndex(name), share }));
  const out: Draws = { at: [], tier: [], handle: [], patience: [] };
  const one = (at: number) => {
    out.at.push(at);
    let u = rng();
    let tier = 0;
    for (const x of tiers) {
      if (u < x.share) {
        tier = x.index;
        break;
      }
      u -= x.share;
    }
    out.tier.push(tier);
    out.handle.push(handle(rng));
    out.patience.push(patience === undefined ? Infinity : patience(rng));
  };
  const a = t.arrivals;
  if ('recorded' in a) [...a.recorded].sort((x, y) => x - y).forEach(one);
  else poissonTimes(rng, windowsOf(a, s), one);
  return out;
}

/** Draws the traffic of replication `replication` (0, 1, …) of a scenario. */
export function drawTraffic(s: SimScenario, replication = 0): Traffic {
  const tiers = ['none'];
  const tierIndex = (name: string) => {
    const i = tiers.indexOf(name);
    return i >= 0 ? i : tiers.push(name) - 1;
  };
  const perType = s.contactTypes.map((t, i) => drawType(t, i, s, replication, tierIndex));
  const count = perType.reduce((n, d) => n + d.at.length, 0);
  const order = new Uint32Array(count);
  const flat = { at: new Float64Array(count), type: new Uint16Array(count), tier: new Uint16Array(count), handle: new Float64Array(count), patience: new Float64Array(count) };
  let k = 0;
  perType.forEach((d, type) => {
    for (let i = 0; i < d.at.length; i++, k++) {
      flat.at[k] = d.at[i] as number;
      flat.type[k] = type;
      flat.tier[k] = d.tier[i] as number;
      flat.handle[k] = d.handle[i] as number;
      flat.patience[k] = d.patience[i] as number;
      order[k] = k;
    }
  });
  order.sort((x, y) => (flat.at[x] as number) - (flat.at[y] as number) || x - y);
  const pick = <A extends Float64Array | Uint16Array>(src: A, make: (n: number) => A): A => {
    const dst = make(count);
    for (let i = 0; i < count; i++) dst[i] = src[order[i] as number] as number;
    return dst;
  };
  return {
    count, tiers,
    at: pick(flat.at, (n) => new Float64Array(n)),
    type: pick(flat.type, (n) => new Uint16Array(n)),
    tier: pick(flat.tier, (n) => new Uint16Array(n)),
    handle: pick(flat.handle, (n) => new Float64Array(n)),
    patience: pick(flat.patience, (n) => new Float64Array(n)),
  };
}
