import type { ContactFlag } from './script-context.js';

/**
 * The conditions of a {@link ScriptRule}; all listed ones must hold. Each listed key counts one
 * towards the rule's specificity, except `flags`, where each listed flag counts one.
 */
export interface ScriptConditions {
  /** The contact reason, or one of several. */
  readonly reason?: string | readonly string[];
  /** One of these value tiers. */
  readonly valueTier?: readonly string[];
  /** `valueScore >= minValueScore`. */
  readonly minValueScore?: number;
  /** `valueScore <= maxValueScore`. */
  readonly maxValueScore?: number;
  /** `crossSellPropensity >= minCrossSell`. */
  readonly minCrossSell?: number;
  /** `readinessToBuy >= minReadiness`. */
  readonly minReadiness?: number;
  /** The customer is eligible for at least one of these offers. */
  readonly anyOffer?: readonly string[];
  /** Each listed flag has this value (a flag the context leaves out is `false`). */
  readonly flags?: Partial<Record<ContactFlag, boolean>>;
}

/** Every condition key of {@link ScriptConditions}, in the order near misses name them. */
export const CONDITION_KEYS = [
  'reason',
  'valueTier',
  'minValueScore',
  'maxValueScore',
  'minCrossSell',
  'minReadiness',
  'anyOffer',
  'flags',
] as const;

/** One condition key of {@link ScriptConditions}. */
export type ConditionKey = (typeof CONDITION_KEYS)[number];

/** A rule choosing a script for the contacts its conditions match. An empty `when` is a default. */
export interface ScriptRule {
  /** Unique among the rules; the last tie-break. */
  readonly id: string;
  /** The script this rule chooses. */
  readonly scriptId: string;
  /** Tie-break among equally specific matches: higher wins (then `id`). Default 0. */
  readonly priority?: number;
  /** The conditions, all of which must hold. */
  readonly when: ScriptConditions;
  /** Offers are suppressed when the contact is a complaint unless this is true. */
  readonly allowOffersDuringComplaint?: boolean;
}

/** The outcome of {@link selectScript}: the winner, and why. */
export interface ScriptSelection {
  /** The script of the winning rule. */
  readonly scriptId: string;
  /** The winning rule. */
  readonly ruleId: string;
  /** False when the contact is a complaint and the winning rule does not allow offers then. */
  readonly offersAllowed: boolean;
  /** Every matching rule, best first. */
  readonly matched: ReadonlyArray<{ readonly ruleId: string; readonly specificity: number }>;
  /** Rules that failed exactly one condition, with which (e.g. `minValueScore`, `flags.churnRisk`), best first. */
  readonly nearMisses: ReadonlyArray<{ readonly ruleId: string; readonly failed: string }>;
}
