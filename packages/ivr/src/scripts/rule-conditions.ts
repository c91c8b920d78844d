import { CONTACT_FLAGS, type ScriptContext } from './script-context.js';
import type { ScriptConditions } from './script-rule.js';

/**
 * How specific a rule's conditions are: one per listed condition, except `flags`, which counts
 * one per listed flag. An empty `when` (a default rule) has specificity 0.
 */
export function specificity(when: ScriptConditions): number {
  let count = 0;
  for (const [key, value] of Object.entries(when)) {
    if (value === undefined) continue;
    count += key === 'flags' ? listedFlags(when).length : 1;
  }
  return count;
}

/**
 * The conditions of `when` that `ctx` fails, named as in near misses (`reason`,
 * `minValueScore`, `flags.churnRisk`, …); empty when the rule matches.
 */
export function failedConditions(when: ScriptConditions, ctx: ScriptContext): string[] {
  const failed: string[] = [];
  const check = (name: string, holds: boolean) => {
    if (!holds) failed.push(name);
  };
  if (when.reason !== undefined) check('reason', oneOf(when.reason, ctx.reason));
  if (when.valueTier !== undefined) check('valueTier', oneOf(when.valueTier, ctx.valueTier));
  if (when.minValueScore !== undefined) check('minValueScore', atLeast(ctx.valueScore, when.minValueScore));
  if (when.maxValueScore !== undefined) check('maxValueScore', atMost(ctx.valueScore, when.maxValueScore));
  if (when.minCrossSell !== undefined) check('minCrossSell', atLeast(ctx.crossSellPropensity, when.minCrossSell));
  if (when.minReadiness !== undefined) check('minReadiness', atLeast(ctx.readinessToBuy, when.minReadiness));
  if (when.anyOffer !== undefined) check('anyOffer', when.anyOffer.some((offer) => ctx.offers?.includes(offer) === true));
  for (const flag of listedFlags(when)) {
    check(`flags.${flag}`, (ctx.flags?.[flag] ?? false) === when.flags?.[flag]);
  }
  return failed;
}

function listedFlags(when: ScriptConditions) {
  return CONTACT_FLAGS.filter((flag) => when.flags?.[flag] !== undefined);
}

function oneOf(wanted: string | readonly string[], actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return typeof wanted === 'string' ? wanted === actual : wanted.includes(actual);
}

function atLeast(actual: number | undefined, min: number): boolean {
  return actual !== undefined && actual >= min;
}

function atMost(actual: number | undefined, max: number): boolean {
  return actual !== undefined && actual <= max;
}
