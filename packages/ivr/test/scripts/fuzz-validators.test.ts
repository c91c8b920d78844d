import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIvrError } from '../../src/errors.js';
import { DEMO_SCRIPTS, DEMO_SCRIPT_RULES, validateScript, validateScriptRules, type ScriptDefinition } from '../../src/scripts/index.js';
import { driveRun } from './arbitraries.js';
import { mutated } from './mutate.js';

const anything = fc.anything({
  withNullPrototype: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withBigInt: true,
  withDate: true,
  withObjectString: true,
});

/** Runs `validate`; it must return or throw SCRIPT_DEFINITION_INVALID with at least one problem, each with a path. */
function returnsOrRejects<T>(validate: () => T): T | undefined {
  try {
    return validate();
  } catch (e) {
    if (!isIvrError(e, 'SCRIPT_DEFINITION_INVALID')) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    for (const problem of e.problems) {
      expect(typeof problem.path).toBe('string');
      expect(problem.message.length).toBeGreaterThan(0);
    }
    return undefined;
  }
}

const scriptIds = DEMO_SCRIPTS.map((d) => d.id);
const mutatedScript = fc.constantFrom(...DEMO_SCRIPTS).chain((def) => mutated(def));
const mutatedRules = mutated(DEMO_SCRIPT_RULES);

describe('validators under fuzzing', () => {
  it('validateScript returns or throws SCRIPT_DEFINITION_INVALID for anything', () => {
    fc.assert(fc.property(fc.oneof(anything, fc.record({ id: anything, title: anything, start: anything, steps: anything })), (json) => {
      returnsOrRejects(() => validateScript(json));
    }));
  });

  it('validateScriptRules returns or throws SCRIPT_DEFINITION_INVALID for anything', () => {
    fc.assert(fc.property(fc.oneof(anything, fc.array(anything)), (json) => {
      returnsOrRejects(() => validateScriptRules(json, { scriptIds }));
    }));
  });

  it('validateScript never crashes on mutated demo scripts, and what it accepts can be run without error', () => {
    fc.assert(
      fc.property(mutatedScript, fc.boolean(), fc.array(fc.nat(), { maxLength: 30 }), (json, offersAllowed, picks) => {
        const def: ScriptDefinition | undefined = returnsOrRejects(() => validateScript(json));
        if (def === undefined) return;
        expect(validateScript(JSON.parse(JSON.stringify(def)))).toEqual(def);
        // accepted scripts may loop, so cap the run; an offered answer must never make it throw
        driveRun(def, offersAllowed, picks, 3 * Object.keys(def.steps).length);
      }),
      { numRuns: 500 },
    );
  });

  it('validateScriptRules never crashes on mutated demo rules, and what it accepts validates again unchanged', () => {
    fc.assert(
      fc.property(mutatedRules, (json) => {
        const rules = returnsOrRejects(() => validateScriptRules(json, { scriptIds }));
        if (rules !== undefined) expect(validateScriptRules(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects most mutated scripts, so the fuzzing reaches the checks', () => {
    const samples = fc.sample(mutatedScript, { numRuns: 300, seed: 42 });
    const rejected = samples.filter((json) => returnsOrRejects(() => validateScript(json)) === undefined).length;
    expect(rejected).toBeGreaterThan(100);
    expect(rejected).toBeLessThan(300);
  });
});
