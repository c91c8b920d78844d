import { SkillsError } from './errors.js';
import { describeValue } from './describe-value.js';
import { isPlainObject } from './plain-object.js';
import { SKILL_ID_RULE, isValidSkillId } from './skill-id.js';

/** One skill of the catalogue. */
export interface SkillDefinition {
  /** Stable id, e.g. `sales`, `lang.ru`, `product.tv-plus` (see {@link isValidSkillId}). */
  readonly id: string;
  /** Display name. */
  readonly name?: string;
  /** Free text for supervisors. */
  readonly description?: string;
}

/**
 * The immutable, ordered set of skills of a routing domain. Each skill has a stable index
 * `0..size-1` in definition order; level vectors and compiled matchers are indexed by it.
 * Adding a skill with {@link SkillCatalogue.with} appends, so existing indices (and vectors built
 * against the old catalogue) stay valid.
 *
 * @example
 * ```ts
 * const catalogue = SkillCatalogue.create([{ id: 'sales' }, { id: 'lang.ru', name: 'Russian' }]);
 * catalogue.indexOf('lang.ru'); // 1
 * const bigger = catalogue.with({ id: 'support' }); // indexOf('support') === 2
 * ```
 */
export class SkillCatalogue {
  readonly #defs: readonly SkillDefinition[];
  readonly #ids: readonly string[];
  readonly #index: ReadonlyMap<string, number>;

  private constructor(defs: readonly SkillDefinition[]) {
    this.#defs = Object.freeze(defs);
    this.#ids = Object.freeze(defs.map((d) => d.id));
    this.#index = new Map(this.#ids.map((id, i) => [id, i]));
  }

  /**
   * Builds a catalogue. Throws `SKILL_ID_INVALID` for a malformed definition or id and
   * `SKILL_DUPLICATE` when an id appears twice.
   */
  static create(defs: readonly SkillDefinition[]): SkillCatalogue {
    const seen = new Set<string>();
    const copies = defs.map((def) => {
      const copy = copyDefinition(def);
      if (seen.has(copy.id)) throw duplicate(copy.id);
      seen.add(copy.id);
      return copy;
    });
    return new SkillCatalogue(copies);
  }

  /** Number of skills. */
  get size(): number {
    return this.#ids.length;
  }

  /** True when `id` is in the catalogue. */
  has(id: string): boolean {
    return this.#index.has(id);
  }

  /** Index of `id`, or -1 when unknown. */
  indexOf(id: string): number {
    return this.#index.get(id) ?? -1;
  }

  /** Id at `index`; throws a `RangeError` outside `0..size-1` (a programming error). */
  idAt(index: number): string {
    const id = this.#ids[index];
    if (id === undefined) throw new RangeError(`No skill at index ${index} (size ${this.size})`);
    return id;
  }

  /** All ids in index order. */
  ids(): readonly string[] {
    return this.#ids;
  }

  /** All definitions in index order. */
  definitions(): readonly SkillDefinition[] {
    return this.#defs;
  }

  /** A new catalogue with `def` appended; this one is unchanged. Same errors as {@link create}. */
  with(def: SkillDefinition): SkillCatalogue {
    const copy = copyDefinition(def);
    if (this.has(copy.id)) throw duplicate(copy.id);
    return new SkillCatalogue([...this.#defs, copy]);
  }
}

function copyDefinition(def: unknown): SkillDefinition {
  if (!isPlainObject(def)) throw new SkillsError('SKILL_ID_INVALID', 'a skill definition must be an object with an id');
  const { id, name, description } = def;
  if (!isValidSkillId(id)) throw new SkillsError('SKILL_ID_INVALID', `${describeValue(id)} (expected ${SKILL_ID_RULE})`);
  const copy: { id: string; name?: string; description?: string } = { id };
  if (typeof name === 'string') copy.name = name;
  if (typeof description === 'string') copy.description = description;
  return Object.freeze(copy);
}

function duplicate(id: string): SkillsError {
  return new SkillsError('SKILL_DUPLICATE', `'${id}'`);
}
