import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectScript, specificity, type ScriptContext, type ScriptRule } from '../../src/scripts/index.js';
import { conditionsSatisfiedBy, contextArb, ruleOf, rulesArb, withCondition } from './arbitraries.js';

/** Rules, a context, and a rule built from conditions that context satisfies (so it matches). */
const withMatchingRule = fc
  .tuple(rulesArb, contextArb)
  .chain(([rules, ctx]) => {
    const satisfied = conditionsSatisfiedBy(ctx);
    const when = fc.subarray(satisfied).map((parts) => parts.reduce((acc, part) => withCondition(acc, part) ?? acc, {}));
    return fc.tuple(fc.constant(rules), fc.constant(ctx), ruleOf(when), fc.constantFrom(...satisfied));
  })
  .map(([rules, ctx, target, extra]) => {
    const others = rules.filter((rule) => rule.id !== target.id);
    return { others, ctx, target, extra };
  });

/** A complaint context: reason `complaint`, or an open complaint on file. */
const complaintArb: fc.Arbitrary<ScriptContext> = fc
  .tuple(contextArb, fc.boolean())
  .map(([ctx, byReason]) => (byReason ? { ...ctx, reason: 'complaint' } : { ...ctx, flags: { ...ctx.flags, openComplaint: true } }));

const byId = (rules: readonly ScriptRule[], id: string | undefined) => rules.find((rule) => rule.id === id);

describe('selectScript properties', () => {
  it('is deterministic, also under any permutation of the rules', () => {
    const permuted = rulesArb.chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length })));
    fc.assert(
      fc.property(permuted, contextArb, ([rules, shuffled], ctx) => {
        const first = selectScript(rules, ctx);
        expect(selectScript(rules, ctx)).toEqual(first);
        expect(selectScript(shuffled, ctx)).toEqual(first);
      }),
    );
  });

  it('picks a matching rule that no other matching rule beats on (specificity, priority, id)', () => {
    fc.assert(
      fc.property(rulesArb, contextArb, (rules, ctx) => {
        const selection = selectScript(rules, ctx);
        if (selection === undefined) return;
        const winner = byId(rules, selection.ruleId);
        expect(winner?.scriptId).toBe(selection.scriptId);
        const key = (rule: ScriptRule) => [specificity(rule.when), rule.priority ?? 0] as const;
        for (const { ruleId } of selection.matched.slice(1)) {
          const [spec, prio] = key(byId(rules, ruleId) as ScriptRule);
          const [winSpec, winPrio] = key(winner as ScriptRule);
          expect(spec < winSpec || (spec === winSpec && (prio < winPrio || (prio === winPrio && ruleId > selection.ruleId)))).toBe(true);
        }
      }),
    );
  });

  it('never lets a less specific rule win over a matching rule given one more satisfied condition', () => {
    fc.assert(
      fc.property(withMatchingRule, ({ others, ctx, target, extra }) => {
        const before = selectScript([...others, target], ctx);
        expect(before?.matched.map((m) => m.ruleId)).toContain(target.id);
        const when = withCondition(target.when, extra);
        fc.pre(when !== undefined);
        const narrowed = { ...target, when };
        const after = selectScript([...others, narrowed], ctx);
        expect(after?.matched.map((m) => m.ruleId)).toContain(target.id);
        const winner = byId([...others, narrowed], after?.ruleId);
        expect(specificity(winner?.when ?? {})).toBeGreaterThanOrEqual(specificity(narrowed.when));
        if (before?.ruleId === target.id) expect(after?.ruleId).toBe(target.id);
      }),
    );
  });

  it('never allows offers to a complaint unless the winning rule says so explicitly', () => {
    fc.assert(
      fc.property(rulesArb, complaintArb, (rules, ctx) => {
        const selection = selectScript(rules, ctx);
        if (selection === undefined) return;
        expect(selection.offersAllowed).toBe(byId(rules, selection.ruleId)?.allowOffersDuringComplaint === true);
      }),
    );
  });

  it('always allows offers when the contact is not a complaint', () => {
    const notComplaint = contextArb.filter((ctx) => ctx.reason !== 'complaint' && ctx.flags?.openComplaint !== true);
    fc.assert(
      fc.property(rulesArb, notComplaint, (rules, ctx) => {
        expect(selectScript(rules, ctx)?.offersAllowed ?? true).toBe(true);
      }),
    );
  });

  it('lists every matching rule best first and every rule failing exactly one condition as a near miss', () => {
    fc.assert(
      fc.property(rulesArb, contextArb, (rules, ctx) => {
        const selection = selectScript(rules, ctx);
        const matched = selection?.matched ?? [];
        const specs = matched.map((m) => m.specificity);
        expect(specs).toEqual([...specs].sort((a, b) => b - a));
        const listed = new Set([...matched.map((m) => m.ruleId), ...(selection?.nearMisses ?? []).map((m) => m.ruleId)]);
        expect(listed.size).toBe(matched.length + (selection?.nearMisses.length ?? 0));
        // a near miss becomes a match once the context is changed to satisfy its failed condition
        for (const miss of selection?.nearMisses ?? []) {
          const rule = byId(rules, miss.ruleId) as ScriptRule;
          const repaired = satisfy(rule, ctx, miss.failed);
          expect(selectScript([rule], repaired)?.ruleId).toBe(rule.id);
        }
      }),
    );
  });
});

/** `ctx` changed just enough to satisfy `rule`'s condition `failed`. */
function satisfy(rule: ScriptRule, ctx: ScriptContext, failed: string): ScriptContext {
  const { when } = rule;
  const first = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? value : value?.[0]);
  switch (failed) {
    case 'reason': return { ...ctx, reason: first(when.reason) ?? '' };
    case 'valueTier': return { ...ctx, valueTier: first(when.valueTier) ?? '' };
    case 'minValueScore': return { ...ctx, valueScore: when.minValueScore ?? 0 };
    case 'maxValueScore': return { ...ctx, valueScore: when.maxValueScore ?? 0 };
    case 'minCrossSell': return { ...ctx, crossSellPropensity: when.minCrossSell ?? 0 };
    case 'minReadiness': return { ...ctx, readinessToBuy: when.minReadiness ?? 0 };
    case 'anyOffer': return { ...ctx, offers: [...(ctx.offers ?? []), first(when.anyOffer) ?? ''] };
    default: {
      const flag = failed.replace(/^flags\./, '') as keyof NonNullable<ScriptContext['flags']>;
      return { ...ctx, flags: { ...ctx.flags, [flag]: when.flags?.[flag] ?? false } };
    }
  }
}
