import type { SkillCatalogue } from './catalogue.js';
import { describeValue } from './describe-value.js';
import { SkillsError } from './errors.js';
import { isPlainObject } from './plain-object.js';

/** Lowest proficiency level. */
export const MIN_LEVEL = 1;
/** Highest proficiency level. */
export const MAX_LEVEL = 5;

/** An agent's skills as supervisors see them: skill id -> level 1..5. Absent = lacks the skill. */
export type SkillLevels = Readonly<Record<string, number>>;

/**
 * An agent's skills as matchers see them: index = catalogue index, value = level, 0 = lacks the
 * skill. A vector shorter than the catalogue (built before skills were appended) reads as 0
 * for the missing skills.
 */
export type LevelVector = Uint8Array;

/** True when `level` is an integer from {@link MIN_LEVEL} to {@link MAX_LEVEL}. */
export function isValidLevel(level: unknown): level is number {
  return typeof level === 'number' && Number.isInteger(level) && level >= MIN_LEVEL && level <= MAX_LEVEL;
}

/**
 * Converts levels to a vector. Everything is validated before anything is built: a skill not
 * in the catalogue throws `SKILL_UNKNOWN`; a level that is not an integer 1..5, or `levels`
 * not being a plain object, throws `SKILL_LEVEL_INVALID`.
 */
export function toLevelVector(catalogue: SkillCatalogue, levels: SkillLevels): LevelVector {
  const entries = checkedEntries(catalogue, levels);
  const vector = new Uint8Array(catalogue.size);
  for (const [index, level] of entries) vector[index] = level;
  return vector;
}

/** Converts a vector back to levels (skills at level 0 are left out), in catalogue order. */
export function fromLevelVector(catalogue: SkillCatalogue, vector: LevelVector): SkillLevels {
  const levels: Record<string, number> = {};
  const n = Math.min(catalogue.size, vector.length);
  for (let i = 0; i < n; i++) {
    const level = vector[i] ?? 0;
    if (level > 0) levels[catalogue.idAt(i)] = level;
  }
  return Object.freeze(levels);
}

/** Validates every entry and returns `[catalogue index, level]` pairs. */
function checkedEntries(catalogue: SkillCatalogue, levels: unknown): Array<[number, number]> {
  if (!isPlainObject(levels)) {
    throw new SkillsError('SKILL_LEVEL_INVALID', `expected an object of skill id -> level, got ${describeValue(levels)}`);
  }
  return Object.entries(levels).map(([skill, level]) => {
    const index = catalogue.indexOf(skill);
    if (index < 0) throw new SkillsError('SKILL_UNKNOWN', `'${skill}'`);
    if (!isValidLevel(level)) throw new SkillsError('SKILL_LEVEL_INVALID', `'${skill}' has level ${describeValue(level)}`);
    return [index, level];
  });
}
