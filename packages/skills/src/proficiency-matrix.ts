import type { SkillCatalogue } from './catalogue.js';
import { describeValue } from './describe-value.js';
import { SkillsError } from './errors.js';
import { type LevelVector, type SkillLevels, fromLevelVector, isValidLevel, toLevelVector } from './levels.js';
import { isPlainObject } from './plain-object.js';

/**
 * The agent x skill matrix supervisors edit. Every write is all-or-nothing: input is validated
 * completely before the matrix changes, so a rejected edit leaves it exactly as it was. Vectors
 * handed out are copies.
 *
 * @example
 * ```ts
 * const matrix = new ProficiencyMatrix(catalogue);
 * matrix.set('agent-1', { sales: 4, 'lang.ru': 5 });
 * matrix.patch('agent-1', { sales: 5, 'lang.ru': null }); // raise sales, remove Russian
 * matrix.get('agent-1'); // { sales: 5 }
 * ```
 */
export class ProficiencyMatrix {
  readonly #catalogue: SkillCatalogue;
  readonly #vectors = new Map<string, LevelVector>();

  constructor(catalogue: SkillCatalogue) {
    this.#catalogue = catalogue;
  }

  /** Replaces all of an agent's skills. Throws like {@link toLevelVector}. */
  set(agentId: string, levels: SkillLevels): LevelVector {
    const vector = toLevelVector(this.#catalogue, levels);
    this.#vectors.set(agentId, vector);
    return vector.slice();
  }

  /**
   * Changes some skills of an agent (creating the agent when new): a level sets the skill, `null`
   * removes it, skills not named keep their level. Throws `SKILL_UNKNOWN` / `SKILL_LEVEL_INVALID`.
   */
  patch(agentId: string, changes: Readonly<Record<string, number | null>>): LevelVector {
    const vector = this.#current(agentId);
    for (const [index, level] of this.#checkedChanges(changes)) vector[index] = level;
    this.#vectors.set(agentId, vector);
    return vector.slice();
  }

  /** The agent's levels, or `undefined` for an unknown agent. */
  get(agentId: string): SkillLevels | undefined {
    const vector = this.#vectors.get(agentId);
    return vector === undefined ? undefined : fromLevelVector(this.#catalogue, vector);
  }

  /** A copy of the agent's vector, or `undefined` for an unknown agent. */
  vector(agentId: string): LevelVector | undefined {
    return this.#vectors.get(agentId)?.slice();
  }

  /** Removes an agent; false when it was not there. */
  delete(agentId: string): boolean {
    return this.#vectors.delete(agentId);
  }

  /** Agent ids in insertion order. */
  agentIds(): readonly string[] {
    return [...this.#vectors.keys()];
  }

  /** The whole matrix as agent id -> levels. */
  toJSON(): Record<string, SkillLevels> {
    const out: Record<string, SkillLevels> = {};
    for (const [agentId, vector] of this.#vectors) out[agentId] = fromLevelVector(this.#catalogue, vector);
    return out;
  }

  /** A full-width working copy of the agent's vector (all zero for a new agent). */
  #current(agentId: string): Uint8Array {
    const vector = new Uint8Array(this.#catalogue.size);
    const old = this.#vectors.get(agentId);
    if (old !== undefined) vector.set(old.subarray(0, vector.length));
    return vector;
  }

  /** Validates every change and returns `[catalogue index, level or 0]` pairs. */
  #checkedChanges(changes: unknown): Array<[number, number]> {
    if (!isPlainObject(changes)) {
      throw new SkillsError('SKILL_LEVEL_INVALID', `expected an object of skill id -> level or null, got ${describeValue(changes)}`);
    }
    return Object.entries(changes).map(([skill, level]) => {
      const index = this.#catalogue.indexOf(skill);
      if (index < 0) throw new SkillsError('SKILL_UNKNOWN', `'${skill}'`);
      if (level !== null && !isValidLevel(level)) {
        throw new SkillsError('SKILL_LEVEL_INVALID', `'${skill}' has level ${describeValue(level)}`);
      }
      return [index, level ?? 0];
    });
  }
}
