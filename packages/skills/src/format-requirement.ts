import { normaliseRequirement } from './normalise-requirement.js';
import { type Requirement, foldRequirement } from './requirement.js';

/**
 * Canonical text of a requirement: `sales>=3 & (lang.ru | lang.en>=2) & !trainee`. Nested
 * groups are always bracketed, so the text shows the tree; `{ all: [] }` is `*` and
 * `{ any: [] }` is `!*`. `parseRequirement(formatRequirement(r))` deep-equals
 * `normaliseRequirement(r)` (as long as the text fits in 2000 characters).
 */
export function formatRequirement(req: Requirement): string {
  return print(normaliseRequirement(req));
}

function print(req: Requirement): string {
  return foldRequirement(req, {
    atom: (skill, op, level) => (op === '>=' && level === 1 ? skill : `${skill}${op}${level}`),
    all: (children) => (children.length === 0 ? '*' : children.map(operand).join(' & ')),
    any: (children) => (children.length === 0 ? '!*' : children.map(operand).join(' | ')),
    not: (child) => `!${operand(child)}`,
  });
}

/** A child of `&`, `|` or `!`: groups of two or more are bracketed. */
function operand(req: Requirement): string {
  const text = print(req);
  const isGroup = ('all' in req && req.all.length > 1) || ('any' in req && req.any.length > 1);
  return isGroup ? `(${text})` : text;
}
