import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_SCRIPTS, DEMO_SCRIPT_RULES, validateScriptRules } from '../../src/scripts/index.js';
import { ivrErrorOf, jsonCopy, rulesArb } from './arbitraries.js';

const problemsOf = (json: unknown, scriptIds?: readonly string[]) =>
  ivrErrorOf(() => validateScriptRules(json, scriptIds === undefined ? {} : { scriptIds }), 'SCRIPT_DEFINITION_INVALID').problems;

const ok = { id: 'r', scriptId: 's', when: {} };

describe('validateScriptRules', () => {
  it('accepts the demo rules, every script they name exists, and returns an equal frozen copy', () => {
    const copy = validateScriptRules(jsonCopy(DEMO_SCRIPT_RULES), { scriptIds: DEMO_SCRIPTS.map((d) => d.id) });
    expect(copy).toEqual(DEMO_SCRIPT_RULES);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy[0]?.when)).toBe(true);
  });

  it('accepts every generated rule list unchanged', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        expect(validateScriptRules(jsonCopy(rules))).toEqual(rules);
      }),
    );
  });

  it.each<[string, unknown, string, string]>([
    ['not an array', { rules: [] }, '', 'expected an array of rules'],
    ['a rule that is not an object', [ok, 'r2'], '1', 'expected a rule object, got "r2"'],
    ['an unknown key', [{ ...ok, prio: 1 }], '0.prio', 'unknown key "prio"'],
    ['a malformed id', [{ ...ok, id: 'a b' }], '0.id', 'expected an id'],
    ['a missing script id', [{ id: 'r', when: {} }], '0.scriptId', 'expected a script id, got undefined'],
    ['a non-finite priority', [{ ...ok, priority: Number.POSITIVE_INFINITY }], '0.priority', 'expected a finite number'],
    ['a non-boolean allowOffers…', [{ ...ok, allowOffersDuringComplaint: 'yes' }], '0.allowOffersDuringComplaint', 'expected a boolean'],
    ['a missing when', [{ id: 'r', scriptId: 's' }], '0.when', 'expected an object of conditions'],
    ['an unknown condition', [{ ...ok, when: { region: 'eu' } }], '0.when.region', 'unknown key "region"'],
    ['an empty reason list', [{ ...ok, when: { reason: [] } }], '0.when.reason', 'non-empty array'],
    ['an empty reason', [{ ...ok, when: { reason: '' } }], '0.when.reason', 'non-empty string'],
    ['a tier that is not a string', [{ ...ok, when: { valueTier: ['gold', 3] } }], '0.when.valueTier.1', 'got 3'],
    ['a score above 1000', [{ ...ok, when: { minValueScore: 1001 } }], '0.when.minValueScore', 'from 0 to 1000, got 1001'],
    ['a propensity above 1', [{ ...ok, when: { minCrossSell: 60 } }], '0.when.minCrossSell', 'from 0 to 1, got 60'],
    ['NaN readiness', [{ ...ok, when: { minReadiness: Number.NaN } }], '0.when.minReadiness', 'got NaN'],
    ['min score above max', [{ ...ok, when: { minValueScore: 900, maxValueScore: 100 } }], '0.when.maxValueScore', 'could never match'],
    ['an unknown flag', [{ ...ok, when: { flags: { vip: true } } }], '0.when.flags.vip', 'unknown key "vip"'],
    ['a non-boolean flag', [{ ...ok, when: { flags: { churnRisk: 1 } } }], '0.when.flags.churnRisk', 'expected a boolean, got 1'],
    ['a duplicate id', [ok, { ...ok, scriptId: 't' }], '1.id', 'duplicate rule id "r"'],
  ])('rejects %s at %j', (_name, json, path, message) => {
    const problems = problemsOf(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.message).toContain(message);
  });

  it('lists every problem of every rule at once, with its path', () => {
    const problems = problemsOf([
      { id: 'a', scriptId: 'nope', when: { minCrossSell: 2, flags: { churnRisk: 'y' } } },
      { id: 'a', scriptId: 'general', when: {} },
      7,
    ], ['general']);
    expect(problems.map((p) => p.path)).toEqual(['0.scriptId', '0.when.minCrossSell', '0.when.flags.churnRisk', '2', '1.id']);
    expect(problems[0]?.message).toBe('no script "nope"');
  });

  it('says in its message how many problems there are and where the first is', () => {
    const e = ivrErrorOf(() => validateScriptRules([{ ...ok, when: { x: 1 } }, 3]), 'SCRIPT_DEFINITION_INVALID');
    expect(e.message).toContain('2 problem(s) in the script rules; first at 0.when.x');
    expect(e.status).toBe(400);
  });
});
