import { seededRng, type Rng } from '../core/clock.js';

/**
 * Independent seeded random streams: one per (seed, replication, purpose, index), so the
 * traffic of contact type 3 in replication 7 is the same whatever else the scenario holds —
 * the basis of common random numbers in what-if runs.
 */
export function streamOf(seed: number, replication: number, purpose: number, index: number): Rng {
  let h = mix(0x9e3779b9 ^ (seed >>> 0));
  h = mix(h ^ (replication >>> 0));
  h = mix(h ^ (purpose >>> 0));
  h = mix(h ^ (index >>> 0));
  return seededRng(h);
}

/** A 32-bit finaliser (murmur3 fmix32): small input changes move every output bit. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** What a stream is for. */
export const STREAM = { arrivals: 1, ringDelay: 2, weighted: 3 } as const;
