import { compileScorer, toRequirement, type CompiledScorer, type Requirement, type RequirementInput, type SkillCatalogue, type SkillWeights } from '@switchboard/skills';

/** What a queue's scorer is compiled from: enough to compile the same scorer again. */
export interface ScorerSource {
  readonly catalogue: SkillCatalogue;
  readonly weights: SkillWeights | undefined;
  /** The queue's step requirements (without weights, every skill they name counts once). */
  readonly requirements: readonly Requirement[];
}

/** Each scorer compiled here → its source; weak, so it costs nothing once the scorer is gone. */
const sources = new WeakMap<object, ScorerSource>();

/**
 * Compiles a queue's scorer: its explicit skill weights, or else weight 1 for every skill any
 * step names. The source is remembered, so that a snapshot can carry the scorer (closures) as
 * the data it came from ({@link scorerSourceOf}). Throws like `compileScorer`.
 */
export function compileQueueScorer(catalogue: SkillCatalogue, weights: SkillWeights | undefined, steps: readonly RequirementInput[]): CompiledScorer {
  const requirements = steps.map((r) => toRequirement(r));
  const scorer = compileScorer(catalogue, weights, { any: requirements });
  sources.set(scorer, { catalogue, weights, requirements });
  return scorer;
}

/** What the scorer was compiled from, if {@link compileQueueScorer} compiled it. */
export function scorerSourceOf(scorer: object): ScorerSource | undefined {
  return sources.get(scorer);
}
