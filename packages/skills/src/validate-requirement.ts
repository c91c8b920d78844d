import { describeValue } from './describe-value.js';
import { SkillsError } from './errors.js';
import { isPlainObject } from './plain-object.js';
import { type Comparator, type Requirement, COMPARATORS, MAX_REQUIREMENT_DEPTH } from './requirement.js';
import { SKILL_ID_RULE, isValidSkillId } from './skill-id.js';

const SHAPES = ['skill', 'all', 'any', 'not'] as const;
const ALLOWED_KEYS: Readonly<Record<(typeof SHAPES)[number], readonly string[]>> = {
  skill: ['skill', 'op', 'level'],
  all: ['all'],
  any: ['any'],
  not: ['not'],
};

/**
 * Checks that untrusted JSON is a {@link Requirement} and returns a frozen copy of it. Throws
 * `REQUIREMENT_INVALID` with `path` (e.g. `all[1].not.level`; `''` is the root) when a node is
 * not exactly one of the four shapes, has unknown keys, names a malformed skill id, has an
 * unknown `op`, a `level` that is not an integer 0..5, or nests deeper than 32 levels.
 */
export function validateRequirement(json: unknown): Requirement {
  return validateNode(json, '', 0);
}

function validateNode(node: unknown, path: string, depth: number): Requirement {
  if (!isPlainObject(node)) throw invalid(path, `expected an object, got ${describeValue(node)}`);
  const shapes = SHAPES.filter((key) => key in node);
  const shape = shapes[0];
  if (shape === undefined || shapes.length > 1) {
    throw invalid(path, "expected exactly one of 'skill', 'all', 'any' or 'not'");
  }
  const unknown = Object.keys(node).find((key) => !ALLOWED_KEYS[shape].includes(key));
  if (unknown !== undefined) throw invalid(join(path, unknown), `unknown key '${unknown}'`);
  if (shape === 'skill') return validateAtom(node, path);
  if (depth >= MAX_REQUIREMENT_DEPTH) throw invalid(path, `nests deeper than ${MAX_REQUIREMENT_DEPTH} levels`);
  if (shape === 'not') return Object.freeze({ not: validateNode(node['not'], join(path, 'not'), depth + 1) });
  const children = validateChildren(node[shape], join(path, shape), depth + 1);
  return Object.freeze(shape === 'all' ? { all: children } : { any: children });
}

function validateChildren(list: unknown, path: string, depth: number): readonly Requirement[] {
  if (!Array.isArray(list)) throw invalid(path, `expected an array, got ${describeValue(list)}`);
  // Array.from visits holes of sparse arrays too, so `[ , ]` is rejected rather than kept.
  return Object.freeze(Array.from(list, (child: unknown, i) => validateNode(child, `${path}[${i}]`, depth)));
}

function validateAtom(node: Record<string, unknown>, path: string): Requirement {
  const { skill, op, level } = node;
  if (!isValidSkillId(skill)) {
    throw invalid(join(path, 'skill'), `expected a skill id (${SKILL_ID_RULE}), got ${describeValue(skill)}`);
  }
  const atom: { skill: string; op?: Comparator; level?: number } = { skill };
  if ('op' in node) atom.op = validateOp(op, join(path, 'op'));
  if ('level' in node) atom.level = validateLevel(level, join(path, 'level'));
  return Object.freeze(atom);
}

function validateOp(op: unknown, path: string): Comparator {
  const found = COMPARATORS.find((c) => c === op);
  if (found === undefined) throw invalid(path, `expected one of ${COMPARATORS.join(' ')}, got ${describeValue(op)}`);
  return found;
}

function validateLevel(level: unknown, path: string): number {
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 0 || level > 5) {
    throw invalid(path, `expected an integer from 0 to 5, got ${describeValue(level)}`);
  }
  return level;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function invalid(path: string, detail: string): SkillsError {
  return new SkillsError('REQUIREMENT_INVALID', `${detail} at ${path === '' ? 'the root' : path}`, { path });
}
