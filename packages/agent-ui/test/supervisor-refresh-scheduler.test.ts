import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshScheduler } from '../src/supervisor/refresh-scheduler.js';
import { ServerClock } from '../src/supervisor/server-clock.js';

describe('refresh scheduler', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  const make = (refresh: () => Promise<void>) =>
    new RefreshScheduler(refresh, { debounceMs: 300, maxDelayMs: 1_000, pollMs: 10_000 }, {
      setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number), setInterval: (f, ms) => setInterval(f, ms), clearInterval: (h) => clearInterval(h as number),
    }, () => Date.now());

  it('refreshes once after a burst of events has been quiet for the debounce time', async () => {
    const refresh = vi.fn(async () => {});
    const s = make(refresh);
    s.nudge();
    await vi.advanceTimersByTimeAsync(200);
    s.nudge();
    await vi.advanceTimersByTimeAsync(299);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('still refreshes within the maximum delay while events keep coming', async () => {
    const refresh = vi.fn(async () => {});
    const s = make(refresh);
    for (let t = 0; t < 1_000; t += 100) {
      s.nudge();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('polls without events, and stops', async () => {
    const refresh = vi.fn(async () => {});
    const s = make(refresh);
    s.start();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    s.stop();
    s.nudge();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('runs one refresh at a time, and one more after it for the asks that came meanwhile', async () => {
    let release: () => void = () => {};
    const refresh = vi.fn(() => new Promise<void>((r) => { release = r; }));
    const s = make(refresh);
    const first = s.run();
    void s.run();
    void s.run();
    expect(refresh).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    release();
    await first;
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('keeps going after a refresh fails', async () => {
    const refresh = vi.fn().mockRejectedValueOnce(new Error('503')).mockResolvedValue(undefined);
    const s = make(refresh);
    await s.run();
    await s.run();
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});

describe('server clock', () => {
  it('is the local clock while the server times seen are in the past', () => {
    const c = new ServerClock();
    c.observe(500, 1_000); // an agent's state changed long ago on an idle server
    expect(c.now(2_000)).toBe(2_000);
  });

  it('moves ahead when a server time arrives from the local future (the browser clock is behind)', () => {
    const c = new ServerClock();
    c.observe(5_000, 1_000);
    expect(c.now(2_000)).toBe(6_000);
    c.observe(9_000, 3_000); // tighter
    expect(c.now(4_000)).toBe(10_000);
    c.observe(3_000, 5_000); // an old time says nothing new
    expect(c.now(5_000)).toBe(11_000);
  });
});
