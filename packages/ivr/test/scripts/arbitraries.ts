/** Shared fast-check arbitraries and helpers for the script tests. */
import fc from 'fast-check';
import { expect } from 'vitest';
import { isIvrError, type IvrError, type IvrErrorCode } from '../../src/errors.js';
import {
  CONTACT_FLAGS,
  DEMO_OFFERS,
  currentStep,
  startScript,
  stepScript,
  type ContactFlag,
  type ScriptConditions,
  type ScriptContext,
  type ScriptDefinition,
  type ScriptRule,
  type ScriptRun,
} from '../../src/scripts/index.js';

/** Small vocabularies, so random rules and random contexts overlap a lot. */
export const REASONS = ['lost-ticket', 'complaint', 'billing', 'sales', 'general'] as const;
export const TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const;
export const OFFERS = [...DEMO_OFFERS, 'spring-sale'] as const;

const unit = fc.oneof(fc.constantFrom(0, 0.3, 0.6, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const score = fc.oneof(fc.constantFrom(0, 500, 899, 900, 1000), fc.integer({ min: 0, max: 1000 }));
const flags = fc.record(
  { overdueInvoices: fc.boolean(), openComplaint: fc.boolean(), unfulfilledObligation: fc.boolean(), churnRisk: fc.boolean() },
  { requiredKeys: [] },
);

/** Any context over the small vocabularies; every field may be missing. */
export const contextArb: fc.Arbitrary<ScriptContext> = fc.record(
  {
    reason: fc.constantFrom(...REASONS),
    valueTier: fc.constantFrom(...TIERS),
    valueScore: score,
    crossSellPropensity: unit,
    readinessToBuy: unit,
    offers: fc.subarray([...OFFERS]),
    flags,
  },
  { requiredKeys: [] },
);

/** Any valid conditions over the small vocabularies (`minValueScore <= maxValueScore`, as validation demands). */
export const conditionsArb: fc.Arbitrary<ScriptConditions> = fc.record(
  {
    reason: fc.oneof(fc.constantFrom(...REASONS), fc.uniqueArray(fc.constantFrom(...REASONS), { minLength: 1, maxLength: 3 })),
    valueTier: fc.uniqueArray(fc.constantFrom(...TIERS), { minLength: 1, maxLength: 3 }),
    minValueScore: score,
    maxValueScore: score,
    minCrossSell: unit,
    minReadiness: unit,
    anyOffer: fc.uniqueArray(fc.constantFrom(...OFFERS), { minLength: 1, maxLength: 2 }),
    flags,
  },
  { requiredKeys: [] },
).map(orderedScores);

function orderedScores(when: ScriptConditions): ScriptConditions {
  const { minValueScore: min, maxValueScore: max } = when;
  return min !== undefined && max !== undefined && min > max ? { ...when, minValueScore: max, maxValueScore: min } : when;
}

const ruleId = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
const scriptId = fc.constantFrom('s-a', 's-b', 's-c');

/** One rule with the given conditions. */
export function ruleOf(when: fc.Arbitrary<ScriptConditions>): fc.Arbitrary<ScriptRule> {
  return fc.record(
    { id: ruleId, scriptId, priority: fc.integer({ min: -2, max: 2 }), when, allowOffersDuringComplaint: fc.boolean() },
    { requiredKeys: ['id', 'scriptId', 'when'] },
  );
}

/** Rule lists with unique ids; some rules are defaults (empty `when`). */
export const rulesArb: fc.Arbitrary<ScriptRule[]> = fc.uniqueArray(ruleOf(fc.oneof(conditionsArb, fc.constant({}))), {
  selector: (rule) => rule.id,
  maxLength: 12,
});

/**
 * Every single condition `ctx` satisfies, as a one-condition `when`: its reason, tier, score
 * as a minimum and as a maximum, propensities as minimums, one of its offers, and each flag
 * with its value (a missing flag is `false`).
 */
export function conditionsSatisfiedBy(ctx: ScriptContext): ScriptConditions[] {
  const out: ScriptConditions[] = [];
  if (ctx.reason !== undefined) out.push({ reason: ctx.reason });
  if (ctx.valueTier !== undefined) out.push({ valueTier: [ctx.valueTier] });
  if (ctx.valueScore !== undefined) out.push({ minValueScore: ctx.valueScore }, { maxValueScore: ctx.valueScore });
  if (ctx.crossSellPropensity !== undefined) out.push({ minCrossSell: ctx.crossSellPropensity });
  if (ctx.readinessToBuy !== undefined) out.push({ minReadiness: ctx.readinessToBuy });
  const offer = ctx.offers?.[0];
  if (offer !== undefined) out.push({ anyOffer: [offer] });
  for (const flag of CONTACT_FLAGS) out.push({ flags: { [flag]: ctx.flags?.[flag] ?? false } });
  return out;
}

/** `when` with `extra` added (flags merged); `undefined` when `when` already has that condition. */
export function withCondition(when: ScriptConditions, extra: ScriptConditions): ScriptConditions | undefined {
  const [key, value] = Object.entries(extra)[0] ?? [];
  if (key === undefined) return undefined;
  if (key !== 'flags') return key in when ? undefined : { ...when, [key]: value };
  const [flag] = Object.keys(value as object) as ContactFlag[];
  if (flag === undefined || when.flags?.[flag] !== undefined) return undefined;
  return { ...when, flags: { ...when.flags, ...(value as object) } };
}

/** The error `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  expect.unreachable('expected a throw');
}

/** Asserts that `fn` throws an IvrError with `code`, and returns it. */
export function ivrErrorOf(fn: () => unknown, code: IvrErrorCode): IvrError {
  const e = thrown(fn);
  if (!isIvrError(e)) throw e;
  expect(e.code).toBe(code);
  return e;
}

/**
 * Drives a run with answers picked by `choices` (index modulo the answers offered), one
 * `stepScript` call per step, at most `maxCalls` calls. Returns the run and the number of calls.
 */
export function driveRun(
  def: ScriptDefinition,
  offersAllowed: boolean,
  choices: readonly number[],
  maxCalls: number,
): { run: ScriptRun; calls: number } {
  let run = startScript(def, offersAllowed, 0);
  let calls = 0;
  while (!run.done && calls < maxCalls) {
    const answers = Object.keys(currentStep(def, run)?.answers ?? {});
    const answer = answers.length === 0 ? undefined : answers[(choices[calls] ?? 0) % answers.length];
    calls += 1;
    run = stepScript(def, run, answer, calls * 1000);
  }
  return { run, calls };
}

/** A deep, plain, mutable copy of JSON data. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
