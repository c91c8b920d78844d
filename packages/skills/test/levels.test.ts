import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromLevelVector, toLevelVector, type SkillsError } from '../src/index.js';
import { SKILL_IDS, catalogue, thrown } from './arbitraries.js';

describe('toLevelVector / fromLevelVector', () => {
  it('puts each level at its catalogue index, 0 for missing skills', () => {
    expect([...toLevelVector(catalogue, { 'lang.ru': 5, sales: 1 })]).toEqual([1, 0, 5, 0, 0, 0]);
    expect([...toLevelVector(catalogue, {})]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('fromLevelVector lists skills in catalogue order and reads a short vector as zeros', () => {
    expect(Object.entries(fromLevelVector(catalogue, Uint8Array.of(0, 3, 2)))).toEqual([['support', 3], ['lang.ru', 2]]);
  });

  it('round-trips any valid levels', () => {
    const levels = fc.dictionary(fc.constantFrom(...SKILL_IDS), fc.integer({ min: 1, max: 5 }));
    fc.assert(
      fc.property(levels, (input) => {
        expect(fromLevelVector(catalogue, toLevelVector(catalogue, input))).toEqual(input);
      }),
    );
  });

  it('rejects a skill not in the catalogue with SKILL_UNKNOWN', () => {
    const e = thrown(() => toLevelVector(catalogue, { sales: 3, billing: 2 })) as SkillsError;
    expect(e.code).toBe('SKILL_UNKNOWN');
    expect(e.message).toContain("'billing'");
  });

  it.each([0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null, true])('rejects the level %j', (level) => {
    const e = thrown(() => toLevelVector(catalogue, { sales: 3, support: level as number })) as SkillsError;
    expect(e.code).toBe('SKILL_LEVEL_INVALID');
    expect(e.message).toContain("'support'");
  });

  it.each([null, undefined, 3, 'sales', [['sales', 3]], new Map([['sales', 3]])])(
    'rejects input that is not a plain object: %j',
    (levels) => {
      expect((thrown(() => toLevelVector(catalogue, levels as never)) as SkillsError).code).toBe('SKILL_LEVEL_INVALID');
    },
  );

  it('accepts a null-prototype object', () => {
    const levels = Object.assign(Object.create(null) as Record<string, number>, { trainee: 2 });
    expect([...toLevelVector(catalogue, levels)]).toEqual([0, 0, 0, 0, 2, 0]);
  });
});
