/** Longest skill id accepted. */
export const MAX_SKILL_ID_LENGTH = 64;

/** Shape of a skill id: `sales`, `lang.ru`, `product.tv-plus`. */
export const SKILL_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/**
 * Words that are operators in requirement expressions (`a and not b`), so they cannot be skill
 * ids, in any letter case.
 */
export const RESERVED_SKILL_IDS: readonly string[] = ['and', 'or', 'not'];

/** The rule, in words, for error messages. */
export const SKILL_ID_RULE =
  "a letter, then letters, digits, '_' or '-', in dot-separated parts; at most " +
  `${MAX_SKILL_ID_LENGTH} characters; not 'and', 'or' or 'not'`;

/** True when `id` is a string that can name a skill. */
export function isValidSkillId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id.length <= MAX_SKILL_ID_LENGTH &&
    SKILL_ID_PATTERN.test(id) &&
    !RESERVED_SKILL_IDS.includes(id.toLowerCase())
  );
}
