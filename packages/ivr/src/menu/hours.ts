import type { HoursNode } from './ivr-definition.js';

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local weekday (1 = Monday), date (YYYY-MM-DD) and time (HH:MM) of an instant in a time zone. */
export function localTime(at: number, timeZone: string): { day: number; date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return { day: WEEKDAYS[get('weekday')] ?? 0, date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * Whether a call at `at` falls within the node's opening hours: a listed weekday, not a
 * holiday, from `from` (inclusive) to `to` (exclusive) local time; `to` before `from` spans
 * midnight (e.g. 07:00 to 02:00), counted on the day the shift starts.
 */
export function isOpen(h: Pick<HoursNode, 'timeZone' | 'days' | 'from' | 'to' | 'holidays'>, at: number): boolean {
  const now = localTime(at, h.timeZone);
  const open = (day: number, date: string) => h.days.includes(day) && !(h.holidays ?? []).includes(date);
  if (h.from <= h.to) return open(now.day, now.date) && now.time >= h.from && now.time < h.to;
  if (now.time >= h.from) return open(now.day, now.date);
  if (now.time >= h.to) return false;
  // After midnight of a shift that started the evening before: the previous calendar day (not
  // 24 hours earlier, which is another day across a daylight-saving change).
  const [y, m, d] = now.date.split('-').map(Number) as [number, number, number];
  const prev = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return open(now.day === 1 ? 7 : now.day - 1, prev);
}
