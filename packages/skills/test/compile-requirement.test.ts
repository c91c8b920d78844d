import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRequirement, formatRequirement, requirementSkills, toLevelVector, type SkillsError } from '../src/index.js';
import { catalogue, catalogueRequirement, levelVector, naiveMatches, thrown } from './arbitraries.js';

const v = (levels: Record<string, number>): Uint8Array => toLevelVector(catalogue, levels);

describe('compileRequirement', () => {
  it('matches the spec semantics on examples', () => {
    const notTrainee = compileRequirement(catalogue, '!trainee');
    expect(notTrainee.matches(v({}))).toBe(true);
    expect(notTrainee.matches(v({ trainee: 1 }))).toBe(false);
    const lowSales = compileRequirement(catalogue, 'sales<3');
    expect(lowSales.matches(v({}))).toBe(true);
    expect(lowSales.matches(v({ sales: 3 }))).toBe(false);
    const example = compileRequirement(catalogue, 'sales>=3 & (lang.ru | lang.en>=2) & !trainee');
    expect(example.matches(v({ sales: 3, 'lang.ru': 1 }))).toBe(true);
    expect(example.matches(v({ sales: 5, 'lang.en': 1 }))).toBe(false);
    expect(example.matches(v({ sales: 5, 'lang.en': 2, trainee: 1 }))).toBe(false);
    expect(compileRequirement(catalogue, '*').matches(v({}))).toBe(true);
    expect(compileRequirement(catalogue, '!*').matches(v({ sales: 5 }))).toBe(false);
  });

  it('reads a vector shorter than the catalogue as level 0', () => {
    expect(compileRequirement(catalogue, 'product.tv-plus=0').matches(Uint8Array.of(5))).toBe(true);
    expect(compileRequirement(catalogue, 'product.tv-plus & sales').matches(Uint8Array.of(5))).toBe(false);
  });

  it('exposes the requirement and the referenced skill indices in first-seen order', () => {
    const compiled = compileRequirement(catalogue, 'trainee<2 | sales & !trainee & lang.ru');
    expect(compiled.skillIndices).toEqual([4, 0, 2]);
    expect(compiled.requirement).toEqual({
      any: [{ skill: 'trainee', op: '<', level: 2 }, { all: [{ skill: 'sales' }, { not: { skill: 'trainee' } }, { skill: 'lang.ru' }] }],
    });
  });

  it('rejects skills not in the catalogue with SKILL_UNKNOWN naming all of them', () => {
    const e = thrown(() => compileRequirement(catalogue, 'sales & billing | !vip & billing')) as SkillsError;
    expect(e.code).toBe('SKILL_UNKNOWN');
    expect(e.message).toBe("Skill is not in the catalogue: 'billing', 'vip'");
  });

  it('passes on syntax and shape errors', () => {
    expect((thrown(() => compileRequirement(catalogue, 'sales &')) as SkillsError).code).toBe('REQUIREMENT_SYNTAX');
    expect((thrown(() => compileRequirement(catalogue, { skill: 'sales', level: 7 })) as SkillsError).code).toBe('REQUIREMENT_INVALID');
  });

  it('equals the naive interpreter, from JSON and from text', () => {
    fc.assert(
      fc.property(catalogueRequirement, fc.array(levelVector, { minLength: 1, maxLength: 8 }), (req, agents) => {
        const fromJson = compileRequirement(catalogue, req);
        const fromText = compileRequirement(catalogue, formatRequirement(req));
        for (const levels of agents) {
          const expected = naiveMatches(req, levels);
          expect(fromJson.matches(levels)).toBe(expected);
          expect(fromText.matches(levels)).toBe(expected);
        }
        expect(fromJson.skillIndices).toEqual(requirementSkills(req).map((s) => catalogue.indexOf(s)));
      }),
      { numRuns: 1000 },
    );
  });
});
