import type { SkillCatalogue } from './catalogue.js';
import { SkillsError } from './errors.js';
import type { LevelVector } from './levels.js';
import { type Comparator, type Requirement, type RequirementInput, type SkillAtom, foldRequirement, requirementSkills } from './requirement.js';
import { toRequirement } from './to-requirement.js';

/** A requirement turned into a fast predicate over level vectors. */
export interface CompiledRequirement {
  /** The requirement as given (parsed or validated). */
  readonly requirement: Requirement;
  /** Catalogue indices of the skills it references, in first-seen order. */
  readonly skillIndices: readonly number[];
  /** True when an agent with these levels qualifies. A missing entry (short vector) reads as level 0. */
  matches(levels: LevelVector): boolean;
}

type Matcher = (levels: LevelVector) => boolean;

const ALWAYS: Matcher = () => true;
const NEVER: Matcher = () => false;

/**
 * Compiles a requirement against a catalogue into closures (no `eval`), with tight loops for
 * the common shapes: a single atom, and `all` / `any` of `>=` atoms. An atom is true iff the
 * agent's level L (0 when it lacks the skill) satisfies `L op level`, so `!trainee` means
 * "trainee level is 0" and `sales<3` is true for an agent without sales. Throws like
 * `toRequirement`, and `SKILL_UNKNOWN` naming every skill not in the catalogue.
 *
 * @example
 * ```ts
 * const sales = compileRequirement(catalogue, 'sales>=3 & !trainee');
 * sales.matches(toLevelVector(catalogue, { sales: 4 })); // true
 * sales.matches(toLevelVector(catalogue, { sales: 4, trainee: 1 })); // false
 * ```
 */
export function compileRequirement(catalogue: SkillCatalogue, input: RequirementInput): CompiledRequirement {
  const requirement = toRequirement(input);
  const skills = requirementSkills(requirement);
  const unknown = skills.filter((skill) => !catalogue.has(skill));
  if (unknown.length > 0) throw new SkillsError('SKILL_UNKNOWN', unknown.map((s) => `'${s}'`).join(', '));
  return Object.freeze({
    requirement,
    skillIndices: Object.freeze(skills.map((skill) => catalogue.indexOf(skill))),
    matches: compileNode(catalogue, requirement),
  });
}

function compileNode(catalogue: SkillCatalogue, req: Requirement): Matcher {
  return foldRequirement<Matcher>(req, {
    atom: (skill, op, level) => atomMatcher(catalogue.indexOf(skill), op, level),
    all: (children) => groupMatcher(catalogue, 'all', children),
    any: (children) => groupMatcher(catalogue, 'any', children),
    not: (child) => {
      const inner = compileNode(catalogue, child);
      return (v) => !inner(v);
    },
  });
}

function atomMatcher(i: number, op: Comparator, level: number): Matcher {
  switch (op) {
    case '>=': return (v) => (v[i] ?? 0) >= level;
    case '>': return (v) => (v[i] ?? 0) > level;
    case '<=': return (v) => (v[i] ?? 0) <= level;
    case '<': return (v) => (v[i] ?? 0) < level;
    case '=': return (v) => (v[i] ?? 0) === level;
    case '!=': return (v) => (v[i] ?? 0) !== level;
  }
}

function groupMatcher(catalogue: SkillCatalogue, kind: 'all' | 'any', children: readonly Requirement[]): Matcher {
  const only = children.length === 1 ? children[0] : undefined;
  if (only !== undefined) return compileNode(catalogue, only);
  if (children.length === 0) return kind === 'all' ? ALWAYS : NEVER;
  const thresholds = children.every(isAtLeastAtom) ? children : undefined;
  if (thresholds !== undefined) return thresholdMatcher(catalogue, kind, thresholds);
  const matchers = children.map((child) => compileNode(catalogue, child));
  return kind === 'all' ? everyMatcher(matchers) : someMatcher(matchers);
}

function isAtLeastAtom(req: Requirement): req is SkillAtom {
  return 'skill' in req && (req.op ?? '>=') === '>=';
}

/** `a>=x & b>=y & ...` or `a>=x | b>=y | ...` as one loop over two typed arrays. */
function thresholdMatcher(catalogue: SkillCatalogue, kind: 'all' | 'any', atoms: readonly SkillAtom[]): Matcher {
  const index = Int32Array.from(atoms, (a) => catalogue.indexOf(a.skill));
  const minimum = Uint8Array.from(atoms, (a) => a.level ?? 1);
  const n = atoms.length;
  if (kind === 'all') {
    return (v) => {
      for (let k = 0; k < n; k++) if ((v[index[k]!] ?? 0) < minimum[k]!) return false;
      return true;
    };
  }
  return (v) => {
    for (let k = 0; k < n; k++) if ((v[index[k]!] ?? 0) >= minimum[k]!) return true;
    return false;
  };
}

function everyMatcher(matchers: readonly Matcher[]): Matcher {
  const n = matchers.length;
  return (v) => {
    for (let k = 0; k < n; k++) if (!matchers[k]!(v)) return false;
    return true;
  };
}

function someMatcher(matchers: readonly Matcher[]): Matcher {
  const n = matchers.length;
  return (v) => {
    for (let k = 0; k < n; k++) if (matchers[k]!(v)) return true;
    return false;
  };
}
