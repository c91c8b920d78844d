import { describe, expect, it } from 'vitest';
import { parseRequirement, type SkillsError } from '../src/index.js';
import { SKILL_ID_RULE } from '../src/skill-id.js';
import { thrown } from './arbitraries.js';

function syntaxError(text: string): SkillsError {
  const e = thrown(() => parseRequirement(text)) as SkillsError;
  expect(e.code).toBe('REQUIREMENT_SYNTAX');
  expect(e.status).toBe(400);
  return e;
}

describe('parseRequirement', () => {
  it('parses the example from the design', () => {
    expect(parseRequirement('sales>=3 & (lang.ru | lang.en>=2) & !trainee')).toEqual({
      all: [
        { skill: 'sales', op: '>=', level: 3 },
        { any: [{ skill: 'lang.ru' }, { skill: 'lang.en', op: '>=', level: 2 }] },
        { not: { skill: 'trainee' } },
      ],
    });
  });

  it.each<[string, unknown]>([
    ['sales', { skill: 'sales' }],
    ['sales>=1', { skill: 'sales' }],
    ['sales>0', { skill: 'sales', op: '>', level: 0 }],
    ['sales == 3', { skill: 'sales', op: '=', level: 3 }],
    ['sales=3', { skill: 'sales', op: '=', level: 3 }],
    ['sales!=0', { skill: 'sales', op: '!=', level: 0 }],
    ['sales <= 2', { skill: 'sales', op: '<=', level: 2 }],
    ['sales<3', { skill: 'sales', op: '<', level: 3 }],
    ['*', { all: [] }],
    ['!*', { any: [] }],
    ['!(*)', { any: [] }],
    ['!!*', { not: { any: [] } }],
    ['((sales))', { skill: 'sales' }],
    ['a | b & c', { any: [{ skill: 'a' }, { all: [{ skill: 'b' }, { skill: 'c' }] }] }],
    ['(a | b) & c', { all: [{ any: [{ skill: 'a' }, { skill: 'b' }] }, { skill: 'c' }] }],
    ['a & (b & c)', { all: [{ skill: 'a' }, { all: [{ skill: 'b' }, { skill: 'c' }] }] }],
    ['a & b & c', { all: [{ skill: 'a' }, { skill: 'b' }, { skill: 'c' }] }],
    ['!a>=3', { not: { skill: 'a', op: '>=', level: 3 } }],
    ['!!a', { not: { not: { skill: 'a' } } }],
    ['a && b || c', { any: [{ all: [{ skill: 'a' }, { skill: 'b' }] }, { skill: 'c' }] }],
    ['NOT a AnD b oR c', { any: [{ all: [{ not: { skill: 'a' } }, { skill: 'b' }] }, { skill: 'c' }] }],
    ['not(a)and(b)', { all: [{ not: { skill: 'a' } }, { skill: 'b' }] }],
    ['\n\ta\r\n&\tb  ', { all: [{ skill: 'a' }, { skill: 'b' }] }],
    ['andy & notx | or1', { any: [{ all: [{ skill: 'andy' }, { skill: 'notx' }] }, { skill: 'or1' }] }],
    ['NOT.x & product.tv-plus>=2', { all: [{ skill: 'NOT.x' }, { skill: 'product.tv-plus', op: '>=', level: 2 }] }],
    ['a>=03', { skill: 'a', op: '>=', level: 3 }],
  ])('%j', (text, expected) => {
    expect(parseRequirement(text)).toEqual(expected);
  });

  it('shows the text with a caret under the error, as in the spec', () => {
    expect(syntaxError('sales>=3 & | x').message).toBe(
      "Requirement expression has a syntax error: expected a skill name, found '|' at 11\n  sales>=3 & | x\n             ^",
    );
  });

  it.each<[string, string, number, string]>([
    // text, expected, position, found
    ['', 'a skill name', 0, 'end of expression'],
    ['   ', 'a skill name', 3, 'end of expression'],
    ['(sales', "'&', '|' or ')'", 6, 'end of expression'],
    ['((a) & b', "'&', '|' or ')'", 8, 'end of expression'],
    ['sales)', "'&', '|' or end of expression", 5, "')'"],
    ['()', 'a skill name', 1, "')'"],
    ['sales &', 'a skill name', 7, 'end of expression'],
    ['sales | ', 'a skill name', 8, 'end of expression'],
    ['!', 'a skill name', 1, 'end of expression'],
    ['a & & b', 'a skill name', 4, "'&'"],
    ['& a', 'a skill name', 0, "'&'"],
    ['sales>=', 'a level from 0 to 5', 7, 'end of expression'],
    ['sales >= & b', 'a level from 0 to 5', 9, "'&'"],
    ['sales>=6', 'a level from 0 to 5', 7, "'6'"],
    ['sales >= -1', 'a level from 0 to 5', 9, "'-1'"],
    ['sales>=2.5', 'a level from 0 to 5', 7, "'2.5'"],
    ['sales>=3x', 'a level from 0 to 5', 7, "'3x'"],
    ['sales > = 3', 'a level from 0 to 5', 8, "'='"],
    ['sales 3', "'&', '|' or end of expression", 6, "'3'"],
    ['a b', "'&', '|' or end of expression", 2, "'b'"],
    ['a..b', 'a skill id', 0, "'a..b'"],
    ['x & lang.', 'a skill id', 4, "'lang.'"],
    [`${'a'.repeat(65)}`, 'a skill id', 0, `'${'a'.repeat(65)}'`],
    ['sal$es', "a letter, digit, '_', '-' or '.' in the skill id", 3, "'$'"],
    ['lang.ру', "a letter, digit, '_', '-' or '.' in the skill id", 5, "'р'"],
    ['1sales', 'a skill name', 0, "'1sales'"],
    ['_x', 'a skill name', 0, "'_x'"],
    ['a & $', 'a skill name', 4, "'$'"],
    ['a & b #', "'&', '|' or end of expression", 6, "'#'"],
    ['a && and', 'a skill name', 5, "'and'"],
    ['a ! b', "'&', '|' or end of expression", 2, "'!'"],
    ['a >> 2', 'a level from 0 to 5', 3, "'>'"],
    ['a & 😀', 'a skill name', 4, "'😀'"],
  ])('%j: expected %s at %i', (text, expected, position, found) => {
    const e = syntaxError(text);
    expect(e.position).toBe(position);
    const [headline, excerpt, caret] = e.message.split('\n');
    const rule = expected === 'a skill id' ? ` (${SKILL_ID_RULE})` : '';
    expect(headline).toBe(`Requirement expression has a syntax error: expected ${expected}${rule}, found ${found} at ${position}`);
    expect(excerpt).toBe(`  ${text.replace(/\s/g, ' ')}`);
    expect(caret).toBe(`${' '.repeat(position + 2)}^`);
  });

  it('accepts 2000 characters and rejects 2001 at position 2000, showing a window of the text', () => {
    const long = Array.from({ length: 400 }, () => 'ab').join(' & ');
    expect(long.length).toBe(1997);
    expect(() => parseRequirement(`${long}   `)).not.toThrow();
    const e = syntaxError(`${long}    `);
    expect(e.position).toBe(2000);
    expect(e.message).toContain('expected at most 2000 characters, found 2001 characters at 2000');
    const [, excerpt = '', caret = ''] = e.message.split('\n');
    expect(excerpt.startsWith('  ...')).toBe(true);
    expect(excerpt.length).toBeLessThan(90);
    expect(caret.indexOf('^')).toBe(excerpt.length - 1); // under the 2001st character, the last one
  });

  it('windows long text around the error so the caret still points at it', () => {
    const text = `${'a & '.repeat(100)}$ & ${'b & '.repeat(100)}c`;
    const e = syntaxError(text);
    expect(e.position).toBe(400);
    const [, excerpt = '', caret = ''] = e.message.split('\n');
    expect(excerpt.startsWith('  ...') && excerpt.endsWith('...')).toBe(true);
    expect(excerpt[caret.indexOf('^')]).toBe('$');
  });

  it('accepts 32 levels of nesting and rejects 33 at the opening token', () => {
    const nested = (n: number, open: string, close: string): string => `${open.repeat(n)}a${close.repeat(n)}`;
    expect(() => parseRequirement(nested(32, '(', ')'))).not.toThrow();
    expect(() => parseRequirement(nested(32, '!', ''))).not.toThrow();
    expect(() => parseRequirement(nested(16, '!(', ')'))).not.toThrow();
    expect(syntaxError(nested(33, '(', ')')).position).toBe(32);
    expect(syntaxError(nested(33, '!', '')).position).toBe(32);
    expect(syntaxError(nested(17, '!(', ')')).position).toBe(32);
    expect(syntaxError(nested(33, 'not ', '')).message).toContain(
      "expected at most 32 levels of nesting, found 'not' opening level 33 at 128",
    );
  });

  it('rejects a tree deeper than 32 even when brackets nest less', () => {
    // Each bracket level holds an `|` of an `&`: two tree levels per bracket.
    let text = 'x';
    for (let i = 0; i < 16; i++) text = `a | b & (${text})`;
    expect(() => parseRequirement(text)).not.toThrow(); // depth 32
    const e = syntaxError(`a | b & (${text})`);
    expect(e.message).toContain('found a subexpression nested 33 levels deep at 4');
  });
});
