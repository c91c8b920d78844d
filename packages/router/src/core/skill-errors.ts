import { isSkillsError } from '@switchboard/skills';
import { RoutingError } from './errors.js';

/** Runs `fn`, turning a skills-package error into the router's SKILL_INVALID (cause kept). */
export function withSkills<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isSkillsError(e)) throw new RoutingError('SKILL_INVALID', `${what}: ${e.message}`, { cause: e });
    throw e;
  }
}
