import { CONTACT_FLAGS, type ContactFlag } from './script-context.js';
import { CONDITION_KEYS, type ScriptConditions, type ScriptRule } from './script-rule.js';
import { Problems, checkKeys, describeValue, isPlainObject, isScriptId, join } from './validation-kit.js';

const RULE_KEYS = ['id', 'scriptId', 'priority', 'when', 'allowOffersDuringComplaint'];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Options of {@link validateScriptRules}. */
export interface ValidateScriptRulesOptions {
  /** When given, a rule naming a script not in this list is a problem. */
  readonly scriptIds?: readonly string[];
}

/**
 * Checks that untrusted JSON is a list of {@link ScriptRule}s and returns a frozen copy of it.
 * Throws `SCRIPT_DEFINITION_INVALID` listing every problem with its path (`2.when.minCrossSell`):
 * not an array, a rule that is not an object, unknown keys, malformed or duplicate ids, a
 * `scriptId` not among `options.scriptIds`, a non-finite priority, an empty list (it could never
 * match), a score outside 0..1000 or a propensity outside 0..1, `minValueScore > maxValueScore`,
 * an unknown flag or a flag that is not a boolean.
 */
export function validateScriptRules(rules: unknown, options: ValidateScriptRulesOptions = {}): readonly ScriptRule[] {
  const problems = new Problems();
  if (!Array.isArray(rules)) {
    problems.add('', `expected an array of rules, got ${describeValue(rules)}`);
    throw problems.error('the script rules');
  }
  const valid = Array.from(rules, (rule: unknown, i) => validateRule(rule, String(i), problems, options));
  checkUniqueIds(rules, problems);
  if (!problems.ok) throw problems.error('the script rules');
  return Object.freeze(valid.filter((rule) => rule !== undefined));
}

/** Records every rule whose id an earlier rule already has, whatever else is wrong with either. */
function checkUniqueIds(rules: readonly unknown[], problems: Problems): void {
  const seen = new Set<string>();
  Array.from(rules, (rule: unknown, i) => {
    const id = isPlainObject(rule) ? rule['id'] : undefined;
    if (!isScriptId(id)) return;
    if (seen.has(id)) problems.add(join(String(i), 'id'), `duplicate rule id ${describeValue(id)}`);
    seen.add(id);
  });
}

function validateRule(rule: unknown, path: string, problems: Problems, options: ValidateScriptRulesOptions): ScriptRule | undefined {
  if (!isPlainObject(rule)) {
    problems.add(path, `expected a rule object, got ${describeValue(rule)}`);
    return undefined;
  }
  const before = problems.list.length;
  checkKeys(rule, RULE_KEYS, path, problems);
  const { id, scriptId, priority, allowOffersDuringComplaint: allow } = rule;
  if (!isScriptId(id)) problems.add(join(path, 'id'), `expected an id (letters, digits, - or _), got ${describeValue(id)}`);
  if (!isScriptId(scriptId)) {
    problems.add(join(path, 'scriptId'), `expected a script id, got ${describeValue(scriptId)}`);
  } else if (options.scriptIds !== undefined && !options.scriptIds.includes(scriptId)) {
    problems.add(join(path, 'scriptId'), `no script ${describeValue(scriptId)}`);
  }
  if (priority !== undefined && !Number.isFinite(priority)) {
    problems.add(join(path, 'priority'), `expected a finite number, got ${describeValue(priority)}`);
  }
  if (allow !== undefined && typeof allow !== 'boolean') {
    problems.add(join(path, 'allowOffersDuringComplaint'), `expected a boolean, got ${describeValue(allow)}`);
  }
  const when = validateConditions(rule['when'], join(path, 'when'), problems);
  if (problems.list.length > before || when === undefined) return undefined;
  const copy: Mutable<ScriptRule> = { id: id as string, scriptId: scriptId as string, when };
  if (priority !== undefined) copy.priority = priority as number;
  if (allow !== undefined) copy.allowOffersDuringComplaint = allow as boolean;
  return Object.freeze(copy);
}

function validateConditions(when: unknown, path: string, problems: Problems): ScriptConditions | undefined {
  if (!isPlainObject(when)) {
    problems.add(path, `expected an object of conditions, got ${describeValue(when)}`);
    return undefined;
  }
  checkKeys(when, CONDITION_KEYS, path, problems);
  const copy: Mutable<ScriptConditions> = {};
  const at = (key: string) => join(path, key);
  if (when['reason'] !== undefined) copy.reason = reasonOf(when['reason'], at('reason'), problems);
  if (when['valueTier'] !== undefined) copy.valueTier = listOf(when['valueTier'], at('valueTier'), problems);
  if (when['anyOffer'] !== undefined) copy.anyOffer = listOf(when['anyOffer'], at('anyOffer'), problems);
  for (const [key, max] of [['minValueScore', 1000], ['maxValueScore', 1000], ['minCrossSell', 1], ['minReadiness', 1]] as const) {
    if (when[key] !== undefined) copy[key] = numberIn(when[key], 0, max, at(key), problems);
  }
  if (copy.minValueScore !== undefined && copy.maxValueScore !== undefined && copy.minValueScore > copy.maxValueScore) {
    problems.add(at('maxValueScore'), `is below minValueScore ${copy.minValueScore}: the rule could never match`);
  }
  if (when['flags'] !== undefined) copy.flags = flagsOf(when['flags'], at('flags'), problems);
  return Object.freeze(copy);
}

function reasonOf(value: unknown, path: string, problems: Problems): string | readonly string[] {
  if (typeof value === 'string') return textOf(value, path, problems);
  return listOf(value, path, problems);
}

function listOf(value: unknown, path: string, problems: Problems): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, `expected a non-empty array of strings, got ${describeValue(value)}`);
    return [];
  }
  return Object.freeze(Array.from(value, (item: unknown, i) => textOf(item, join(path, i), problems)));
}

function textOf(value: unknown, path: string, problems: Problems): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  problems.add(path, `expected a non-empty string of at most 200 characters, got ${describeValue(value)}`);
  return '';
}

function numberIn(value: unknown, min: number, max: number, path: string, problems: Problems): number {
  if (typeof value === 'number' && value >= min && value <= max) return value;
  problems.add(path, `expected a number from ${min} to ${max}, got ${describeValue(value)}`);
  return min;
}

function flagsOf(value: unknown, path: string, problems: Problems): Partial<Record<ContactFlag, boolean>> {
  if (!isPlainObject(value)) {
    problems.add(path, `expected an object of flags, got ${describeValue(value)}`);
    return {};
  }
  checkKeys(value, CONTACT_FLAGS, path, problems);
  const copy: Partial<Record<ContactFlag, boolean>> = {};
  for (const flag of CONTACT_FLAGS) {
    const wanted = value[flag];
    if (wanted === undefined) continue;
    if (typeof wanted === 'boolean') copy[flag] = wanted;
    else problems.add(join(path, flag), `expected a boolean, got ${describeValue(wanted)}`);
  }
  return Object.freeze(copy);
}
