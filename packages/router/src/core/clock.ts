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
 * A small, fast, seeded PRNG (mulberry32) whose whole state is one readable, settable number,
 * so an engine snapshot can carry it. `next` is bound: hand it out as an {@link Rng}.
 * @example
 * const g = new SeededRng(42); g.next(); // 0.6011…
 * const copy = new SeededRng(g.state);  // continues exactly where g is
 */
export class SeededRng {
  /** The generator state, a uint32: the seed, advanced by each draw. */
  state: number;
  /** The next number in [0, 1). */
  readonly next: Rng;

  constructor(seedOrState: number) {
    this.state = seedOrState >>> 0;
    this.next = () => {
      const a = (this.state = (this.state + 0x6d2b79f5) >>> 0);
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
}

/**
 * A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence.
 * @example
 * const rng = seededRng(42); rng(); // 0.6011…
 */
export function seededRng(seed: number): Rng {
  return new SeededRng(seed).next;
}
