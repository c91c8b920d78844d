/** Kinds of token in a requirement expression. Symbols and keywords share a kind: `&`, `&&`, `and`. */
export type TokenKind = '(' | ')' | '*' | 'and' | 'or' | 'not' | 'cmp' | 'word' | 'bad' | 'end';

/** One token; `start` is its 0-based offset in the text. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
}

/** Longest match first: `&&` before `&`, `!=` before `!`, `>=` before `>`. */
const SYMBOLS: ReadonlyArray<readonly [string, TokenKind]> = [
  ['&&', 'and'], ['||', 'or'], ['>=', 'cmp'], ['<=', 'cmp'], ['==', 'cmp'], ['!=', 'cmp'],
  ['&', 'and'], ['|', 'or'], ['!', 'not'], ['>', 'cmp'], ['<', 'cmp'], ['=', 'cmp'],
  ['(', '('], [')', ')'], ['*', '*'],
];

const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map([['and', 'and'], ['or', 'or'], ['not', 'not']]);

/**
 * A word is a maximal run of skill-id characters. Skill ids, levels and malformed things like
 * `2.5`, `-1`, `3x` or `a..b` all lex as one word, so the parser can report the whole of it.
 */
const WORD = /[A-Za-z0-9_.-]+/y;
const SPACE = /\s+/y;

/** Splits `text` into tokens, ending with an `end` token. Never throws: unknown characters are `bad` tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = skipSpace(text, 0);
  while (at < text.length) {
    const token = wordAt(text, at) ?? symbolAt(text, at) ?? badAt(text, at);
    tokens.push(token);
    at = skipSpace(text, at + token.text.length);
  }
  tokens.push({ kind: 'end', text: '', start: text.length });
  return tokens;
}

function skipSpace(text: string, at: number): number {
  SPACE.lastIndex = at;
  return SPACE.test(text) ? SPACE.lastIndex : at;
}

function wordAt(text: string, at: number): Token | undefined {
  WORD.lastIndex = at;
  const word = WORD.exec(text)?.[0];
  if (word === undefined) return undefined;
  return { kind: KEYWORDS.get(word.toLowerCase()) ?? 'word', text: word, start: at };
}

function symbolAt(text: string, at: number): Token | undefined {
  const match = SYMBOLS.find(([symbol]) => text.startsWith(symbol, at));
  return match === undefined ? undefined : { kind: match[1], text: match[0], start: at };
}

function badAt(text: string, at: number): Token {
  const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
  return { kind: 'bad', text: char, start: at };
}
