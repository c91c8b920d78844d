import { describe, expect, it } from 'vitest';
import { BUCKET_MS, addSample, chartData, dayOf, emptyHistory, parseHistory, startOfDay, withServerDay } from '../src/supervisor/wallboard-history.js';
import type { QueueStats } from '../src/supervisor/types.js';

const s = (queueId: string, waiting: number, serviceLevel: number | null = null): QueueStats => ({
  queueId, waiting, waitingForPreferred: 0, longestWaitMs: 0, readyAgents: 0, offered: 0, answered: 0, abandoned: 0, serviceLevel,
  serviceLevelTarget: { percent: 80, thresholdSeconds: 20 }, asaMs: null, ahtMs: null, abandonmentRate: null,
});

const noon = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('wallboard history', () => {
  it('keeps one sample per bucket: the peak depth and the latest service level', () => {
    let h = emptyHistory(noon);
    h = addSample(h, noon + 100, [s('a', 3, 90)]);
    h = addSample(h, noon + 200, [s('a', 1, 80)]);
    h = addSample(h, noon + BUCKET_MS + 1, [s('a', 0, 75)]);
    expect(h.samples).toEqual([{ t: noon, depth: { a: 3 }, sl: { a: 80 } }, { t: noon + BUCKET_MS, depth: { a: 0 }, sl: { a: 75 } }]);
  });

  it('ignores a read older than the newest sample', () => {
    const h = addSample(emptyHistory(noon), noon + 2 * BUCKET_MS, [s('a', 1)]);
    expect(addSample(h, noon, [s('a', 9)])).toBe(h);
  });

  it('starts over on a new day', () => {
    const h = addSample(emptyHistory(noon), noon, [s('a', 1)]);
    const tomorrow = noon + 24 * 3600_000;
    expect(addSample(h, tomorrow, [s('a', 2)])).toEqual({ day: dayOf(tomorrow), samples: [{ t: tomorrow - (tomorrow % BUCKET_MS), depth: { a: 2 }, sl: { a: null } }] });
  });

  it('gives uPlot columns: seconds, then a series per queue with gaps as null', () => {
    let h = addSample(emptyHistory(noon), noon, [s('a', 1, 50)]);
    h = addSample(h, noon + BUCKET_MS, [s('a', 2, 60), s('b', 4, null)]);
    expect(chartData(h, ['a', 'b'], 'depth')).toEqual([[noon / 1000, noon / 1000 + 5], [1, 2], [null, 4]]);
    expect(chartData(h, ['a', 'b'], 'sl')).toEqual([[noon / 1000, noon / 1000 + 5], [50, 60], [null, null]]);
  });

  it("reads back today's stored history and nothing else", () => {
    const h = addSample(emptyHistory(noon), noon, [s('a', 1)]);
    expect(parseHistory(JSON.stringify(h), noon + 1000)).toEqual(h);
    expect(parseHistory(JSON.stringify(h), noon + 24 * 3600_000).samples).toEqual([]);
    expect(parseHistory('{not json', noon).samples).toEqual([]);
    expect(parseHistory(null, noon).samples).toEqual([]);
    expect(parseHistory(JSON.stringify({ day: dayOf(noon), samples: [{ t: 'x' }, h.samples[0]] }), noon).samples).toEqual(h.samples);
  });
});

describe('the service timeline fills the day', () => {
  const now = new Date(2026, 11, 7, 15, 0, 0).getTime();
  const nine = new Date(2026, 11, 7, 9, 0, 0).getTime();

  it('adds the minutes the page never saw, keeps its own finer samples, and leaves out yesterday', () => {
    const local = addSample(emptyHistory(now), now - 10_000, [{ queueId: 'sales', waiting: 4, serviceLevel: 70 } as never]);
    const filled = withServerDay(local, {
      sales: [{ t: nine - 86_400_000, waiting: 9, serviceLevel: 10 }, { t: nine, waiting: 2, serviceLevel: 90 }, { t: now - 60_000, waiting: 7, serviceLevel: 60 }],
      vip: [{ t: nine, waiting: 1, serviceLevel: null }],
    }, now);
    expect(filled.samples.map((s) => [s.t, s.depth, s.sl])).toEqual([
      [nine, { sales: 2, vip: 1 }, { sales: 90, vip: null }],
      [now - 10_000 - ((now - 10_000) % 5_000), { sales: 4 }, { sales: 70 }],
    ]);
    expect(startOfDay(now)).toBe(new Date(2026, 11, 7).getTime());
  });
});
