import type { Rng } from '../core/clock.js';
import { failAt, knownKeys, num, obj } from './checks.js';
import type { WfmErrorCode } from './wfm-errors.js';

/** A duration distribution in seconds: handle times, caller patience, ring delays. */
export type Distribution =
  | { readonly kind: 'exponential'; readonly meanSeconds: number }
  | { readonly kind: 'lognormal'; readonly meanSeconds: number; readonly sdSeconds: number }
  | { readonly kind: 'fixed'; readonly seconds: number };

const DAY = 86_400;

/** Validates a distribution; `min` is the least mean or fixed value allowed. */
export function distributionOf(v: unknown, path: string, code: WfmErrorCode, min = 0): Distribution {
  const d = obj(v, path, code);
  switch (d.kind) {
    case 'exponential':
      knownKeys(d, ['kind', 'meanSeconds'], path, code);
      return { kind: 'exponential', meanSeconds: num(d.meanSeconds, `${path}.meanSeconds`, { above: 0, min, max: DAY }, code) };
    case 'lognormal':
      knownKeys(d, ['kind', 'meanSeconds', 'sdSeconds'], path, code);
      return {
        kind: 'lognormal',
        meanSeconds: num(d.meanSeconds, `${path}.meanSeconds`, { above: 0, min, max: DAY }, code),
        sdSeconds: num(d.sdSeconds, `${path}.sdSeconds`, { above: 0, max: DAY }, code),
      };
    case 'fixed':
      knownKeys(d, ['kind', 'seconds'], path, code);
      return { kind: 'fixed', seconds: num(d.seconds, `${path}.seconds`, { min, max: DAY }, code) };
    default:
      return failAt(code, `${path}.kind`, "must be 'exponential', 'lognormal' or 'fixed'");
  }
}

/** A sampler drawing from the distribution with the given RNG (seconds). */
export function samplerOf(d: Distribution): (rng: Rng) => number {
  switch (d.kind) {
    case 'exponential': {
      const mean = d.meanSeconds;
      return (rng) => -mean * Math.log(1 - rng());
    }
    case 'lognormal': {
      // mean m, sd s: σ² = ln(1 + s²/m²), μ = ln m − σ²/2
      const sigma2 = Math.log(1 + (d.sdSeconds * d.sdSeconds) / (d.meanSeconds * d.meanSeconds));
      const mu = Math.log(d.meanSeconds) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'fixed': {
      const s = d.seconds;
      return () => s;
    }
  }
}

/** The mean of the distribution in seconds. */
export function meanOf(d: Distribution): number {
  return d.kind === 'fixed' ? d.seconds : d.meanSeconds;
}

/** One standard normal draw (Box–Muller; always two uniforms, so streams stay aligned). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
