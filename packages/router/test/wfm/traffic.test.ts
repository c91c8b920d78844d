import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/wfm/scenario-check.js';
import { drawTraffic } from '../../src/wfm/traffic.js';

const domain = { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }, { id: 'r', steps: [{ requirement: 's', afterSeconds: 0 }] }] };
const agents = [{ id: 'a', count: 1, skills: { s: 1 } }];
const call = { id: 'call', queueId: 'q', arrivals: { perHour: 3600 }, handleTime: { kind: 'exponential', meanSeconds: 100 } };

/** Kolmogorov–Smirnov distance between a sample and a distribution function. */
function ksDistance(sample: number[], cdf: (x: number) => number): number {
  const xs = [...sample].sort((a, b) => a - b);
  let d = 0;
  xs.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / xs.length), Math.abs(f - (i + 1) / xs.length));
  });
  return d;
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0) / xs.length;

describe('traffic', () => {
  it('draws Poisson arrivals: the rate per hour, exponential gaps (KS at 1 %)', () => {
    const s = checkScenario({ intervals: 20, intervalMinutes: 60, domain, agents, contactTypes: [call] });
    const t = drawTraffic(s);
    // 72,000 expected: the count is within 4 standard deviations (√72,000 ≈ 268)
    expect(Math.abs(t.count - 72_000)).toBeLessThan(4 * 268);
    const gaps = Array.from({ length: t.count - 1 }, (_, i) => (t.at[i + 1] as number) - (t.at[i] as number));
    expect(ksDistance(gaps, (x) => 1 - Math.exp(-x))).toBeLessThan(1.63 / Math.sqrt(gaps.length));
    expect(ksDistance(Array.from(t.handle), (x) => 1 - Math.exp(-x / 100))).toBeLessThan(1.63 / Math.sqrt(t.count));
  });

  it('follows a rate per interval, and the warm-up runs at the first interval\'s rate', () => {
    const perInterval = [100, 0, 400, 1600];
    const s = checkScenario({ intervals: 4, intervalMinutes: 15, warmUpMinutes: 15, domain, agents, contactTypes: [{ ...call, arrivals: { perInterval } }] });
    const counts = [0, 0, 0, 0, 0];
    for (const at of drawTraffic(s).at) counts[Math.floor(at / 900) + 1]! += 1;
    [100, ...perInterval].forEach((expected, i) => expect(Math.abs((counts[i] as number) - expected), `interval ${i - 1}`).toBeLessThanOrEqual(4 * Math.sqrt(expected)));
    expect(counts[2]).toBe(0);
  });

  it('draws lognormal handle times with the given mean and deviation, fixed ones exactly', () => {
    const s = checkScenario({
      intervals: 10, intervalMinutes: 60, domain, agents,
      contactTypes: [
        { ...call, handleTime: { kind: 'lognormal', meanSeconds: 300, sdSeconds: 150 } },
        { ...call, id: 'fixed', handleTime: { kind: 'fixed', seconds: 42 } },
      ],
    });
    const t = drawTraffic(s);
    const logn = Array.from(t.handle).filter((_, i) => t.type[i] === 0);
    const m = mean(logn);
    const sd = Math.sqrt(mean(logn.map((x) => (x - m) ** 2)));
    expect(Math.abs(m - 300) / 300).toBeLessThan(0.01); // standard error ≈ 150/√36,000 = 0.8 s
    expect(Math.abs(sd - 150) / 150).toBeLessThan(0.03);
    expect(new Set(Array.from(t.handle).filter((_, i) => t.type[i] === 1))).toEqual(new Set([42]));
  });

  it('gives value tiers their shares, the rest none', () => {
    const s = checkScenario({ intervals: 10, intervalMinutes: 60, domain, agents, contactTypes: [{ ...call, valueTiers: { gold: 0.2, silver: 0.3 } }] });
    const t = drawTraffic(s);
    const share = (name: string) => Array.from(t.tier).filter((x) => t.tiers[x] === name).length / t.count;
    expect(Math.abs(share('gold') - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(share('silver') - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(share('none') - 0.5)).toBeLessThan(0.01);
  });

  it('takes at most 64 value tiers, per contact type and in all', () => {
    const many = (n: number, from = 0) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${from + i}`, 0]));
    expect(() => checkScenario({ intervals: 1, domain, agents, contactTypes: [{ ...call, valueTiers: many(65) }] }))
      .toThrowError(/contactTypes\[0\]\.valueTiers must list at most 64 tiers \(got 65\)/);
    expect(() => checkScenario({ intervals: 1, domain, agents, contactTypes: [{ ...call, valueTiers: many(40) }, { ...call, id: 'other', valueTiers: many(40, 40) }] }))
      .toThrowError(/at most 64 value tiers in all \(got 80\)/);
  });

  it('is the same for the same seed and replication, and a type\'s traffic does not depend on the others (common random numbers)', () => {
    const one = checkScenario({ seed: 9, intervals: 2, intervalMinutes: 60, domain, agents, contactTypes: [call] });
    const two = checkScenario({ seed: 9, intervals: 2, intervalMinutes: 60, domain, agents, contactTypes: [call, { ...call, id: 'other', queueId: 'r' }] });
    const a = drawTraffic(one, 3);
    expect(drawTraffic(one, 3)).toEqual(a);
    expect(drawTraffic(one, 4).at).not.toEqual(a.at);
    const b = drawTraffic(two, 3);
    const typeZero = (x: typeof b) => Array.from(x.at).filter((_, i) => x.type[i] === 0);
    expect(typeZero(b)).toEqual(Array.from(a.at));
    expect(Array.from(b.handle).filter((_, i) => b.type[i] === 0)).toEqual(Array.from(a.handle));
  });

  it('replays recorded arrival times as given', () => {
    const s = checkScenario({ intervals: 1, intervalMinutes: 60, domain, agents, contactTypes: [{ ...call, arrivals: { recorded: [30, 10, 20.5] } }] });
    expect(Array.from(drawTraffic(s).at)).toEqual([10, 20.5, 30]);
  });
});
