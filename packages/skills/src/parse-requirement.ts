import { EVERYONE, canonicalAtom, canonicalGroup, canonicalNot } from './normalise-requirement.js';
import { type Comparator, type Requirement, MAX_REQUIREMENT_DEPTH } from './requirement.js';
import { type Token, tokenize } from './requirement-lexer.js';
import { requirementSyntaxError } from './requirement-syntax-error.js';
import { SKILL_ID_RULE, isValidSkillId } from './skill-id.js';

/** Longest expression accepted, in characters. */
export const MAX_REQUIREMENT_LENGTH = 2000;

/** A parsed subexpression and its nesting depth (0 for an atom). */
interface Parsed {
  readonly req: Requirement;
  readonly depth: number;
}

const LEVEL = /^\d+$/;

/**
 * Parses the text supervisors type into a {@link Requirement} in canonical form (see
 * `normaliseRequirement`).
 *
 * ```text
 * or      := and (('|' | '||' | 'or') and)*
 * and     := unary (('&' | '&&' | 'and') unary)*
 * unary   := ('!' | 'not') unary | primary
 * primary := '(' or ')' | '*' | SKILL [CMP LEVEL]      CMP: >= > <= < = == !=   LEVEL: 0..5
 * ```
 *
 * Keywords are case-insensitive; whitespace is free-form. Throws `REQUIREMENT_SYNTAX` with the
 * 0-based `position` of the offending token, for text longer than 2000 characters, or nesting
 * (brackets and negations, or the resulting tree) deeper than 32 levels.
 *
 * @example
 * ```ts
 * parseRequirement('sales>=3 & (lang.ru | lang.en>=2) & !trainee');
 * // { all: [ { skill: 'sales', op: '>=', level: 3 },
 * //          { any: [ { skill: 'lang.ru' }, { skill: 'lang.en', op: '>=', level: 2 } ] },
 * //          { not: { skill: 'trainee' } } ] }
 * ```
 */
export function parseRequirement(text: string): Requirement {
  if (text.length > MAX_REQUIREMENT_LENGTH) {
    const found = `${text.length} characters`;
    throw requirementSyntaxError(text, MAX_REQUIREMENT_LENGTH, `at most ${MAX_REQUIREMENT_LENGTH} characters`, found);
  }
  return new RequirementParser(text).parse();
}

/** Recursive descent over the token list; one method per grammar rule. */
class RequirementParser {
  readonly #text: string;
  readonly #tokens: readonly Token[];
  readonly #end: Token;
  #next = 0;
  /** Brackets and negations currently open; bounded so hostile input cannot exhaust the stack. */
  #nesting = 0;

  constructor(text: string) {
    this.#text = text;
    this.#tokens = tokenize(text);
    this.#end = { kind: 'end', text: '', start: text.length };
  }

  parse(): Requirement {
    const { req } = this.#or();
    this.#expect('end', "'&', '|' or end of expression");
    return req;
  }

  #or(): Parsed {
    const start = this.#peek();
    const items = [this.#and()];
    while (this.#peek().kind === 'or') {
      this.#take();
      items.push(this.#and());
    }
    return this.#group('any', items, start);
  }

  #and(): Parsed {
    const start = this.#peek();
    const items = [this.#unary()];
    while (this.#peek().kind === 'and') {
      this.#take();
      items.push(this.#unary());
    }
    return this.#group('all', items, start);
  }

  #unary(): Parsed {
    const token = this.#peek();
    if (token.kind !== 'not') return this.#primary();
    this.#take();
    const inner = this.#nested(token, () => this.#unary());
    const req = canonicalNot(inner.req);
    return this.#checkDepth({ req, depth: 'any' in req ? 1 : inner.depth + 1 }, token);
  }

  #primary(): Parsed {
    const token = this.#take();
    if (token.kind === '*') return { req: EVERYONE, depth: 1 };
    if (token.kind === 'word') return this.#atom(token);
    if (token.kind !== '(') throw this.#fail(token, 'a skill name');
    return this.#nested(token, () => {
      const inner = this.#or();
      this.#expect(')', "'&', '|' or ')'");
      return inner;
    });
  }

  #atom(name: Token): Parsed {
    const skill = this.#skillName(name);
    if (this.#peek().kind !== 'cmp') return { req: canonicalAtom(skill, '>=', 1), depth: 0 };
    const op = this.#take().text;
    const level = this.#take();
    if (level.kind !== 'word' || !LEVEL.test(level.text) || Number(level.text) > 5) {
      throw this.#fail(level, 'a level from 0 to 5');
    }
    const comparator = (op === '==' ? '=' : op) as Comparator;
    return { req: canonicalAtom(skill, comparator, Number(level.text)), depth: 0 };
  }

  /** The word as a skill id, or the most precise error: not a name at all, a stray character, a malformed id. */
  #skillName(word: Token): string {
    if (!/^[A-Za-z]/.test(word.text)) throw this.#fail(word, 'a skill name');
    const glued = this.#peek();
    if (glued.kind === 'bad' && glued.start === word.start + word.text.length) {
      throw this.#fail(glued, "a letter, digit, '_', '-' or '.' in the skill id");
    }
    if (!isValidSkillId(word.text)) throw this.#fail(word, `a skill id (${SKILL_ID_RULE})`);
    return word.text;
  }

  #group(kind: 'all' | 'any', items: readonly Parsed[], start: Token): Parsed {
    const only = items.length === 1 ? items[0] : undefined;
    if (only !== undefined) return only;
    const depth = 1 + items.reduce((max, item) => Math.max(max, item.depth), 0);
    return this.#checkDepth({ req: canonicalGroup(kind, items.map((i) => i.req)), depth }, start);
  }

  #nested(opener: Token, parse: () => Parsed): Parsed {
    if (++this.#nesting > MAX_REQUIREMENT_DEPTH) throw this.#tooDeep(opener, `'${opener.text}' opening level ${this.#nesting}`);
    const parsed = parse();
    this.#nesting--;
    return parsed;
  }

  #checkDepth(parsed: Parsed, start: Token): Parsed {
    if (parsed.depth > MAX_REQUIREMENT_DEPTH) throw this.#tooDeep(start, `a subexpression nested ${parsed.depth} levels deep`);
    return parsed;
  }

  #tooDeep(token: Token, found: string): Error {
    return requirementSyntaxError(this.#text, token.start, `at most ${MAX_REQUIREMENT_DEPTH} levels of nesting`, found);
  }

  #expect(kind: Token['kind'], expected: string): void {
    const token = this.#take();
    if (token.kind !== kind) throw this.#fail(token, expected);
  }

  #fail(token: Token, expected: string): Error {
    const found = token.kind === 'end' ? 'end of expression' : `'${token.text}'`;
    return requirementSyntaxError(this.#text, token.start, expected, found);
  }

  #peek(): Token {
    return this.#tokens[this.#next] ?? this.#end;
  }

  #take(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#next++;
    return token;
  }
}
