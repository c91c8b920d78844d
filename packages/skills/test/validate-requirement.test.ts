import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requirementDepth, requirementSkills, toRequirement, validateRequirement, type SkillsError } from '../src/index.js';
import { anySkillId, requirementOf, thrown } from './arbitraries.js';

function invalidAt(json: unknown): { path: string | undefined; message: string } {
  const e = thrown(() => validateRequirement(json)) as SkillsError;
  expect(e.code).toBe('REQUIREMENT_INVALID');
  return { path: e.path, message: e.message };
}

/** `depth` nested `not`s around an atom. */
function nots(depth: number): unknown {
  let node: unknown = { skill: 'x' };
  for (let i = 0; i < depth; i++) node = { not: node };
  return node;
}

describe('validateRequirement', () => {
  it('accepts every generated requirement and returns an equal, frozen copy', () => {
    fc.assert(
      fc.property(requirementOf(anySkillId), (req) => {
        const copy = validateRequirement(JSON.parse(JSON.stringify(req)));
        expect(copy).toEqual(req);
        expect(Object.isFrozen(copy)).toBe(true);
      }),
    );
  });

  it.each<[unknown, string, string]>([
    [null, '', 'expected an object, got null'],
    [[], '', 'expected an object, got an array'],
    [{}, '', "exactly one of 'skill', 'all', 'any' or 'not'"],
    [{ all: [], any: [] }, '', "exactly one of 'skill', 'all', 'any' or 'not'"],
    [{ skill: 'a', not: { skill: 'b' } }, '', "exactly one of 'skill', 'all', 'any' or 'not'"],
    [{ skill: 'a', min: 3 }, 'min', "unknown key 'min'"],
    [{ all: [{ skill: 'a' }], level: 2 }, 'level', "unknown key 'level'"],
    [{ skill: 'lang ru' }, 'skill', 'expected a skill id'],
    [{ skill: 'and' }, 'skill', 'expected a skill id'],
    [{ skill: 7 }, 'skill', 'got 7'],
    [{ skill: 'a', op: '==' }, 'op', 'expected one of >= > <= < = !=, got "=="'],
    [{ skill: 'a', op: undefined }, 'op', 'got undefined'],
    [{ skill: 'a', level: 6 }, 'level', 'integer from 0 to 5, got 6'],
    [{ skill: 'a', level: -1 }, 'level', 'got -1'],
    [{ skill: 'a', level: 2.5 }, 'level', 'got 2.5'],
    [{ skill: 'a', level: '3' }, 'level', 'got "3"'],
    [{ all: 'a' }, 'all', 'expected an array, got "a"'],
    [{ any: [{ skill: 'a' }, 3] }, 'any[1]', 'expected an object, got 3'],
    [{ all: [{ skill: 'a' }, { not: { skill: 'b', level: 9 } }] }, 'all[1].not.level', 'got 9'],
    [{ any: [{ all: [{ skill: 'a', x: 1 }] }] }, 'any[0].all[0].x', "unknown key 'x'"],
    [{ all: [, { skill: 'a' }] }, 'all[0]', 'got undefined'],
  ])('rejects %j at path %j', (json, path, detail) => {
    const error = invalidAt(json);
    expect(error.path).toBe(path);
    expect(error.message).toContain(detail);
    expect(error.message).toContain(path === '' ? 'at the root' : `at ${path}`);
  });

  it('accepts nesting 32 levels deep and rejects 33, naming the path', () => {
    expect(requirementDepth(validateRequirement(nots(32)))).toBe(32);
    const error = invalidAt(nots(33));
    expect(error.path).toBe(Array.from({ length: 32 }, () => 'not').join('.'));
    expect(error.message).toContain('deeper than 32');
    expect(requirementDepth(validateRequirement({ all: [nots(31)] }))).toBe(32);
    expect(invalidAt({ all: [{ skill: 'a' }, nots(32)] }).path).toMatch(/^all\[1\](\.not){31}$/);
  });

  it('stops at the depth limit on cyclic input instead of overflowing the stack', () => {
    const loop: { not?: unknown } = {};
    loop.not = loop;
    expect(invalidAt(loop).message).toContain('deeper than 32');
  });
});

describe('toRequirement / requirementSkills / requirementDepth', () => {
  it('parses strings and validates objects', () => {
    expect(toRequirement('sales>=3')).toEqual({ skill: 'sales', op: '>=', level: 3 });
    expect(toRequirement({ skill: 'sales', level: 3 })).toEqual({ skill: 'sales', level: 3 });
    expect((thrown(() => toRequirement('sales>=')) as SkillsError).code).toBe('REQUIREMENT_SYNTAX');
    expect((thrown(() => toRequirement(42 as never)) as SkillsError).code).toBe('REQUIREMENT_INVALID');
  });

  it('lists distinct skills in first-seen order', () => {
    expect(requirementSkills(toRequirement('b & (a | !b>=3) & c & a<2'))).toEqual(['b', 'a', 'c']);
    expect(requirementSkills(toRequirement('*'))).toEqual([]);
  });

  it('measures depth: atom 0, * 1, each all/any/not adds one', () => {
    expect(['x', '*', '!x', 'a & b', 'a & (b | !c)'].map((t) => requirementDepth(toRequirement(t)))).toEqual([0, 1, 1, 1, 3]);
  });
});
