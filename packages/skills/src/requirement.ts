/** How an agent's level is compared with a requirement's level. */
export type Comparator = '>=' | '>' | '<=' | '<' | '=' | '!=';

/** Every {@link Comparator}, in the order the docs list them. */
export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '<', '=', '!='];

/** `skill op level`; `op` defaults to `'>='` and `level` to 1, i.e. "has the skill". */
export interface SkillAtom {
  readonly skill: string;
  readonly op?: Comparator;
  readonly level?: number;
}
/** True when every child is; `{ all: [] }` matches every agent (written `*`). */
export interface AllOf {
  readonly all: readonly Requirement[];
}
/** True when some child is; `{ any: [] }` matches nobody (written `!*`). */
export interface AnyOf {
  readonly any: readonly Requirement[];
}
/** True when the child is not. */
export interface NotOf {
  readonly not: Requirement;
}

/** A requirement on an agent's skills. The JSON form is the AST. */
export type Requirement = SkillAtom | AllOf | AnyOf | NotOf;

/** A requirement as text (see `parseRequirement`) or as JSON. */
export type RequirementInput = string | Requirement;

/** Deepest nesting of `all` / `any` / `not` accepted (an atom has depth 0). */
export const MAX_REQUIREMENT_DEPTH = 32;

/** One handler per node kind, for {@link foldRequirement}. */
export interface RequirementFolder<T> {
  atom(skill: string, op: Comparator, level: number): T;
  all(children: readonly Requirement[]): T;
  any(children: readonly Requirement[]): T;
  not(child: Requirement): T;
}

/** Calls the handler for `req`'s kind, with an atom's defaults filled in. */
export function foldRequirement<T>(req: Requirement, folder: RequirementFolder<T>): T {
  if ('skill' in req) return folder.atom(req.skill, req.op ?? '>=', req.level ?? 1);
  if ('all' in req) return folder.all(req.all);
  if ('any' in req) return folder.any(req.any);
  return folder.not(req.not);
}

/** Distinct skill ids referenced by `req`, in first-seen (left-to-right) order. */
export function requirementSkills(req: Requirement): string[] {
  const seen = new Set<string>();
  const visit = (r: Requirement): void =>
    foldRequirement(r, {
      atom: (skill) => void seen.add(skill),
      all: (children) => children.forEach(visit),
      any: (children) => children.forEach(visit),
      not: visit,
    });
  visit(req);
  return [...seen];
}

/** Nesting depth of `all` / `any` / `not` nodes: 0 for an atom, 1 for `*`. */
export function requirementDepth(req: Requirement): number {
  const deepest = (children: readonly Requirement[]): number =>
    children.reduce((max, child) => Math.max(max, requirementDepth(child)), 0);
  return foldRequirement(req, {
    atom: () => 0,
    all: (children) => 1 + deepest(children),
    any: (children) => 1 + deepest(children),
    not: (child) => 1 + requirementDepth(child),
  });
}
