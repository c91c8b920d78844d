import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProficiencyMatrix, type SkillsError } from '../src/index.js';
import { SKILL_IDS, catalogue, thrown } from './arbitraries.js';

const goodLevels = fc.dictionary(fc.constantFrom(...SKILL_IDS), fc.integer({ min: 1, max: 5 }));
const goodChanges = fc.dictionary(fc.constantFrom(...SKILL_IDS), fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }));
/** One bad entry (unknown skill or bad level), mixed into otherwise good changes. */
const badEntry = fc.oneof(
  fc.tuple(fc.constantFrom('billing', 'lang', 'Sales'), fc.integer({ min: 1, max: 5 })),
  fc.tuple(fc.constantFrom(...SKILL_IDS), fc.constantFrom(0, 6, -1, 2.5, Number.NaN)),
);

describe('ProficiencyMatrix', () => {
  it('set / get / vector / delete / agentIds / toJSON', () => {
    const matrix = new ProficiencyMatrix(catalogue);
    expect([...matrix.set('a1', { sales: 4, 'lang.ru': 5 })]).toEqual([4, 0, 5, 0, 0, 0]);
    matrix.set('a2', { trainee: 1 });
    expect(matrix.get('a1')).toEqual({ sales: 4, 'lang.ru': 5 });
    expect([...(matrix.vector('a2') ?? [])]).toEqual([0, 0, 0, 0, 1, 0]);
    expect(matrix.agentIds()).toEqual(['a1', 'a2']);
    expect(matrix.toJSON()).toEqual({ a1: { sales: 4, 'lang.ru': 5 }, a2: { trainee: 1 } });
    expect(matrix.delete('a2')).toBe(true);
    expect(matrix.delete('a2')).toBe(false);
    expect(matrix.get('a2')).toBeUndefined();
    expect(matrix.vector('a2')).toBeUndefined();
  });

  it('patch sets, keeps and removes (null) skills, and creates unknown agents', () => {
    const matrix = new ProficiencyMatrix(catalogue);
    matrix.set('a1', { sales: 4, 'lang.ru': 5 });
    matrix.patch('a1', { sales: 5, 'lang.ru': null, support: 2 });
    expect(matrix.get('a1')).toEqual({ sales: 5, support: 2 });
    matrix.patch('new', { trainee: 3 });
    expect(matrix.get('new')).toEqual({ trainee: 3 });
  });

  it('hands out copies: mutating a returned vector does not change the matrix', () => {
    const matrix = new ProficiencyMatrix(catalogue);
    matrix.set('a1', { sales: 4 }).fill(5);
    matrix.vector('a1')?.fill(5);
    matrix.patch('a1', {}).fill(5);
    expect(matrix.get('a1')).toEqual({ sales: 4 });
  });

  it('patch equals merging into the model', () => {
    fc.assert(
      fc.property(goodLevels, goodChanges, (start, changes) => {
        const matrix = new ProficiencyMatrix(catalogue);
        matrix.set('a', start);
        matrix.patch('a', changes);
        const expected: Record<string, number> = { ...start };
        for (const [skill, level] of Object.entries(changes)) {
          if (level === null) delete expected[skill];
          else expected[skill] = level;
        }
        expect(matrix.get('a')).toEqual(expected);
      }),
    );
  });

  it('is all-or-nothing: a set or patch with any bad entry changes nothing', () => {
    fc.assert(
      fc.property(
        goodLevels,
        goodChanges,
        badEntry,
        fc.nat(),
        fc.boolean(),
        (start, changes, [badSkill, badLevel], at, useSet) => {
          const matrix = new ProficiencyMatrix(catalogue);
          matrix.set('a', start);
          const before = JSON.stringify(matrix.toJSON());
          const entries: Array<[string, number | null]> = Object.entries(changes).filter(([skill]) => skill !== badSkill);
          entries.splice(at % (entries.length + 1), 0, [badSkill, badLevel]);
          const input = Object.fromEntries(entries);
          const e = thrown(() => (useSet ? matrix.set('a', input as Record<string, number>) : matrix.patch('a', input)));
          expect(['SKILL_UNKNOWN', 'SKILL_LEVEL_INVALID']).toContain((e as SkillsError).code);
          expect(JSON.stringify(matrix.toJSON())).toBe(before);
          expect(matrix.agentIds()).toEqual(['a']);
        },
      ),
    );
  });

  it('a rejected first write does not create the agent', () => {
    const matrix = new ProficiencyMatrix(catalogue);
    expect((thrown(() => matrix.set('a', { sales: 9 })) as SkillsError).code).toBe('SKILL_LEVEL_INVALID');
    expect((thrown(() => matrix.patch('b', { nope: 1 })) as SkillsError).code).toBe('SKILL_UNKNOWN');
    expect((thrown(() => matrix.patch('c', [] as never)) as SkillsError).code).toBe('SKILL_LEVEL_INVALID');
    expect(matrix.agentIds()).toEqual([]);
  });

  it('works with a catalogue grown by with()', () => {
    const matrix = new ProficiencyMatrix(catalogue.with({ id: 'billing' }));
    matrix.set('a', { billing: 2, sales: 1 });
    expect(matrix.get('a')).toEqual({ sales: 1, billing: 2 });
  });
});
