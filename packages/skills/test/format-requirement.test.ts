import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatRequirement,
  normaliseRequirement,
  parseRequirement,
  requirementDepth,
  validateRequirement,
  type Requirement,
} from '../src/index.js';
import { anySkillId, requirementOf } from './arbitraries.js';

const requirement = requirementOf(anySkillId);

/**
 * An independent, deliberately noisy printer: random operator spellings, keyword case, spacing
 * and redundant brackets. Parsing its output must give the same tree as the canonical text.
 */
function noisyText(req: Requirement, pick: (n: number) => number): string {
  const choose = <T>(options: readonly T[]): T => options[pick(options.length)]!;
  const space = (): string => choose(['', ' ', '  ', '\n', '\t']);
  const word = (w: string): string => ` ${choose([w, w.toUpperCase()])} `;
  const wrap = (text: string, force: boolean): string => (force || pick(4) === 0 ? `(${space()}${text}${space()})` : text);
  if ('skill' in req) {
    const op = req.op ?? '>=';
    const level = req.level ?? 1;
    if (op === '>=' && level === 1 && pick(2) === 0) return req.skill;
    return `${req.skill}${space()}${op === '=' ? choose(['=', '==']) : op}${space()}${level}`;
  }
  if ('not' in req) return `${choose(['!', word('not')])}${space()}${wrap(noisyText(req.not, pick), true)}`;
  const [children, ops] = 'all' in req ? [req.all, ['&', '&&', word('and')]] : [req.any, ['|', '||', word('or')]];
  if (children.length === 0) return 'all' in req ? '*' : '!*';
  return children.map((child) => wrap(noisyText(child, pick), true)).join(`${space()}${choose(ops)}${space()}`);
}

describe('formatRequirement', () => {
  it.each<[string, string]>([
    ['sales>=3 & (lang.ru | lang.en>=2) & !trainee', 'sales>=3 & (lang.ru | lang.en>=2) & !trainee'],
    ['  sales >= 1 AND NOT trainee  ', 'sales & !trainee'],
    ['a | b && c', 'a | (b & c)'],
    ['a & (b & c)', 'a & (b & c)'],
    ['a == 0 || !(b | c)', 'a=0 | !(b | c)'],
    ['not *', '!*'],
    ['!!*', '!!*'],
    ['((x)) & *', 'x & *'],
  ])('%j formats as %j', (text, canonical) => {
    expect(formatRequirement(parseRequirement(text))).toBe(canonical);
  });

  it('formats JSON-only shapes canonically', () => {
    expect(formatRequirement({ all: [{ skill: 'a', level: 3 }] })).toBe('a>=3');
    expect(formatRequirement({ any: [] })).toBe('!*');
    expect(formatRequirement({ not: { all: [] } })).toBe('!*');
    expect(formatRequirement({ skill: 'a', op: '<' })).toBe('a<1');
    expect(formatRequirement({ all: [{ any: [{ skill: 'a' }, { skill: 'b' }] }, { skill: 'c' }] })).toBe('(a | b) & c');
  });

  it('round-trips: parse(format(r)) deep-equals normalise(r), which is never deeper than r', () => {
    fc.assert(
      fc.property(requirement, (req) => {
        const normal = normaliseRequirement(req);
        expect(parseRequirement(formatRequirement(req))).toEqual(normal);
        expect(requirementDepth(normal)).toBeLessThanOrEqual(requirementDepth(req));
      }),
      { numRuns: 500 },
    );
  });

  it('canonical text and form are fixed points', () => {
    fc.assert(
      fc.property(requirement, (req) => {
        const text = formatRequirement(req);
        const parsed = parseRequirement(text);
        expect(formatRequirement(parsed)).toBe(text);
        expect(normaliseRequirement(parsed)).toEqual(parsed);
        expect(validateRequirement(parsed)).toEqual(parsed);
      }),
    );
  });

  it('parses any spelling of a requirement to its normal form', () => {
    fc.assert(
      fc.property(requirement, fc.infiniteStream(fc.nat()), (req, randoms) => {
        const iterator = randoms[Symbol.iterator]();
        const pick = (n: number): number => iterator.next().value! % n;
        const text = noisyText(req, pick);
        expect(parseRequirement(text), text).toEqual(normaliseRequirement(req));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the deepest requirements accepted', () => {
    const deep = fc.integer({ min: 1, max: 32 }).chain((depth) =>
      fc.array(fc.constantFrom('not', 'all', 'any'), { minLength: depth, maxLength: depth }).map((kinds) =>
        kinds.reduce<Requirement>(
          (inner, kind) => (kind === 'not' ? { not: inner } : kind === 'all' ? { all: [{ skill: 'a' }, inner] } : { any: [inner, { skill: 'b' }] }),
          { skill: 'x', op: '!=', level: 2 },
        ),
      ),
    );
    fc.assert(
      fc.property(deep, (req) => {
        expect(parseRequirement(formatRequirement(req))).toEqual(normaliseRequirement(req));
      }),
      { numRuns: 200 },
    );
  });
});
