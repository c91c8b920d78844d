/** Source of time for the engine, in milliseconds. The core never reads the system clock itself. */
export interface Clock {
  now(): number;
}

/** Source of randomness in [0, 1). The core never calls Math.random itself. */
export type Rng = () => number;

/** A clock that only moves when told to: for tests, simulations and benchmarks. */
export class ManualClock implements Clock {
  private t: number;

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves time forward by `ms` (negative values are ignored). */
  advance(ms: number): number {
    if (ms > 0) this.t += ms;
    return this.t;
  }

  /** Sets the time; it never goes backwards. */
  set(t: number): void {
    if (t > this.t) this.t = t;
  }
}

/** The wall clock, for services. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence.
 * @example
 * const rng = seededRng(42); rng(); // 0.6011…
 */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
