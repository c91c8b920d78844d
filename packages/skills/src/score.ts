import type { SkillCatalogue } from './catalogue.js';
import { describeValue } from './describe-value.js';
import { SkillsError } from './errors.js';
import type { LevelVector } from './levels.js';
import { isPlainObject } from './plain-object.js';
import { type RequirementInput, requirementSkills } from './requirement.js';
import { toRequirement } from './to-requirement.js';

/** Skill id -> weight (a finite number >= 0). */
export type SkillWeights = Readonly<Record<string, number>>;

/** One term of a score, for explaining a ranking. */
export interface ScoreComponent {
  readonly skill: string;
  /** The agent's level, 0 when it lacks the skill. */
  readonly level: number;
  readonly weight: number;
  /** `weight * level`. */
  readonly contribution: number;
}

/** Ranks qualified agents: higher is more skilled for the work. */
export interface CompiledScorer {
  /** Sum of `weight * level` over the weighted skills. */
  score(levels: LevelVector): number;
  /** The terms of {@link CompiledScorer.score}, one per weighted skill (also those at level 0). */
  components(levels: LevelVector): ScoreComponent[];
}

/**
 * Compiles a scorer. With `weights`, score = sum of `weight * level`; without, each skill the
 * `requirement` references gets weight 1 (no requirement: every score is 0). A given
 * requirement is always checked. Throws `WEIGHT_INVALID` for a weight that is not a finite
 * number >= 0 (or `weights` not being a plain object), `SKILL_UNKNOWN` for a skill not in the
 * catalogue, and whatever `toRequirement` throws.
 *
 * @example
 * ```ts
 * const scorer = compileScorer(catalogue, { sales: 2, 'lang.ru': 1 });
 * scorer.score(toLevelVector(catalogue, { sales: 4, 'lang.ru': 3 })); // 11
 * ```
 */
export function compileScorer(catalogue: SkillCatalogue, weights?: SkillWeights, requirement?: RequirementInput): CompiledScorer {
  const referenced = requirement === undefined ? [] : requirementSkills(toRequirement(requirement));
  const terms = weights === undefined ? referenced.map((skill): [string, number] => [skill, 1]) : checkedWeights(weights);
  const unknown = [...terms.map(([skill]) => skill), ...referenced].filter((skill) => !catalogue.has(skill));
  if (unknown.length > 0) throw new SkillsError('SKILL_UNKNOWN', [...new Set(unknown)].map((s) => `'${s}'`).join(', '));
  return termScorer(catalogue, terms);
}

function checkedWeights(weights: unknown): Array<[string, number]> {
  if (!isPlainObject(weights)) throw new SkillsError('WEIGHT_INVALID', `expected an object of skill id -> weight, got ${describeValue(weights)}`);
  return Object.entries(weights).map(([skill, weight]) => {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new SkillsError('WEIGHT_INVALID', `'${skill}' has weight ${describeValue(weight)}`);
    }
    return [skill, weight];
  });
}

function termScorer(catalogue: SkillCatalogue, terms: ReadonlyArray<readonly [string, number]>): CompiledScorer {
  const index = Int32Array.from(terms, ([skill]) => catalogue.indexOf(skill));
  const weight = Float64Array.from(terms, ([, w]) => w);
  const n = terms.length;
  return Object.freeze({
    score(v: LevelVector): number {
      let total = 0;
      for (let k = 0; k < n; k++) total += weight[k]! * (v[index[k]!] ?? 0);
      return total;
    },
    components(v: LevelVector): ScoreComponent[] {
      return terms.map(([skill, w], k) => {
        const level = v[index[k]!] ?? 0;
        return { skill, level, weight: w, contribution: w * level };
      });
    },
  });
}
