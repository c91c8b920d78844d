import type { QueueStats } from './types.js';

/**
 * The day's history behind the wallboard charts: queue depth and service level per queue,
 * sampled on every refresh into buckets of {@link BUCKET_MS}. Within a bucket depth keeps its
 * peak (a burst is not lost between samples) and service level its latest value. Samples of an
 * earlier day are dropped. Pure; the page keeps it in `localStorage` so a reload keeps the day.
 */

export const BUCKET_MS = 5_000;

export interface Sample {
  /** Start of the bucket, server time (ms). */
  readonly t: number;
  readonly depth: Readonly<Record<string, number>>;
  readonly sl: Readonly<Record<string, number | null>>;
}

export interface History {
  /** The day the samples belong to (`YYYY-MM-DD`, local time of the browser). */
  readonly day: string;
  readonly samples: readonly Sample[];
}

export const dayOf = (t: number): string => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const emptyHistory = (t: number): History => ({ day: dayOf(t), samples: [] });

/** Adds the statistics read at server time `t`. */
export function addSample(h: History, t: number, stats: readonly QueueStats[]): History {
  const day = dayOf(t);
  const base = h.day === day ? h.samples : [];
  const bucket = t - (t % BUCKET_MS);
  const depth = Object.fromEntries(stats.map((s) => [s.queueId, s.waiting]));
  const sl = Object.fromEntries(stats.map((s) => [s.queueId, s.serviceLevel]));
  const last = base[base.length - 1];
  if (last !== undefined && last.t === bucket) {
    const peak = Object.fromEntries(Object.entries(depth).map(([q, n]) => [q, Math.max(n, last.depth[q] ?? 0)]));
    return { day, samples: [...base.slice(0, -1), { t: bucket, depth: { ...last.depth, ...peak }, sl: { ...last.sl, ...sl } }] };
  }
  if (last !== undefined && last.t > bucket) return h; // a read that arrived late: the newer one stands
  return { day, samples: [...base, { t: bucket, depth, sl }] };
}

/** One minute of one queue as the service kept it (`GET /v1/queues/timeline`). */
export interface TimelinePoint {
  readonly t: number;
  readonly waiting: number;
  readonly serviceLevel: number | null;
}

/** Local midnight of the day of `t` (ms): where "today" starts. */
export function startOfDay(t: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * Fills the day with what the service sampled while the page was closed: each server minute
 * becomes a sample unless the page has its own samples in that minute (they are finer).
 */
export function withServerDay(h: History, timeline: Readonly<Record<string, readonly TimelinePoint[]>>, t: number): History {
  const day = dayOf(t);
  const local = h.day === day ? h.samples : [];
  const minutes = new Map<number, { depth: Record<string, number>; sl: Record<string, number | null> }>();
  for (const [queueId, points] of Object.entries(timeline)) {
    for (const p of points) {
      if (p.t < startOfDay(t) || p.t > t) continue;
      const m = minutes.get(p.t) ?? { depth: {}, sl: {} };
      m.depth[queueId] = p.waiting;
      m.sl[queueId] = p.serviceLevel;
      minutes.set(p.t, m);
    }
  }
  const covered = new Set(local.map((s) => s.t - (s.t % 60_000)));
  const server = [...minutes.entries()].filter(([m]) => !covered.has(m)).map(([m, v]): Sample => ({ t: m, depth: v.depth, sl: v.sl }));
  return { day, samples: [...local, ...server].sort((a, b) => a.t - b.t) };
}

/** uPlot's columns: x in seconds, then one series per queue (`null` where it has no value). */
export type ChartData = [number[], ...Array<Array<number | null>>];

export function chartData(h: History, queueIds: readonly string[], metric: 'depth' | 'sl'): ChartData {
  const xs = h.samples.map((s) => s.t / 1000);
  const series = queueIds.map((q) => h.samples.map((s) => (metric === 'depth' ? s.depth[q] ?? null : s.sl[q] ?? null)));
  return [xs, ...series];
}

/** Reads a stored history back; anything malformed is an empty day. */
export function parseHistory(text: string | null, t: number): History {
  if (text === null) return emptyHistory(t);
  try {
    const v = JSON.parse(text) as Partial<History>;
    if (v.day !== dayOf(t) || !Array.isArray(v.samples)) return emptyHistory(t);
    return { day: v.day, samples: v.samples.filter((s): s is Sample => typeof s?.t === 'number' && typeof s.depth === 'object' && typeof s.sl === 'object') };
  } catch {
    return emptyHistory(t);
  }
}
