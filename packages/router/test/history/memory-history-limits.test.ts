import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryDraft } from '../../src/service/history/history-entry.js';
import { MemoryInteractionHistory } from '../../src/service/history/memory-interaction-history.js';

const entry = (interactionId: string, at: number, agentId: string, customerId: string): HistoryDraft =>
  ({ interactionId, at, kind: 'answered', source: 'router', agentId, customerId, details: {} });

describe('MemoryInteractionHistory bounds', () => {
  it('keeps the latest interactions (by when they were first seen), forgetting the oldest from every index', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 300 }), async (limit, ids) => {
      const history = new MemoryInteractionHistory({ interactions: limit });
      const kept: string[] = []; // the model: interactions in the order they were (re)started, the newest `limit`
      for (const [i, n] of ids.entries()) {
        const id = `c${n}`;
        await history.append(entry(id, i, `a${n % 3}`, `cu${n % 4}`));
        if (!kept.includes(id)) kept.push(id);
        if (kept.length > limit) kept.shift();
      }
      for (const n of new Set(ids)) {
        const id = `c${n}`;
        const entries = await history.entries(id);
        const byAgent = await history.interactionsOfAgent(`a${n % 3}`, 1_000);
        const byCustomer = await history.interactionsOfCustomer(`cu${n % 4}`, 1_000);
        expect(entries.length > 0).toBe(kept.includes(id));
        expect(byAgent.includes(id)).toBe(kept.includes(id));
        expect(byCustomer.includes(id)).toBe(kept.includes(id));
      }
    }), { numRuns: 200 });
  });
});
