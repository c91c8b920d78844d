import type { Levels } from './types.js';

/**
 * The skills-matrix editor as data: the levels the service has (the base), the cells the
 * supervisor changed on top of it, and the change list that `PUT /v1/agents/:id/skills` applies
 * (one request per agent, carrying all its levels). A cell set back to its base value is no
 * longer a change. Level 0 means "does not have the skill". Pure and immutable.
 */

export const LEVELS = [0, 1, 2, 3, 4, 5] as const;

export interface MatrixState {
  readonly base: ReadonlyMap<string, Levels>;
  /** agent → skill → staged level, only where it differs from the base. */
  readonly edits: ReadonlyMap<string, Levels>;
}

/** One changed cell. */
export interface CellChange {
  readonly skill: string;
  readonly from: number;
  readonly to: number;
}

/** What applying changes for one agent: its levels before and after (skills at 0 left out). */
export interface AgentChange {
  readonly agentId: string;
  readonly before: Levels;
  readonly after: Levels;
  readonly cells: readonly CellChange[];
}

export function matrixOf(agents: ReadonlyArray<{ readonly id: string; readonly skills: Levels }>): MatrixState {
  return { base: new Map(agents.map((a) => [a.id, a.skills])), edits: new Map() };
}

const baseLevel = (m: MatrixState, agentId: string, skill: string): number => m.base.get(agentId)?.[skill] ?? 0;

/** The level shown in a cell: staged, else the service's. */
export function levelAt(m: MatrixState, agentId: string, skill: string): number {
  return m.edits.get(agentId)?.[skill] ?? baseLevel(m, agentId, skill);
}

export function isChanged(m: MatrixState, agentId: string, skill: string): boolean {
  return m.edits.get(agentId)?.[skill] !== undefined;
}

function checkLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > 5) throw new RangeError(`a level is an integer from 0 to 5, not ${level}`);
}

/** Stages one cell (an agent the matrix does not know is ignored). */
export function setLevel(m: MatrixState, agentId: string, skill: string, level: number): MatrixState {
  return setLevels(m, [agentId], skill, level);
}

/** Stages the same level for one skill of several agents: a column, or a selection of rows. */
export function setLevels(m: MatrixState, agentIds: readonly string[], skill: string, level: number): MatrixState {
  checkLevel(level);
  const edits = new Map(m.edits);
  for (const id of agentIds) {
    if (!m.base.has(id)) continue;
    const { [skill]: _old, ...rest } = edits.get(id) ?? {};
    const next = level === baseLevel(m, id, skill) ? rest : { ...rest, [skill]: level };
    if (Object.keys(next).length === 0) edits.delete(id);
    else edits.set(id, next);
  }
  return { base: m.base, edits };
}

/** Drops the staged cells of these agents (all when none are named). */
export function discard(m: MatrixState, agentIds?: readonly string[]): MatrixState {
  if (agentIds === undefined) return { base: m.base, edits: new Map() };
  const edits = new Map(m.edits);
  for (const id of agentIds) edits.delete(id);
  return { base: m.base, edits };
}

/** Levels with a skill's staged level applied; 0 removes it. */
function applied(base: Levels, staged: Levels): Levels {
  const out: Record<string, number> = { ...base };
  for (const [skill, level] of Object.entries(staged)) {
    if (level === 0) delete out[skill];
    else out[skill] = level;
  }
  return out;
}

/** The change list, one entry per agent with staged cells, by agent id. */
export function changeList(m: MatrixState): AgentChange[] {
  return [...m.edits.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agentId, staged]) => {
      const before = m.base.get(agentId) ?? {};
      const cells = Object.entries(staged)
        .map(([skill, to]) => ({ skill, from: before[skill] ?? 0, to }))
        .sort((x, y) => x.skill.localeCompare(y.skill));
      return { agentId, before, after: applied(before, staged), cells };
    });
}

/**
 * The matrix over agents as the service now has them (after applying, or on a refresh):
 * staged cells that now equal the service's value are no longer changes; the others stay.
 */
export function rebase(m: MatrixState, agents: ReadonlyArray<{ readonly id: string; readonly skills: Levels }>): MatrixState {
  let next: MatrixState = { base: new Map([...m.base, ...agents.map((a) => [a.id, a.skills] as const)]), edits: new Map() };
  for (const [agentId, staged] of m.edits) {
    for (const [skill, level] of Object.entries(staged)) next = setLevel(next, agentId, skill, level);
  }
  return next;
}
