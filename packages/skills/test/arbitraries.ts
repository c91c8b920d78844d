/** Shared fast-check arbitraries and a naive reference interpreter for the skills tests. */
import fc from 'fast-check';
import { COMPARATORS, SkillCatalogue, isValidSkillId, type Comparator, type LevelVector, type Requirement } from '../src/index.js';

/** A small fixed catalogue, so random requirements and random agents overlap a lot. */
export const SKILL_IDS = ['sales', 'support', 'lang.ru', 'lang.en', 'trainee', 'product.tv-plus'] as const;
export const catalogue = SkillCatalogue.create(SKILL_IDS.map((id) => ({ id })));

/** Ids that stress the lexer: keyword prefixes, keyword-like dotted ids, dashes, digits. */
const TRICKY_IDS = ['Andy', 'ANDX', 'notx', 'or1', 'NOT.x', 'a-b', 'x.1', 'Z_9.-', 'a'.repeat(64)];

/** Any valid skill id, with tricky ones mixed in. */
export const anySkillId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY_IDS),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}(\.[A-Za-z0-9_-]{1,4}){0,2}$/).filter(isValidSkillId),
);

const comparator: fc.Arbitrary<Comparator> = fc.constantFrom(...COMPARATORS);
const level = fc.integer({ min: 0, max: 5 });

/** An atom in any of its JSON spellings (with or without `op` / `level`). */
export function atomOf(skill: fc.Arbitrary<string>): fc.Arbitrary<Requirement> {
  return fc.record({ skill, op: comparator, level }, { requiredKeys: ['skill'] });
}

/** Random requirement trees (depth well under the limit, so formatted text stays short). */
export function requirementOf(skill: fc.Arbitrary<string>, maxDepth = 5): fc.Arbitrary<Requirement> {
  return fc.letrec<{ node: Requirement }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthSize: 'small', withCrossShrink: true },
      atomOf(skill),
      fc.record({ all: fc.array(tie('node'), { maxLength: 4 }) }),
      fc.record({ any: fc.array(tie('node'), { maxLength: 4 }) }),
      fc.record({ not: tie('node') }),
    ),
  })).node;
}

/** Requirements over the fixed catalogue, including flat `all` / `any` of atoms (the specialised shapes). */
export const catalogueRequirement: fc.Arbitrary<Requirement> = fc.oneof(
  requirementOf(fc.constantFrom(...SKILL_IDS)),
  fc.record({ all: fc.array(atomOf(fc.constantFrom(...SKILL_IDS)), { maxLength: 5 }) }),
  fc.record({ any: fc.array(atomOf(fc.constantFrom(...SKILL_IDS)), { maxLength: 5 }) }),
);

/** Level vectors over the fixed catalogue; sometimes shorter (built before skills were appended). */
export const levelVector: fc.Arbitrary<LevelVector> = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 })), { minLength: 0, maxLength: SKILL_IDS.length })
  .map((levels) => Uint8Array.from(levels));

/** Reference semantics, written straight from the spec: L op level, L = 0 when missing. */
export function naiveMatches(req: Requirement, levels: LevelVector): boolean {
  if ('skill' in req) {
    const have = levels[catalogue.indexOf(req.skill)] ?? 0;
    const want = req.level ?? 1;
    switch (req.op ?? '>=') {
      case '>=': return have >= want;
      case '>': return have > want;
      case '<=': return have <= want;
      case '<': return have < want;
      case '=': return have === want;
      case '!=': return have !== want;
    }
  }
  if ('all' in req) return req.all.every((child) => naiveMatches(child, levels));
  if ('any' in req) return req.any.some((child) => naiveMatches(child, levels));
  return !naiveMatches(req.not, levels);
}

/** Catches what `fn` throws (failing when it does not throw). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
