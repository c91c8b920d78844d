import { failAt, knownKeys, list, num, obj, optNum } from './checks.js';
import { countArrivals, holidaysOf, localDate, MAX_TIME, timeOf, type CountSeries } from './forecast-series.js';
import { fitSmoothing, forecastAt, initialState, pass, type Smoothing } from './holt-winters.js';
import { WfmError } from './wfm-errors.js';

/** What to forecast from: arrival timestamps, or counts per interval. */
export interface ForecastInput {
  readonly intervalMinutes?: 15 | 30 | 60;
  /** Arrival times (epoch ms) of the history, in any order. */
  readonly arrivals?: readonly number[];
  /** Or contacts per interval from `start` (epoch ms or ISO-8601). */
  readonly counts?: { readonly start: number | string; readonly values: readonly number[] };
  /** Local time offset from UTC for days and holidays (default 0). */
  readonly utcOffsetMinutes?: number;
  /** End of the history (exclusive) when given as arrivals; default the interval after the last arrival. */
  readonly until?: number | string;
  /** Days to forecast (default 7). */
  readonly horizonDays?: number;
  /** Days at the end of the history held out to measure accuracy (default 7; 0: none). */
  readonly holdoutDays?: number;
  /** Days forecast as the usual times a factor, and not learnt from. */
  readonly holidays?: ReadonlyArray<{ readonly date: string; readonly factor: number }>;
}

/** A forecast of contacts per interval, with the model and its accuracy on the held-out days. */
export interface ForecastResult {
  readonly intervalMinutes: number;
  /** Start of the first forecast interval (epoch ms): the end of the history. */
  readonly start: number;
  /** Expected contacts in each interval of the horizon. */
  readonly counts: readonly number[];
  readonly history: { readonly start: number; readonly intervals: number; readonly contacts: number };
  readonly model: { readonly kind: 'holt-winters-additive'; readonly seasonIntervals: number } & Smoothing;
  /** MAPE (mean |actual − forecast| / actual over held-out intervals with contacts, as a fraction) and WAPE (Σ|error| / Σ actual). */
  readonly accuracy: { readonly holdoutDays: number; readonly intervals: number; readonly mape: number | null; readonly wape: number | null } | null;
}

/** History points a request may hold: a year of 15-minute intervals, ten million arrivals. */
export const FORECAST_LIMITS = { arrivals: 10_000_000, intervals: 366 * 96 } as const;

function seriesOf(v: Record<string, unknown>, intervalMinutes: number, offset: number): CountSeries {
  if ((v.arrivals === undefined) === (v.counts === undefined)) failAt('WFM_INPUT_INVALID', 'forecast', 'needs exactly one of arrivals, counts');
  if (v.arrivals !== undefined) {
    const times = list(v.arrivals, 'forecast.arrivals', FORECAST_LIMITS.arrivals);
    times.forEach((t, i) => num(t, `forecast.arrivals[${i}]`, { min: 0, max: MAX_TIME }));
    if (times.length === 0) throw new WfmError('HISTORY_INSUFFICIENT', 'no arrivals');
    const until = v.until === undefined ? undefined : timeOf(v.until, 'forecast.until');
    return countArrivals(times as number[], intervalMinutes, offset, until, FORECAST_LIMITS.intervals);
  }
  const c = obj(v.counts, 'forecast.counts');
  knownKeys(c, ['start', 'values'], 'forecast.counts');
  const values = list(c.values, 'forecast.counts.values', FORECAST_LIMITS.intervals).map((x, i) => num(x, `forecast.counts.values[${i}]`, { min: 0, max: 1e9 }));
  return { start: timeOf(c.start, 'forecast.counts.start'), intervalMinutes, values };
}

/** Fits on `y`, returns the state at its end and the smoothing. */
function fitted(y: readonly number[], m: number, skip: (t: number) => boolean): { state: ReturnType<typeof initialState>; smoothing: Smoothing } {
  const { smoothing } = fitSmoothing(y, m, skip);
  const state = initialState(y, m, skip);
  pass(y, state, smoothing, skip, m);
  return { state, smoothing };
}

function accuracyOf(actual: readonly number[], predicted: readonly number[], skip: (i: number) => boolean) {
  let ape = 0;
  let n = 0;
  let absErr = 0;
  let total = 0;
  actual.forEach((a, i) => {
    if (skip(i)) return;
    const e = Math.abs(a - (predicted[i] as number));
    absErr += e;
    total += a;
    if (a > 0) {
      ape += e / a;
      n++;
    }
  });
  return { intervals: n, mape: n === 0 ? null : ape / n, wape: total === 0 ? null : absErr / total };
}

/**
 * Forecasts contacts per interval with additive Holt–Winters: a level, a trend and a weekly
 * season of weekday × interval terms, the smoothing constants fitted by minimising the
 * one-step-ahead error. The last `holdoutDays` days are first forecast from the days before
 * them to report MAPE and WAPE; the model is then fitted on the whole history. Holidays are
 * not learnt from and are forecast as the usual times their factor. Needs two weeks of
 * history besides the holdout (HISTORY_INSUFFICIENT otherwise).
 *
 * @example
 * const f = forecast({ arrivals: timestamps, intervalMinutes: 30, holidays: [{ date: '2026-12-31', factor: 0.4 }] });
 * f.counts;          // 336 expected counts: the next 7 days by half hour
 * f.accuracy?.mape;  // e.g. 0.07 on the last week
 */
export function forecast(input: ForecastInput): ForecastResult {
  const v = obj(input, 'forecast');
  knownKeys(v, ['intervalMinutes', 'arrivals', 'counts', 'utcOffsetMinutes', 'until', 'horizonDays', 'holdoutDays', 'holidays'], 'forecast');
  const intervalMinutes = optNum(v.intervalMinutes, 30, 'forecast.intervalMinutes');
  if (intervalMinutes !== 15 && intervalMinutes !== 30 && intervalMinutes !== 60) failAt('WFM_INPUT_INVALID', 'forecast.intervalMinutes', 'must be 15, 30 or 60');
  const offset = optNum(v.utcOffsetMinutes, 0, 'forecast.utcOffsetMinutes', { min: -840, max: 840, integer: true });
  const horizonDays = optNum(v.horizonDays, 7, 'forecast.horizonDays', { min: 1, max: 28, integer: true });
  const holdoutDays = optNum(v.holdoutDays, 7, 'forecast.holdoutDays', { min: 0, max: 28, integer: true });
  const holidays = holidaysOf(v.holidays, 'forecast.holidays');
  const series = seriesOf(v, intervalMinutes, offset);
  const perDay = (24 * 60) / intervalMinutes;
  const m = 7 * perDay;
  const y = series.values;
  const len = intervalMinutes * 60_000;
  const holidayAt = (i: number) => (holidays.size === 0 ? undefined : holidays.get(localDate(series.start + i * len, offset)));
  const mask = Uint8Array.from(y, (_, i) => (holidayAt(i) === undefined ? 0 : 1)); // one date lookup per interval, not per pass
  const skip = (i: number) => mask[i] === 1;
  const training = y.length - holdoutDays * perDay;
  if (training < 2 * m) {
    throw new WfmError('HISTORY_INSUFFICIENT', `needs ${14 + holdoutDays} days of ${intervalMinutes}-minute intervals (two weeks to learn from, ${holdoutDays} held out); got ${(y.length / perDay).toFixed(1)} days`);
  }
  let accuracy: ForecastResult['accuracy'] = null;
  if (holdoutDays > 0) {
    const early = fitted(y.slice(0, training), m, skip);
    const predicted = y.slice(training).map((_, h) => Math.max(0, forecastAt(early.state, h + 1)));
    accuracy = { holdoutDays, ...accuracyOf(y.slice(training), predicted, (i) => skip(training + i)) };
  }
  const full = fitted(y, m, skip);
  const counts = Array.from({ length: horizonDays * perDay }, (_, h) => {
    const usual = Math.max(0, forecastAt(full.state, h + 1));
    return Math.round(usual * (holidayAt(y.length + h) ?? 1) * 100) / 100;
  });
  return {
    intervalMinutes, start: series.start + y.length * len, counts,
    history: { start: series.start, intervals: y.length, contacts: y.reduce((s, x) => s + x, 0) },
    model: { kind: 'holt-winters-additive', seasonIntervals: m, ...full.smoothing },
    accuracy,
  };
}
