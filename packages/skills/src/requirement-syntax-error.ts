import { SkillsError } from './errors.js';

/** Widest excerpt of the expression shown above the caret. */
const EXCERPT_WIDTH = 72;
const ELLIPSIS = '...';

/**
 * A `REQUIREMENT_SYNTAX` error that says what was expected and what was found, and shows the
 * text with a caret under `position`:
 *
 * ```text
 * Requirement expression has a syntax error: expected a skill name, found '|' at 11
 *   sales>=3 & | x
 *              ^
 * ```
 */
export function requirementSyntaxError(text: string, position: number, expected: string, found: string): SkillsError {
  const detail = `expected ${expected}, found ${found} at ${position}\n${caretExcerpt(text, position)}`;
  return new SkillsError('REQUIREMENT_SYNTAX', detail, { position });
}

/** Two lines: the text (a window of it when long, whitespace shown as spaces) and a caret. */
function caretExcerpt(text: string, position: number): string {
  const flat = text.replace(/\s/g, ' ');
  if (flat.length <= EXCERPT_WIDTH) return `  ${flat}\n  ${' '.repeat(position)}^`;
  const start = Math.max(0, Math.min(position - EXCERPT_WIDTH / 2, flat.length - EXCERPT_WIDTH));
  const end = start + EXCERPT_WIDTH;
  const before = start > 0 ? ELLIPSIS : '';
  const after = end < flat.length ? ELLIPSIS : '';
  const column = before.length + position - start;
  return `  ${before}${flat.slice(start, end)}${after}\n  ${' '.repeat(column)}^`;
}
