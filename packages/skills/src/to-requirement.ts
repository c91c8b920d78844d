import { parseRequirement } from './parse-requirement.js';
import type { Requirement, RequirementInput } from './requirement.js';
import { validateRequirement } from './validate-requirement.js';

/**
 * A requirement from either form: text is parsed (`REQUIREMENT_SYNTAX`), anything else is
 * validated as JSON (`REQUIREMENT_INVALID`).
 */
export function toRequirement(input: RequirementInput): Requirement {
  return typeof input === 'string' ? parseRequirement(input) : validateRequirement(input);
}
