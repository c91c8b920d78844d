import { describe, expect, it } from 'vitest';
import {
  DEMO_SCRIPTS,
  DEMO_SCRIPT_RULES,
  selectScript,
  stepExits,
  validateScript,
  validateScriptRules,
  type ScriptDefinition,
} from '../../src/scripts/index.js';

const byId = new Map(DEMO_SCRIPTS.map((def) => [def.id, def]));
const phasesOf = (def: ScriptDefinition | undefined) => new Set(Object.values(def?.steps ?? {}).map((step) => step.phase));

/** True when a step can come back to itself (demo runs must end within the number of steps). */
function hasLoop(def: ScriptDefinition): boolean {
  const onPath = new Set<string>();
  const visit = (id: string): boolean => {
    if (onPath.has(id)) return true;
    onPath.add(id);
    const looped = stepExits(def.steps[id] ?? { phase: 'close', say: '' }).some((exit) => visit(exit.target));
    onPath.delete(id);
    return looped;
  };
  return visit(def.start);
}

describe('demo scripts and rules', () => {
  it('are valid, with unique script ids, and every rule names a demo script', () => {
    for (const def of DEMO_SCRIPTS) validateScript(def);
    expect(byId.size).toBe(DEMO_SCRIPTS.length);
    expect(validateScriptRules(DEMO_SCRIPT_RULES, { scriptIds: [...byId.keys()] })).toHaveLength(DEMO_SCRIPT_RULES.length);
    expect(new Set(DEMO_SCRIPT_RULES.map((rule) => rule.scriptId))).toEqual(new Set(byId.keys()));
  });

  it('have exactly one default rule', () => {
    expect(DEMO_SCRIPT_RULES.filter((rule) => Object.keys(rule.when).length === 0).map((rule) => rule.id)).toEqual(['default']);
  });

  it('start with a greeting, close on close-phase steps and never loop', () => {
    for (const def of DEMO_SCRIPTS) {
      expect(def.steps[def.start]?.phase, def.id).toBe('greet');
      for (const step of Object.values(def.steps).filter((s) => s.end === true)) expect(step.phase, def.id).toBe('close');
      expect(hasLoop(def), def.id).toBe(false);
    }
  });

  it('offer the free upgrade only to valued customers, cross-sell only in the sales script, nothing to complaints or debtors', () => {
    expect(phasesOf(byId.get('lost-ticket-valued')).has('offer')).toBe(true);
    expect(phasesOf(byId.get('sales-cross-sell')).has('offer')).toBe(true);
    for (const id of ['lost-ticket-standard', 'collections-overdue', 'complaint', 'general']) {
      expect(phasesOf(byId.get(id)).has('offer'), id).toBe(false);
    }
  });

  it('reissue at the same fare for valued customers and under the fare rules for others', () => {
    const says = (id: string) => Object.values(byId.get(id)?.steps ?? {}).map((step) => step.say).join(' ');
    expect(says('lost-ticket-valued')).toMatch(/same fare/);
    expect(says('lost-ticket-valued')).toMatch(/upgrade/);
    expect(says('lost-ticket-standard')).toMatch(/rules of your fare/);
    expect(says('lost-ticket-standard')).not.toMatch(/upgrade/);
    expect(says('collections-overdue')).toMatch(/instalments/);
    expect(says('complaint')).toMatch(/sorry/);
  });

  it('route every demo situation to the script written for it', () => {
    const cases: Array<[Parameters<typeof selectScript>[1], string]> = [
      [{ reason: 'lost-ticket', valueTier: 'platinum' }, 'lost-ticket-valued'],
      [{ reason: 'lost-ticket', valueTier: 'bronze', valueScore: 300 }, 'lost-ticket-standard'],
      [{ reason: 'billing', flags: { overdueInvoices: true } }, 'collections-overdue'],
      [{ reason: 'sales', readinessToBuy: 0.8 }, 'sales-cross-sell'],
      [{ reason: 'general', offers: ['extra-bag-discount'] }, 'sales-cross-sell'],
      [{ reason: 'complaint' }, 'complaint'],
      [{ reason: 'general', flags: { unfulfilledObligation: true }, crossSellPropensity: 1 }, 'complaint'],
      [{ reason: 'general' }, 'general'],
    ];
    for (const [ctx, scriptId] of cases) expect(selectScript(DEMO_SCRIPT_RULES, ctx)?.scriptId, JSON.stringify(ctx)).toBe(scriptId);
  });
});
