import { type Comparator, type Requirement, foldRequirement } from './requirement.js';

/** `{ all: [] }`: matches every agent, written `*`. */
export const EVERYONE: Requirement = Object.freeze({ all: Object.freeze([]) });
/** `{ any: [] }`: matches nobody, written `!*`. */
export const NOBODY: Requirement = Object.freeze({ any: Object.freeze([]) });

/**
 * The canonical form of a requirement, which is what `parseRequirement(formatRequirement(r))`
 * returns. It means the same as `req` and is never deeper:
 * - an atom with the defaults (`>=`, level 1) is `{ skill }`; any other atom has both `op` and `level`;
 * - `all` / `any` with one child is that child;
 * - `not` of `{ all: [] }` (not everyone) is `{ any: [] }` (nobody).
 *
 * Nothing else changes: child order, nested groups and double negation are kept.
 */
export function normaliseRequirement(req: Requirement): Requirement {
  return foldRequirement<Requirement>(req, {
    atom: canonicalAtom,
    all: (children) => canonicalGroup('all', children.map(normaliseRequirement)),
    any: (children) => canonicalGroup('any', children.map(normaliseRequirement)),
    not: (child) => canonicalNot(normaliseRequirement(child)),
  });
}

/** Canonical atom: `{ skill }` for "has the skill", else all three fields. */
export function canonicalAtom(skill: string, op: Comparator, level: number): Requirement {
  return op === '>=' && level === 1 ? Object.freeze({ skill }) : Object.freeze({ skill, op, level });
}

/** Canonical group: a single child stands for itself. */
export function canonicalGroup(kind: 'all' | 'any', children: readonly Requirement[]): Requirement {
  const only = children.length === 1 ? children[0] : undefined;
  if (only !== undefined) return only;
  const frozen = Object.freeze([...children]);
  return Object.freeze(kind === 'all' ? { all: frozen } : { any: frozen });
}

/** Canonical negation: not everyone is nobody. */
export function canonicalNot(child: Requirement): Requirement {
  return 'all' in child && child.all.length === 0 ? NOBODY : Object.freeze({ not: child });
}
