import { describe, expect, it } from 'vitest';
import { DEMO_SCRIPT_RULES, selectScript, specificity, type ScriptContext, type ScriptRule } from '../../src/scripts/index.js';

const pick = (ctx: ScriptContext) => selectScript(DEMO_SCRIPT_RULES, ctx);

describe('selectScript on the demo rules', () => {
  it('gives a top-3 % customer with a lost ticket the valued script, by tier or by score', () => {
    expect(pick({ reason: 'lost-ticket', valueTier: 'platinum', valueScore: 400 })).toMatchObject({
      scriptId: 'lost-ticket-valued',
      ruleId: 'lost-ticket-valued-by-tier',
      offersAllowed: true,
    });
    expect(pick({ reason: 'lost-ticket', valueTier: 'silver', valueScore: 900 })).toMatchObject({
      scriptId: 'lost-ticket-valued',
      ruleId: 'lost-ticket-valued-by-score',
    });
  });

  it('gives an ordinary customer with the same problem the standard script, naming the near misses', () => {
    const selection = pick({ reason: 'lost-ticket', valueTier: 'silver', valueScore: 899 });
    expect(selection).toMatchObject({ scriptId: 'lost-ticket-standard', ruleId: 'lost-ticket', offersAllowed: true });
    expect(selection?.matched).toEqual([
      { ruleId: 'lost-ticket', specificity: 1 },
      { ruleId: 'default', specificity: 0 },
    ]);
    expect(selection?.nearMisses).toContainEqual({ ruleId: 'lost-ticket-valued-by-score', failed: 'minValueScore' });
    expect(selection?.nearMisses).toContainEqual({ ruleId: 'lost-ticket-valued-by-tier', failed: 'valueTier' });
  });

  it('two customers with the same situation get the same script, whatever else differs', () => {
    const a = pick({ reason: 'lost-ticket', valueScore: 120, readinessToBuy: 0.1 });
    const b = pick({ reason: 'lost-ticket', valueScore: 640, readinessToBuy: 0.9, flags: { churnRisk: true } });
    expect(a?.scriptId).toBe('lost-ticket-standard');
    expect(b?.scriptId).toBe(a?.scriptId);
  });

  it('routes a customer with overdue invoices to collections', () => {
    expect(pick({ reason: 'billing', flags: { overdueInvoices: true } })).toMatchObject({
      scriptId: 'collections-overdue',
      ruleId: 'collections-overdue',
    });
    // a cross-sell opportunity (priority 5) does not beat collections (priority 10)
    expect(pick({ flags: { overdueInvoices: true }, crossSellPropensity: 0.9 })?.scriptId).toBe('collections-overdue');
  });

  it('offers cross-sell to a likely buyer, but a complaint beats it and suppresses offers', () => {
    expect(pick({ reason: 'billing', crossSellPropensity: 0.6 })).toMatchObject({ scriptId: 'sales-cross-sell', offersAllowed: true });
    expect(pick({ reason: 'complaint', crossSellPropensity: 0.9 })).toMatchObject({ scriptId: 'complaint', offersAllowed: false });
  });

  it('keeps the sales script for a sales call with an open complaint, with offers suppressed', () => {
    const ctx: ScriptContext = { reason: 'sales', offers: ['lounge-member-price'], flags: { openComplaint: true } };
    expect(pick(ctx)).toMatchObject({ scriptId: 'sales-cross-sell', ruleId: 'sales-eligible-offer', offersAllowed: false });
    expect(pick({ ...ctx, flags: {} })).toMatchObject({ scriptId: 'sales-cross-sell', offersAllowed: true });
  });

  it('lets a rule with allowOffersDuringComplaint keep offers for a complaining customer', () => {
    const ctx: ScriptContext = { reason: 'lost-ticket', valueTier: 'platinum', flags: { openComplaint: true } };
    expect(pick(ctx)).toMatchObject({ scriptId: 'lost-ticket-valued', offersAllowed: true });
    // the same contact for an ordinary customer: the complaint wins
    expect(pick({ ...ctx, valueTier: 'gold' })).toMatchObject({ scriptId: 'complaint', offersAllowed: false });
  });

  it('falls back to the default rule', () => {
    expect(pick({})).toMatchObject({ scriptId: 'general', ruleId: 'default', offersAllowed: true });
    expect(pick({})?.matched).toEqual([{ ruleId: 'default', specificity: 0 }]);
    expect(pick({ reason: 'complaint' })?.offersAllowed).toBe(false);
  });
});

describe('selectScript semantics', () => {
  const rule = (id: string, when: ScriptRule['when'], extra: Partial<ScriptRule> = {}): ScriptRule => ({
    id,
    scriptId: `s-${id}`,
    when,
    ...extra,
  });

  it('returns undefined when no rule matches', () => {
    expect(selectScript([rule('a', { reason: 'sales' })], { reason: 'billing' })).toBeUndefined();
    expect(selectScript([], {})).toBeUndefined();
  });

  it('prefers the more specific rule over a higher priority', () => {
    const rules = [rule('broad', { reason: 'sales' }, { priority: 100 }), rule('narrow', { reason: 'sales', minReadiness: 0.5 })];
    expect(selectScript(rules, { reason: 'sales', readinessToBuy: 0.5 })?.ruleId).toBe('narrow');
  });

  it('breaks ties by priority, then by id in code-unit order', () => {
    const tied = [rule('b', { reason: 'x' }), rule('a', { reason: 'x' }), rule('B', { reason: 'x' })];
    expect(selectScript(tied, { reason: 'x' })?.matched.map((m) => m.ruleId)).toEqual(['B', 'a', 'b']);
    const prioritised = [...tied, rule('z', { reason: 'x' }, { priority: 1 })];
    expect(selectScript(prioritised, { reason: 'x' })?.ruleId).toBe('z');
  });

  it('counts each listed flag as one condition and a reason list as one', () => {
    expect(specificity({ reason: ['a', 'b'], flags: { churnRisk: true, openComplaint: false } })).toBe(3);
    expect(specificity({ flags: {} })).toBe(0);
    expect(specificity({ minValueScore: 0, maxValueScore: 1000, anyOffer: ['x'], valueTier: ['gold'] })).toBe(4);
  });

  it('treats a missing flag as false and a missing field as failing its condition', () => {
    const rules = [rule('loyal', { flags: { churnRisk: false } }), rule('rich', { minValueScore: 0 })];
    const selection = selectScript(rules, {});
    expect(selection?.ruleId).toBe('loyal');
    expect(selection?.nearMisses).toEqual([{ ruleId: 'rich', failed: 'minValueScore' }]);
  });

  it('reports a near miss per failed flag name, and only rules that failed exactly one condition', () => {
    const rules = [
      rule('one', { reason: 'sales', flags: { churnRisk: true } }),
      rule('two', { reason: 'billing', flags: { churnRisk: true } }),
      rule('offer', { anyOffer: ['x', 'y'] }),
    ];
    const selection = selectScript(rules, { reason: 'sales', offers: ['z'] });
    expect(selection).toBeUndefined();
    const withDefault = selectScript([...rules, rule('d', {})], { reason: 'sales', offers: ['z'] });
    expect(withDefault?.nearMisses).toEqual([
      { ruleId: 'one', failed: 'flags.churnRisk' },
      { ruleId: 'offer', failed: 'anyOffer' },
    ]);
  });

  it('matches a reason list, a tier list and score bounds inclusively', () => {
    const rules = [rule('r', { reason: ['a', 'b'], valueTier: ['gold'], minValueScore: 500, maxValueScore: 600 })];
    expect(selectScript(rules, { reason: 'b', valueTier: 'gold', valueScore: 500 })?.ruleId).toBe('r');
    expect(selectScript(rules, { reason: 'b', valueTier: 'gold', valueScore: 600 })?.ruleId).toBe('r');
    expect(selectScript(rules, { reason: 'b', valueTier: 'gold', valueScore: 601 })).toBeUndefined();
  });
});
