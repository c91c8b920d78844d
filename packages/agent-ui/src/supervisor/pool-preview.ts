import { SkillCatalogue, compileRequirement, minimalStep, toLevelVector, type CompiledRequirement, type RequirementInput } from '@switchboard/skills';
import type { Levels, QueueConfig, SkillDefinition } from './types.js';

/**
 * Which pools an agent would join with given levels, computed in the browser with the same
 * `@switchboard/skills` matchers the router uses: for each queue, the first requirement step the
 * agent meets (steps are cumulative, so that one number is its membership). A paused queue has
 * no members (the service routes it with steps nobody meets). The service's answer after
 * applying is the truth; this is the preview before.
 */

/** An agent's place in a queue: the first step it qualifies at. */
export interface PoolPlace {
  readonly queueId: string;
  readonly step: number;
}

export class PoolPreview {
  private readonly catalogue: SkillCatalogue;
  private readonly queues: ReadonlyArray<{ readonly id: string; readonly steps: readonly CompiledRequirement[] }>;

  /** Throws when a queue's configured steps do not compile (the service would not have them). */
  constructor(skills: readonly SkillDefinition[], queues: readonly QueueConfig[]) {
    this.catalogue = SkillCatalogue.create(skills.map((s) => ({ id: s.id })));
    this.queues = queues
      .filter((q) => q.paused !== true)
      .map((q) => ({ id: q.id, steps: q.steps.map((s) => compileRequirement(this.catalogue, s.requirement as RequirementInput)) }));
  }

  /** The pools these levels qualify for, in queue order. Skills outside the catalogue are ignored. */
  places(levels: Levels): PoolPlace[] {
    const known = Object.fromEntries(Object.entries(levels).filter(([s, l]) => this.catalogue.has(s) && l > 0));
    const vector = toLevelVector(this.catalogue, known);
    return this.queues.flatMap((q) => {
      const step = minimalStep(q.steps, vector);
      return step < 0 ? [] : [{ queueId: q.id, step }];
    });
  }
}

/** An agent's membership of a queue moved: `from`/`to` are first steps, -1 = not a member. */
export interface PoolChange {
  readonly queueId: string;
  readonly from: number;
  readonly to: number;
}

/** The queues whose membership differs between two lists of places, by queue id. */
export function poolChanges(before: readonly PoolPlace[], after: readonly PoolPlace[]): PoolChange[] {
  const was = new Map(before.map((p) => [p.queueId, p.step]));
  const now = new Map(after.map((p) => [p.queueId, p.step]));
  const ids = [...new Set([...was.keys(), ...now.keys()])].sort();
  return ids.flatMap((queueId) => {
    const from = was.get(queueId) ?? -1;
    const to = now.get(queueId) ?? -1;
    return from === to ? [] : [{ queueId, from, to }];
  });
}

/** `joins vip at step 1`, `leaves collections`, `vip: step 1 → step 0 (sooner)`. */
export function describePoolChange(c: PoolChange): string {
  if (c.from < 0) return `joins ${c.queueId} at step ${c.to}`;
  if (c.to < 0) return `leaves ${c.queueId}`;
  return `${c.queueId}: step ${c.from} → step ${c.to} (${c.to < c.from ? 'sooner' : 'later'})`;
}

/** How many of these agents' levels meet a requirement, or the error that keeps it from compiling. */
export function countMatching(skills: readonly SkillDefinition[], requirement: RequirementInput, agents: ReadonlyArray<{ readonly skills: Levels }>): number {
  const catalogue = SkillCatalogue.create(skills.map((s) => ({ id: s.id })));
  const compiled = compileRequirement(catalogue, requirement);
  return agents.filter((a) => compiled.matches(toLevelVector(catalogue, Object.fromEntries(Object.entries(a.skills).filter(([s]) => catalogue.has(s)))))).length;
}
