import { seededRng, type Rng } from '../../src/core/clock.js';

const DAY = 86_400_000;
/** Monday 2026-01-05 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 0, 5);

/** Weekday volume, Monday first. */
const WEEKDAY = [1.2, 1.1, 1.0, 1.0, 0.95, 0.5, 0.3];

/** Expected contacts per 30 minutes at a time: open 07:00–21:00, peaks at 10:00 and 15:00, 2 % growth a week. */
export function expectedPer30(t: number): number {
  const day = Math.floor((t - MONDAY) / DAY);
  const hour = ((t - MONDAY) % DAY) / 3_600_000;
  if (hour < 7 || hour >= 21) return 0;
  const shape = 0.4 + Math.exp(-((hour - 10) ** 2) / 3) + 0.8 * Math.exp(-((hour - 15) ** 2) / 4);
  return 80 * shape * (WEEKDAY[((day % 7) + 7) % 7] as number) * (1 + 0.02 * (day / 7));
}

function poisson(rng: Rng, mean: number): number {
  // sum of exponential gaps (means here are at most ~200)
  let n = 0;
  for (let t = -Math.log(1 - rng()); t < mean; t += -Math.log(1 - rng())) n++;
  return n;
}

/**
 * Seeded arrival timestamps for `weeks` weeks from MONDAY: Poisson counts around the
 * expected profile in each half hour, spread uniformly inside it. `scale` multiplies the
 * volume of the given dates (a holiday that really happened).
 */
export function syntheticArrivals(weeks: number, seed: number, scaled: ReadonlyMap<string, number> = new Map()): number[] {
  const rng = seededRng(seed);
  const out: number[] = [];
  for (let t = MONDAY; t < MONDAY + weeks * 7 * DAY; t += 1_800_000) {
    const factor = scaled.get(new Date(t).toISOString().slice(0, 10)) ?? 1;
    const n = poisson(rng, expectedPer30(t) * factor);
    for (let i = 0; i < n; i++) out.push(t + rng() * 1_800_000);
  }
  return out;
}
