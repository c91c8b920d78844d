import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScorer, toLevelVector, type SkillsError } from '../src/index.js';
import { SKILL_IDS, catalogue, levelVector, thrown } from './arbitraries.js';

const v = (levels: Record<string, number>): Uint8Array => toLevelVector(catalogue, levels);

describe('compileScorer', () => {
  it('scores the weighted sum of levels and explains it', () => {
    const scorer = compileScorer(catalogue, { sales: 2, 'lang.ru': 1.5, trainee: 0 });
    expect(scorer.score(v({ sales: 4, 'lang.ru': 2, trainee: 3 }))).toBe(11);
    expect(scorer.components(v({ sales: 4 }))).toEqual([
      { skill: 'sales', level: 4, weight: 2, contribution: 8 },
      { skill: 'lang.ru', level: 0, weight: 1.5, contribution: 0 },
      { skill: 'trainee', level: 0, weight: 0, contribution: 0 },
    ]);
  });

  it('without weights, weighs each skill the requirement references by 1', () => {
    const scorer = compileScorer(catalogue, undefined, 'sales>=3 & (lang.ru | sales>=5)');
    expect(scorer.score(v({ sales: 4, 'lang.ru': 2, support: 5 }))).toBe(6);
    expect(scorer.components(v({})).map((c) => c.skill)).toEqual(['sales', 'lang.ru']);
  });

  it('without weights or requirement, scores 0', () => {
    expect(compileScorer(catalogue).score(v({ sales: 5 }))).toBe(0);
    expect(compileScorer(catalogue, undefined, '*').components(v({ sales: 5 }))).toEqual([]);
  });

  it('reads a short vector as level 0', () => {
    expect(compileScorer(catalogue, { 'product.tv-plus': 3, sales: 1 }).score(Uint8Array.of(2))).toBe(2);
  });

  it('score is the sum of the component contributions', () => {
    const weights = fc.dictionary(fc.constantFrom(...SKILL_IDS), fc.double({ min: 0, max: 100, noNaN: true }));
    fc.assert(
      fc.property(weights, levelVector, (w, levels) => {
        const scorer = compileScorer(catalogue, w);
        const components = scorer.components(levels);
        expect(components.map((c) => c.skill)).toEqual(Object.keys(w));
        expect(scorer.score(levels)).toBeCloseTo(components.reduce((sum, c) => sum + c.weight * c.level, 0), 9);
      }),
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '2', null])('rejects the weight %j with WEIGHT_INVALID', (weight) => {
    const e = thrown(() => compileScorer(catalogue, { sales: 1, support: weight as number })) as SkillsError;
    expect(e.code).toBe('WEIGHT_INVALID');
    expect(e.message).toContain("'support'");
  });

  it('rejects weights that are not a plain object', () => {
    expect((thrown(() => compileScorer(catalogue, [1, 2] as never)) as SkillsError).code).toBe('WEIGHT_INVALID');
  });

  it('rejects unknown skills in weights or requirement, and bad requirements', () => {
    expect((thrown(() => compileScorer(catalogue, { vip: 1 })) as SkillsError).message).toContain("'vip'");
    expect((thrown(() => compileScorer(catalogue, undefined, 'vip')) as SkillsError).code).toBe('SKILL_UNKNOWN');
    expect((thrown(() => compileScorer(catalogue, { sales: 1 }, 'vip')) as SkillsError).code).toBe('SKILL_UNKNOWN');
    expect((thrown(() => compileScorer(catalogue, { sales: 1 }, 'sales &')) as SkillsError).code).toBe('REQUIREMENT_SYNTAX');
  });
});
