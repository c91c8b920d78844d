import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryExpiringValues } from '../../src/service/memory-ports.js';

describe('MemoryExpiringValues', () => {
  it('stores once, expires, and gives a value to one take', async () => {
    let now = 0;
    const values = new MemoryExpiringValues(() => now);
    expect(await values.putIfAbsent('k', 'a', 10)).toBe(true);
    expect(await values.putIfAbsent('k', 'b', 10)).toBe(false);
    expect(await values.get('k')).toBe('a');
    now = 10;
    expect(await values.get('k')).toBeUndefined();
    expect(await values.putIfAbsent('k', 'c', 10)).toBe(true);
    expect(await values.take('k')).toBe('c');
    expect(await values.take('k')).toBeUndefined();
  });

  it('sweeps expired values as it goes: never more than about twice the live ones are held', () => {
    const put = fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(fc.property(fc.array(put, { minLength: 500, maxLength: 3_000 }), (puts) => {
      let now = 0;
      const values = new MemoryExpiringValues(() => now);
      const until: number[] = [];
      puts.forEach(([ttl, step], i) => {
        now += step;
        void values.put(`k${i}`, 'v', ttl);
        until.push(now + ttl);
        if (i % 10 !== 0) return;
        const live = until.filter((u) => u > now).length;
        expect(values.size).toBeLessThanOrEqual(2 * live + 2 * 50 + 2);
      });
    }), { numRuns: 30 });
  });

  it('a value never outlives its time, swept or not', async () => {
    let now = 0;
    const values = new MemoryExpiringValues(() => now);
    for (let i = 0; i < 100; i++) await values.putIfAbsent(`k${i}`, String(i), 1 + (i % 7));
    now = 4;
    for (let i = 0; i < 100; i++) expect(await values.get(`k${i}`)).toBe(1 + (i % 7) > 4 ? String(i) : undefined);
  });
});
