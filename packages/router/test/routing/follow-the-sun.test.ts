import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CenterConfig, RegionConfig } from '../../src/service/config-schema.js';
import { centerOpen, chooseCenter, regionOf } from '../../src/service/routing/follow-the-sun.js';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at `t`, read as if it were UTC (so subtracting gives the offset). */
function wallAsUtc(zone: string, t: number): number {
  let f = FORMATS.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    FORMATS.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
}

/** The instant a wall-clock time happens in a zone (found from the zone's offsets around it; undefined if skipped by DST). */
function instantOf(zone: string, y: number, mo: number, d: number, h: number, mi: number): number | undefined {
  const want = Date.UTC(y, mo - 1, d, h, mi);
  for (const probe of [want - 14 * 3_600_000, want, want + 14 * 3_600_000]) {
    const t = want - (wallAsUtc(zone, probe) - probe);
    if (wallAsUtc(zone, t) === want) return t;
  }
  return undefined;
}

const ZONES = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Novosibirsk', 'Asia/Kolkata'];
const center = (id: string, timeZone: string, open: string, close: string, extra: Partial<CenterConfig> = {}): CenterConfig =>
  ({ id, timeZone, hours: { open, close, days: [1, 2, 3, 4, 5, 6, 7] }, queues: { support: `support-${id}` }, ...extra });

describe('regions by number', () => {
  const regions: RegionConfig[] = [
    { id: 'nw', prefixes: ['+7812', '+7813'], centers: ['spb'] },
    { id: 'ru', prefixes: ['+7'], centers: ['msk'] },
    { id: 'de', countries: ['DE'], centers: ['ber'] },
    { id: 'world', default: true, centers: ['msk'] },
  ];
  it('takes the longest matching prefix, then the country, then the default', () => {
    expect(regionOf(regions, { e164: '+78129978363', country: 'RU' })?.id).toBe('nw');
    expect(regionOf(regions, { e164: '+74951234567', country: 'RU' })?.id).toBe('ru');
    expect(regionOf(regions, { e164: '+4930123456', country: 'DE' })?.id).toBe('de');
    expect(regionOf(regions, { e164: '+14155550100', country: 'US' })?.id).toBe('world');
    expect(regionOf(regions, undefined)?.id).toBe('world');
    expect(regionOf(regions.slice(0, 3), { e164: '+14155550100', country: 'US' })).toBeUndefined();
  });
});

describe('opening hours across time zones and daylight-saving changes', () => {
  const days = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
  it('a 09:00–17:00 center opens at 09:00 and closes at 17:00 local time on every day, DST or not', () => {
    fc.assert(fc.property(days, fc.constantFrom(...ZONES), (day, zone) => {
      const c = center('x', zone, '09:00', '17:00');
      const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
      const at = (h: number, mi: number) => instantOf(zone, y, m, d, h, mi) as number;
      expect(centerOpen(c, at(8, 59))).toBe(false);
      expect(centerOpen(c, at(9, 0))).toBe(true);
      expect(centerOpen(c, at(16, 59))).toBe(true);
      expect(centerOpen(c, at(17, 0))).toBe(false);
    }), { numRuns: 200 });
  });

  it('the days around each DST change in Berlin and New York keep local hours (the offset moves by an hour)', () => {
    for (const [zone, y, m, d] of [['Europe/Berlin', 2026, 3, 29], ['Europe/Berlin', 2026, 10, 25], ['America/New_York', 2026, 3, 8], ['America/New_York', 2026, 11, 1]] as const) {
      const c = center('x', zone, '09:00', '17:00');
      const nine = instantOf(zone, y, m, d, 9, 0) as number;
      const nineBefore = instantOf(zone, y, m, d - 1, 9, 0) as number;
      expect(Math.abs(nine - nineBefore - 86_400_000)).toBe(3_600_000); // a 23- or 25-hour day
      expect(centerOpen(c, nine)).toBe(true);
      expect(centerOpen(c, nine - 60_000)).toBe(false);
      expect(centerOpen(c, nineBefore + 86_400_000 - 60_000 + (nine - nineBefore - 86_400_000))).toBe(false);
    }
  });

  it('a 07:00–02:00 shift (Moscow) still runs after midnight, counted on the day it started', () => {
    const c: CenterConfig = { id: 'msk', timeZone: 'Europe/Moscow', hours: { open: '07:00', close: '02:00', days: [1, 2, 3, 4, 5] } };
    expect(centerOpen(c, Date.parse('2026-11-28T01:30:00+03:00'))).toBe(true); // Saturday 01:30: Friday's shift
    expect(centerOpen(c, Date.parse('2026-11-30T01:30:00+03:00'))).toBe(false); // Monday 01:30: Sunday has no shift
    expect(centerOpen(c, Date.parse('2026-11-30T06:59:00+03:00'))).toBe(false);
    expect(centerOpen(c, Date.parse('2026-11-30T07:00:00+03:00'))).toBe(true);
  });

  it('is closed on its holidays, local date', () => {
    const c: CenterConfig = { id: 'msk', timeZone: 'Europe/Moscow', hours: { open: '08:00', close: '20:00', days: [1, 2, 3, 4, 5], holidays: ['2026-12-31'] } };
    expect(centerOpen(c, Date.parse('2026-12-31T10:00:00+03:00'))).toBe(false);
    expect(centerOpen(c, Date.parse('2026-12-30T10:00:00+03:00'))).toBe(true);
  });
});

describe('follow the sun', () => {
  const centers = [center('vlad', 'Asia/Vladivostok', '08:00', '20:00'), center('msk', 'Europe/Moscow', '08:00', '20:00', { maxWaitSeconds: 60 }), center('kgd', 'Europe/Kaliningrad', '08:00', '20:00')];
  const regions: RegionConfig[] = [{ id: 'ru', prefixes: ['+7'], centers: ['msk', 'kgd', 'vlad'] }];
  const caller = { e164: '+74951234567', country: 'RU' };
  const choose = (at: string, waits: Record<string, number> = {}, policyMaxWaitSeconds?: number) =>
    chooseCenter(regions, centers, { homeQueueId: 'support', caller, at: Date.parse(at), longestWaitMs: (q) => waits[q] ?? 0, policyMaxWaitSeconds });

  it('sends the call to the nearest open center', () => {
    expect(choose('2026-11-25T10:00:00+03:00')).toMatchObject({ queueId: 'support-msk', centerId: 'msk', reason: 'nearest-open' });
  });
  it('passes over a closed center to the next', () => {
    const c = choose('2026-11-25T07:30:00+03:00'); // Moscow 07:30, Kaliningrad 06:30, Vladivostok 14:30
    expect(c).toMatchObject({ queueId: 'support-vlad', reason: 'overflow' });
    expect(c.considered.map((x) => x.outcome)).toEqual(['closed', 'closed', 'chosen']);
  });
  it('passes over a center over its wait bound, or over the tighter bound of the caller\'s segment', () => {
    expect(choose('2026-11-25T10:00:00+03:00', { 'support-msk': 61_000 })).toMatchObject({ queueId: 'support-kgd', reason: 'overflow' });
    expect(choose('2026-11-25T10:00:00+03:00', { 'support-msk': 31_000 }, 30)).toMatchObject({ queueId: 'support-kgd' });
    expect(choose('2026-11-25T10:00:00+03:00', { 'support-msk': 31_000 })).toMatchObject({ queueId: 'support-msk' });
  });
  it('takes the open center waiting least when all are over their bound, the home queue when all are closed', () => {
    const bound = [center('a', 'Europe/Moscow', '08:00', '20:00', { maxWaitSeconds: 10 }), center('b', 'Europe/Moscow', '08:00', '20:00', { maxWaitSeconds: 10 })];
    const r: RegionConfig[] = [{ id: 'ru', prefixes: ['+7'], centers: ['a', 'b'] }];
    const at = Date.parse('2026-11-25T10:00:00+03:00');
    expect(chooseCenter(r, bound, { homeQueueId: 'support', caller, at, longestWaitMs: (q) => (q === 'support-a' ? 50_000 : 20_000) })).toMatchObject({ queueId: 'support-b', reason: 'all-over-bound' });
    expect(choose('2026-11-25T22:00:00+03:00')).toMatchObject({ queueId: 'support', centerId: undefined, reason: 'all-closed' }); // Kaliningrad 21:00, Vladivostok 05:00
  });
  it('leaves queues no center serves, and callers of no region, in the asked queue', () => {
    expect(chooseCenter(regions, centers, { homeQueueId: 'sales', caller, at: 0, longestWaitMs: () => 0 }).reason).toBe('not-center-routed');
    expect(chooseCenter(regions, centers, { homeQueueId: 'support', caller: { e164: '+4930123456', country: 'DE' }, at: 0, longestWaitMs: () => 0 }).reason).toBe('no-region');
  });

  it('always picks an open center whose predecessors in the region are closed, over bound or without a queue', () => {
    const hour = fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, '0')}:00`);
    const arbCenter = fc.record({ tz: fc.constantFrom(...ZONES), open: hour, close: hour, serves: fc.boolean(), bound: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }) });
    fc.assert(fc.property(fc.array(arbCenter, { minLength: 1, maxLength: 5 }), fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-12-31') }), fc.array(fc.nat(200_000), { minLength: 5, maxLength: 5 }), (specs, at, waitList) => {
      const cs: CenterConfig[] = specs.map((s, i) => ({
        id: `c${i}`, timeZone: s.tz, hours: { open: s.open, close: s.close, days: [1, 2, 3, 4, 5] }, ...(s.serves ? { queues: { support: `q${i}` } } : {}), ...(s.bound === undefined ? {} : { maxWaitSeconds: s.bound }),
      }));
      const wait = (q: string) => waitList[Number(q.slice(1))] ?? 0;
      const res = chooseCenter([{ id: 'r', default: true, centers: cs.map((c) => c.id) }], cs, { homeQueueId: 'support', caller: undefined, at, longestWaitMs: wait });
      const open = (i: number) => specs[i]?.serves === true && centerOpen(cs[i] as CenterConfig, at);
      const within = (i: number) => wait(`q${i}`) <= (specs[i]?.bound ?? Infinity) * 1000;
      const served = specs.some((s) => s.serves);
      if (!served) {
        expect(res.reason).toBe('not-center-routed');
        return;
      }
      const firstGood = specs.findIndex((_, i) => open(i) && within(i));
      if (firstGood >= 0) {
        expect(res.queueId).toBe(`q${firstGood}`);
        return;
      }
      const opens = specs.map((_, i) => i).filter(open);
      if (opens.length === 0) {
        expect(res).toMatchObject({ queueId: 'support', reason: 'all-closed' });
        return;
      }
      const least = Math.min(...opens.map((i) => wait(`q${i}`)));
      expect(res.reason).toBe('all-over-bound');
      expect(wait(res.queueId)).toBe(least);
    }), { numRuns: 300 });
  });
});
