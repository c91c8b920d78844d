/**
 * The error catalogue of `@switchboard/skills`: every error this package throws has a code from
 * this table, the HTTP status a service should answer with, and a fixed message. The README's
 * error table is kept in sync with it by a test.
 */
export const SKILLS_ERRORS = {
  SKILL_ID_INVALID: { status: 400, message: 'Skill id is not valid' },
  SKILL_DUPLICATE: { status: 409, message: 'Skill id is defined twice' },
  SKILL_UNKNOWN: { status: 400, message: 'Skill is not in the catalogue' },
  SKILL_LEVEL_INVALID: { status: 400, message: 'Proficiency level must be an integer from 1 to 5' },
  REQUIREMENT_SYNTAX: { status: 400, message: 'Requirement expression has a syntax error' },
  REQUIREMENT_INVALID: { status: 400, message: 'Requirement JSON has an invalid shape' },
  WEIGHT_INVALID: { status: 400, message: 'Skill weight must be a finite number >= 0' },
  MEMBERSHIP_DATA_INVALID: { status: 400, message: 'Membership data is not valid' },
} as const;

/** A code of {@link SKILLS_ERRORS}. */
export type SkillsErrorCode = keyof typeof SKILLS_ERRORS;

/** Extra facts an error can carry besides its code and detail. */
export interface SkillsErrorOptions {
  /** 0-based character offset into the expression (for `REQUIREMENT_SYNTAX`). */
  readonly position?: number;
  /** Where in the requirement JSON the problem is, e.g. `all[1].not.level` (for `REQUIREMENT_INVALID`). */
  readonly path?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The one error class of this package. `message` is the catalogue message, followed by
 * `': ' + detail` when a detail is given.
 */
export class SkillsError extends Error {
  override readonly name = 'SkillsError';
  /** What went wrong, as a key of {@link SKILLS_ERRORS}. */
  readonly code: SkillsErrorCode;
  /** The HTTP status a service should answer with. */
  readonly status: number;
  // `declare` so that an absent position / path is absent, not an own property set to undefined.
  /** 0-based character offset for `REQUIREMENT_SYNTAX`. */
  declare readonly position?: number;
  /** JSON path for `REQUIREMENT_INVALID`, e.g. `all[1].not.level`; `''` is the root. */
  declare readonly path?: string;

  constructor(code: SkillsErrorCode, detail?: string, options: SkillsErrorOptions = {}) {
    const entry = SKILLS_ERRORS[code];
    const message = detail === undefined ? entry.message : `${entry.message}: ${detail}`;
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.status = entry.status;
    if (options.position !== undefined) this.position = options.position;
    if (options.path !== undefined) this.path = options.path;
  }
}

/** True when `e` is a {@link SkillsError}. */
export function isSkillsError(e: unknown): e is SkillsError {
  return e instanceof SkillsError;
}
