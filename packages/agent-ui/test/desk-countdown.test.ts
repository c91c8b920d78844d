import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countdown, elapsedLabel, formatSeconds, observeClock } from '../src/agent/countdown.js';

describe('countdown', () => {
  it('rounds up to whole seconds and stops at zero', () => {
    expect(countdown(10_000, 0, 0)).toEqual({ remainingMs: 10_000, seconds: 10, fraction: 1, expired: false, label: '0:10' });
    expect(countdown(10_000, 9_800).seconds).toBe(1);
    expect(countdown(10_000, 12_000)).toMatchObject({ remainingMs: 0, seconds: 0, expired: true, label: '0:00', fraction: undefined });
  });

  it('never goes up as time passes, and stays within 0–1 of its span', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: -1e6, max: 2e6 }), fc.nat(1e5), (start, span, t, dt) => {
      const a = countdown(start + span, t, start);
      const b = countdown(start + span, t + dt, start);
      expect(b.remainingMs).toBeLessThanOrEqual(a.remainingMs);
      expect(b.seconds).toBeLessThanOrEqual(a.seconds);
      expect(a.fraction).toBeGreaterThanOrEqual(0);
      expect(a.fraction).toBeLessThanOrEqual(1);
    }));
  });

  it('formats m:ss and h:mm:ss', () => {
    expect([0, 7, 65, 600, 3_725, -3].map(formatSeconds)).toEqual(['0:00', '0:07', '1:05', '10:00', '1:02:05', '0:00']);
    expect(elapsedLabel(1_000, 62_500)).toBe('1:01');
  });
});

describe('observeClock', () => {
  it('follows a larger sample at once and a smaller one an eighth of the way', () => {
    expect(observeClock(undefined, 5_000, 1_000)).toBe(4_000);
    expect(observeClock(4_000, 10_500, 6_000)).toBe(4_500);
    expect(observeClock(4_000, 9_200, 6_000)).toBe(4_000 - 800 / 8);
  });

  it('settles within the delivery delay of the true offset, whatever the delays', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.nat(2_000), { minLength: 1, maxLength: 50 }), (trueOffset, delays) => {
      let est: number | undefined;
      let local = 1e12;
      for (const d of delays) {
        local += 1_000;
        est = observeClock(est, local - d + trueOffset, local); // made d ms before it arrived
      }
      expect(est).toBeLessThanOrEqual(trueOffset);
      expect(est).toBeGreaterThanOrEqual(trueOffset - Math.max(...delays));
    }));
  });
});
