import { failedConditions, specificity } from './rule-conditions.js';
import { isComplaint, type ScriptContext } from './script-context.js';
import type { ScriptRule, ScriptSelection } from './script-rule.js';

interface Scored {
  readonly rule: ScriptRule;
  readonly specificity: number;
  readonly failed: readonly string[];
}

/**
 * Picks the script for a contact: among the rules whose every condition holds, the most
 * specific wins; ties go to the higher `priority` (default 0), then to the smaller `id`
 * (compared by code units, so the result does not depend on rule order or locale). Returns
 * `undefined` when no rule matches — give the rules a default (empty `when`) to avoid that.
 *
 * Offers are allowed unless the contact is a complaint (reason `complaint` or
 * `flags.openComplaint`) and the winning rule does not set `allowOffersDuringComplaint`.
 *
 * @example
 * ```ts
 * const selection = selectScript(DEMO_SCRIPT_RULES, { reason: 'lost-ticket', valueScore: 950 });
 * // { scriptId: 'lost-ticket-valued', ruleId: 'lost-ticket-valued-by-score', offersAllowed: true, … }
 * ```
 */
export function selectScript(rules: readonly ScriptRule[], ctx: ScriptContext): ScriptSelection | undefined {
  const scored = rules
    .map((rule): Scored => ({ rule, specificity: specificity(rule.when), failed: failedConditions(rule.when, ctx) }))
    .sort(bestFirst);
  const matched = scored.filter((s) => s.failed.length === 0);
  const winner = matched[0];
  if (winner === undefined) return undefined;
  return {
    scriptId: winner.rule.scriptId,
    ruleId: winner.rule.id,
    offersAllowed: !isComplaint(ctx) || winner.rule.allowOffersDuringComplaint === true,
    matched: matched.map((s) => ({ ruleId: s.rule.id, specificity: s.specificity })),
    nearMisses: scored.flatMap((s) => (s.failed.length === 1 ? [{ ruleId: s.rule.id, failed: s.failed[0] ?? '' }] : [])),
  };
}

function bestFirst(a: Scored, b: Scored): number {
  return (
    b.specificity - a.specificity ||
    ascending(b.rule.priority ?? 0, a.rule.priority ?? 0) ||
    ascending(a.rule.id, b.rule.id) ||
    ascending(a.rule.scriptId, b.rule.scriptId)
  );
}

/** Plain `<` order: code units for strings, no locale; never NaN, unlike a subtraction. */
function ascending<T extends string | number>(a: T, b: T): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
