/**
 * `@switchboard/skills`: the skill catalogue, the agent x skill proficiency matrix,
 * requirement expressions (text and JSON), compiled matchers and scorers, and agent-to-pool
 * membership. Pure: no I/O, no clock, no randomness.
 *
 * @packageDocumentation
 */
export { SKILLS_ERRORS, SkillsError, isSkillsError, type SkillsErrorCode, type SkillsErrorOptions } from './errors.js';
export { MAX_SKILL_ID_LENGTH, SKILL_ID_PATTERN, RESERVED_SKILL_IDS, isValidSkillId } from './skill-id.js';
export { SkillCatalogue, type SkillDefinition } from './catalogue.js';
export { MIN_LEVEL, MAX_LEVEL, isValidLevel, toLevelVector, fromLevelVector, type SkillLevels, type LevelVector } from './levels.js';
export { ProficiencyMatrix } from './proficiency-matrix.js';
export {
  COMPARATORS,
  MAX_REQUIREMENT_DEPTH,
  requirementSkills,
  requirementDepth,
  type Comparator,
  type Requirement,
  type RequirementInput,
  type SkillAtom,
  type AllOf,
  type AnyOf,
  type NotOf,
} from './requirement.js';
export { validateRequirement } from './validate-requirement.js';
export { toRequirement } from './to-requirement.js';
export { normaliseRequirement } from './normalise-requirement.js';
export { parseRequirement, MAX_REQUIREMENT_LENGTH } from './parse-requirement.js';
export { formatRequirement } from './format-requirement.js';
export { compileRequirement, type CompiledRequirement } from './compile-requirement.js';
export { compileScorer, type SkillWeights, type ScoreComponent, type CompiledScorer } from './score.js';
export { MembershipIndex, type MembershipChange } from './membership.js';
export { minimalStep } from './minimal-step.js';
export type { MembershipIndexData } from './membership-data.js';
