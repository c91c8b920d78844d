import { describe, expect, it } from 'vitest';
import { forecast } from '../../src/wfm/forecast.js';
import { isWfmError } from '../../src/wfm/wfm-errors.js';
import { MONDAY, expectedPer30, syntheticArrivals } from './forecast-fixture.js';

const HALF_HOUR = 1_800_000;
const WEEK = 336; // half hours

/** MAPE of the true expected values against the counts of a week: the noise floor no forecast can beat on average. */
function oracleMape(arrivals: readonly number[], week: number): number {
  const counts = new Array<number>(WEEK).fill(0);
  for (const t of arrivals) {
    const i = Math.floor((t - MONDAY) / HALF_HOUR) - week * WEEK;
    if (i >= 0 && i < WEEK) counts[i] = (counts[i] as number) + 1;
  }
  let ape = 0;
  let n = 0;
  counts.forEach((a, i) => {
    if (a === 0) return;
    ape += Math.abs(a - expectedPer30(MONDAY + (week * WEEK + i) * HALF_HOUR)) / a;
    n++;
  });
  return ape / n;
}

/** WAPE of a forecast against the true expected volume of its intervals. */
function errorAgainstTruth(f: { start: number; counts: readonly number[] }, step = HALF_HOUR): number {
  let err = 0;
  let total = 0;
  f.counts.forEach((c, i) => {
    const truth = expectedPer30(f.start + i * step) * (step / HALF_HOUR);
    err += Math.abs(c - truth);
    total += truth;
  });
  return err / total;
}

describe('forecast (Holt–Winters, weekly season)', () => {
  const arrivals = syntheticArrivals(8, 7); // 8 weeks: weekday × half-hour profile, +2 % a week, Poisson noise
  const f = forecast({ arrivals, intervalMinutes: 30 });

  it('is about as accurate on the held-out week as the true profile itself (MAPE)', () => {
    const floor = oracleMape(arrivals, 7);
    // measured (seed 7): MAPE 0.134, the true profile's own 0.121 (Poisson noise at 10–190 contacts per half hour)
    expect(f.accuracy?.holdoutDays).toBe(7);
    expect(f.accuracy?.intervals).toBe(7 * 28 - 0); // open 07:00–21:00: 28 half hours with contacts each day
    expect(f.accuracy?.mape).toBeLessThan(floor * 1.2);
    expect(f.accuracy?.wape).toBeLessThan(0.15);
  });

  it('forecasts the next week close to the true volume, trend included', () => {
    expect(f.counts).toHaveLength(7 * 48);
    expect(f.start).toBe(MONDAY + 8 * 7 * 86_400_000 - 3 * 3_600_000); // the interval after the last arrival (Sunday 21:00)
    expect(errorAgainstTruth(f)).toBeLessThan(0.08);
    const forecastTotal = f.counts.reduce((s, x) => s + x, 0);
    const trueTotal = f.counts.reduce((s, _, i) => s + expectedPer30(f.start + i * HALF_HOUR), 0);
    expect(Math.abs(forecastTotal / trueTotal - 1)).toBeLessThan(0.03);
    expect(f.counts.every((c) => c >= 0)).toBe(true);
    expect(f.model).toMatchObject({ kind: 'holt-winters-additive', seasonIntervals: WEEK });
  });

  it('does not learn from a holiday in the history, and forecasts a holiday as the usual times its factor', () => {
    const quiet = new Map([['2026-02-11', 0.1]]); // a Wednesday in week 6 really was quiet
    const history = syntheticArrivals(8, 7, quiet);
    const declared = forecast({ arrivals: history, intervalMinutes: 30, holidays: [{ date: '2026-02-11', factor: 0.1 }] });
    const ignored = forecast({ arrivals: history, intervalMinutes: 30 });
    expect(errorAgainstTruth(declared)).toBeLessThan(errorAgainstTruth(ignored));
    const ahead = forecast({ arrivals: history, intervalMinutes: 30, holidays: [{ date: '2026-02-11', factor: 0.1 }, { date: '2026-03-04', factor: 0.5 }] });
    const day = Math.round((Date.UTC(2026, 2, 4) - ahead.start) / HALF_HOUR);
    for (let i = day; i < day + 48; i++) expect(ahead.counts[i]).toBeCloseTo((declared.counts[i] as number) * 0.5, 1);
    expect(ahead.counts.slice(0, day)).toEqual(declared.counts.slice(0, day));
  });

  it('refuses a history spanning more intervals than it takes before counting them (WFM_TOO_LARGE)', () => {
    for (const input of [{ arrivals: [0, 1e14] }, { arrivals: [MONDAY], until: Date.UTC(2100, 0, 1) }]) {
      expect(() => forecast(input)).toThrowError(expect.objectContaining({ code: 'WFM_TOO_LARGE' }) as Error);
    }
  });

  it('does not learn from a holiday in its first two weeks either (they set the starting level and season)', () => {
    const values = Array.from({ length: 21 * 48 }, (_, i) => 5 + 10 * ((i % 48) / 48));
    for (let i = 0; i < 48; i++) values[i] = 0; // Monday 2026-01-05: closed
    const f = forecast({ counts: { start: MONDAY, values }, intervalMinutes: 30, holdoutDays: 0, horizonDays: 1, holidays: [{ date: '2026-01-05', factor: 0 }] });
    const mean = f.counts.reduce((s, x) => s + x, 0) / f.counts.length; // next Monday
    expect(mean).toBeCloseTo(values.slice(48, 96).reduce((s, x) => s + x, 0) / 48, 1);
  });

  it('works on 15- and 60-minute intervals and from counts as from arrivals', () => {
    const hourly = forecast({ arrivals, intervalMinutes: 60, horizonDays: 2, holdoutDays: 0 });
    expect(hourly.counts).toHaveLength(48);
    expect(hourly.accuracy).toBeNull();
    expect(errorAgainstTruth(hourly, 2 * HALF_HOUR)).toBeLessThan(0.1);
    expect(forecast({ arrivals, intervalMinutes: 15, horizonDays: 1 }).counts).toHaveLength(96);
    const values = new Array<number>(8 * WEEK).fill(0);
    for (const t of arrivals) values[Math.floor((t - MONDAY) / HALF_HOUR)]! += 1;
    const fromCounts = forecast({ counts: { start: new Date(MONDAY).toISOString(), values: values.slice(0, 8 * WEEK - 6) }, intervalMinutes: 30 });
    expect(fromCounts.counts).toEqual(f.counts);
    expect(fromCounts.accuracy).toEqual(f.accuracy);
  });

  it('needs two weeks to learn from besides the held-out days', () => {
    const short = syntheticArrivals(3, 1);
    expect(() => forecast({ arrivals: short })).toThrowError(expect.objectContaining({ code: 'HISTORY_INSUFFICIENT' }) as Error);
    expect(forecast({ arrivals: short, holdoutDays: 0 }).counts).toHaveLength(WEEK);
  });

  it('refuses bad input with typed errors naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ arrivals, intervalMinutes: 20 }, 'forecast.intervalMinutes'],
      [{ arrivals, counts: { start: 0, values: [] } }, 'forecast'],
      [{ arrivals, holidays: [{ date: '11.02.2026', factor: 1 }] }, 'forecast.holidays[0].date'],
      [{ arrivals, holidays: [{ date: '2026-02-11', factor: -1 }] }, 'forecast.holidays[0].factor'],
      [{ arrivals: [1, 'x'] }, 'forecast.arrivals[1]'],
      [{ arrivals, horizon: 3 }, 'forecast.horizon'],
      [{ arrivals, until: 1e15 }, 'forecast.until'],
      [{ counts: { start: '+275760-09-01T00:00:00Z', values: [1] } }, 'forecast.counts.start'],
      [{ counts: { start: -1, values: [1] } }, 'forecast.counts.start'],
    ];
    for (const [input, path] of cases) {
      try {
        forecast(input as never);
        expect.unreachable(path);
      } catch (e) {
        expect(isWfmError(e, 'WFM_INPUT_INVALID'), path).toBe(true);
        expect((e as Error).message).toContain(path);
      }
    }
  });
});
