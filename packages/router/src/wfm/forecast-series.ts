import { failAt, knownKeys, list, num, obj } from './checks.js';
import { WfmError } from './wfm-errors.js';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day whose volume is not the usual: its forecast is the usual times `factor` (0: closed), and its history is not learnt from. */
export interface Holiday {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  readonly factor: number;
}

/** Contacts per interval from `start` (epoch ms), each `intervalMinutes` long. */
export interface CountSeries {
  readonly start: number;
  readonly intervalMinutes: number;
  readonly values: readonly number[];
}

/** The latest time a forecast takes: the end of year 9999 (every interval has a calendar date). */
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Parses a time given as epoch milliseconds or an ISO-8601 string, from 1970 to the end of 9999. */
export function timeOf(v: unknown, path: string): number {
  const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(t) || t < 0 || t > MAX_TIME) failAt('WFM_INPUT_INVALID', path, 'must be epoch milliseconds or an ISO-8601 time from 1970 to 9999');
  return t;
}

/**
 * Arrival timestamps counted per interval, from the local midnight before the first to `until`
 * (default: the interval after the last); WFM_TOO_LARGE beyond `maxIntervals`, before anything is allocated.
 */
export function countArrivals(arrivals: readonly number[], intervalMinutes: number, offsetMinutes: number, until: number | undefined, maxIntervals = Infinity): CountSeries {
  const len = intervalMinutes * 60_000;
  const off = offsetMinutes * 60_000;
  let first = Infinity;
  let last = -Infinity;
  for (const t of arrivals) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const start = Math.floor((first + off) / DAY_MS) * DAY_MS - off;
  const end = until ?? start + (Math.floor((last - start) / len) + 1) * len;
  const intervals = Math.max(0, Math.ceil((end - start) / len));
  if (intervals > maxIntervals) throw new WfmError('WFM_TOO_LARGE', `the history spans ${intervals} intervals; at most ${maxIntervals}`);
  const values = new Array<number>(intervals).fill(0);
  for (const t of arrivals) {
    const i = Math.floor((t - start) / len);
    if (i >= 0 && i < values.length) values[i] = (values[i] as number) + 1;
  }
  return { start, intervalMinutes, values };
}

/** The local date (YYYY-MM-DD) of a time. */
export function localDate(t: number, offsetMinutes: number): string {
  return new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Validates holidays: a date and a non-negative factor each, no date twice. */
export function holidaysOf(v: unknown, path = 'holidays'): Map<string, number> {
  const out = new Map<string, number>();
  if (v === undefined) return out;
  list(v, path, 1000).forEach((h, i) => {
    const o = obj(h, `${path}[${i}]`);
    knownKeys(o, ['date', 'factor'], `${path}[${i}]`);
    if (typeof o.date !== 'string' || !DATE.test(o.date) || Number.isNaN(Date.parse(o.date))) failAt('WFM_INPUT_INVALID', `${path}[${i}].date`, 'must be a date YYYY-MM-DD');
    if (out.has(o.date)) failAt('WFM_INPUT_INVALID', `${path}[${i}].date`, `repeats ${o.date}`);
    out.set(o.date, num(o.factor, `${path}[${i}].factor`, { min: 0, max: 100 }));
  });
  return out;
}
