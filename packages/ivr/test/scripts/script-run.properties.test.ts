import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_SCRIPTS, stepExits } from '../../src/scripts/index.js';
import { driveRun } from './arbitraries.js';

const choices = fc.array(fc.nat(), { maxLength: 40 });

describe.each(DEMO_SCRIPTS.map((def) => ({ id: def.id, def })))('random runs of demo script $id', ({ def }) => {
  const stepCount = Object.keys(def.steps).length;

  it('end within the number of steps, each step a legal move, offers only when allowed', () => {
    fc.assert(
      fc.property(fc.boolean(), choices, (offersAllowed, picks) => {
        const { run, calls } = driveRun(def, offersAllowed, picks, stepCount);
        expect(run.done).toBe(true);
        expect(calls).toBeLessThanOrEqual(stepCount);
        expect(run.path).toHaveLength(calls);
        const phases = run.path.map((entry) => def.steps[entry.stepId]?.phase);
        if (!offersAllowed) expect(phases).not.toContain('offer');
        if (offersAllowed) expect(run.skipped).toEqual([]);
        expect(def.steps[run.path.at(-1)?.stepId ?? '']?.end).toBe(true);
        for (const [i, entry] of run.path.slice(0, -1).entries()) {
          const exit = stepExits(def.steps[entry.stepId] ?? { phase: 'close', say: '' }).find((e) => e.answer === entry.answer);
          const next = run.path[i + 1]?.stepId;
          // the next step is the exit's target, or where a skipped offer on the way leads
          expect(exit?.target === next || run.skipped.includes(exit?.target ?? '')).toBe(true);
        }
      }),
    );
  });
});
