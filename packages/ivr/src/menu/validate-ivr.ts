import { IvrError, type DefinitionProblem } from '../errors.js';
import { isExit, successors, type IvrDefinition, type IvrNode } from './ivr-definition.js';

type Obj = Record<string, unknown>;
type Report = (path: string, message: string) => void;

const ID = /^[A-Za-z0-9._:@+-]{1,128}$/;
/** Node ids become XState state keys: no dots (state paths), nothing an object already has. */
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);
const KEY = /^[0-9*#]$/;
const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NODE_TYPES = ['menu', 'collect', 'play', 'hours', 'lookup', 'route', 'callback', 'end', 'transfer'];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkString(v: unknown, path: string, report: Report, pattern?: RegExp): void {
  if (typeof v !== 'string' || v.length === 0 || v.length > 2000) report(path, 'must be a non-empty string');
  else if (pattern !== undefined && !pattern.test(v)) report(path, `must match ${pattern.source}`);
}

function checkPrompt(v: unknown, path: string, report: Report, required: boolean): void {
  if (v === undefined) {
    if (required) report(path, 'is required');
    return;
  }
  if (!isObj(v) || (v.text === undefined && v.promptId === undefined)) return report(path, 'must be { text } or { promptId }');
  if (v.promptId !== undefined) checkString(v.promptId, `${path}.promptId`, report);
  if (typeof v.text === 'string' || v.text === undefined) return;
  if (!isObj(v.text) || Object.keys(v.text).length === 0) return report(`${path}.text`, 'must be a string or { <language>: string }');
  for (const [lang, t] of Object.entries(v.text)) checkString(t, `${path}.text.${lang}`, report);
}

function checkInt(v: unknown, path: string, report: Report, min: number, max: number, optional = true): void {
  if (v === undefined && optional) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) report(path, `must be an integer from ${min} to ${max}`);
}

function checkRetry(n: Obj, path: string, report: Report): void {
  checkInt(n.timeoutSeconds, `${path}.timeoutSeconds`, report, 1, 60);
  checkInt(n.maxRetries, `${path}.maxRetries`, report, 0, 5);
  checkPrompt(n.noInputPrompt, `${path}.noInputPrompt`, report, false);
  checkPrompt(n.invalidPrompt, `${path}.invalidPrompt`, report, false);
  checkString(n.onFail, `${path}.onFail`, report);
}

/** A spoken keyword as recognition compares it: trimmed, lowercase. */
const spoken = (k: string): string => k.trim().toLowerCase();

/**
 * Speech picks the first option one of whose keywords the caller's words contain, else the
 * option whose key equals the digits said. So two options collide when a keyword of one is, or
 * contains, a keyword of the other (`bill` / `billing`: saying "billing" matches both), or when
 * a keyword is another option's key (saying "2" would not reach option 2).
 */
function checkKeywords(options: readonly unknown[], path: string, report: Report): void {
  const words: Array<{ word: string; raw: string; option: number }> = [];
  options.forEach((o, i) => {
    if (!isObj(o) || !Array.isArray(o.keywords)) return;
    for (const k of o.keywords) if (typeof k === 'string' && k.trim() !== '') words.push({ word: spoken(k), raw: k, option: i });
  });
  const keys = new Map(options.flatMap((o, i) => (isObj(o) && typeof o.key === 'string' ? [[o.key, i] as const] : [])));
  for (const [n, w] of words.entries()) {
    const at = `${path}[${w.option}].keywords`;
    const keyOf = keys.get(w.word);
    if (keyOf !== undefined && keyOf !== w.option) report(at, `'${w.raw}' is the key of option ${keyOf}: saying it would pick this option, not that one`);
    for (const earlier of words.slice(0, n)) {
      if (earlier.option === w.option) continue;
      if (earlier.word === w.word) report(at, `'${w.raw}' collides with option ${earlier.option}`);
      else if (earlier.word.includes(w.word) || w.word.includes(earlier.word)) {
        const [short, long] = earlier.word.length < w.word.length ? [earlier.word, w.word] : [w.word, earlier.word];
        report(at, `'${w.raw}' overlaps '${earlier.raw}' of option ${earlier.option}: saying '${long}' also says '${short}', so recognition is ambiguous`);
      }
    }
  }
}

function checkOptions(v: unknown, path: string, report: Report): void {
  if (!Array.isArray(v) || v.length === 0 || v.length > 12) return report(path, 'must list 1 to 12 options');
  const keys = new Map<string, number>();
  v.forEach((o: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(o)) return report(p, 'must be { key, next }');
    checkString(o.key, `${p}.key`, report, KEY);
    checkString(o.next, `${p}.next`, report);
    if (typeof o.key === 'string') {
      if (keys.has(o.key)) report(`${p}.key`, `collides with option ${keys.get(o.key)} (key '${o.key}')`);
      keys.set(o.key, i);
    }
    if (o.language !== undefined) checkString(o.language, `${p}.language`, report, /^[a-z]{2}(-[A-Z]{2})?$/);
    if (o.set !== undefined && (!isObj(o.set) || Object.keys(o.set).length > 16 || Object.values(o.set).some((x) => typeof x !== 'string' || x.length > 256))) report(`${p}.set`, 'must map at most 16 names to strings of at most 256 characters');
    if (o.keywords === undefined) return;
    if (!Array.isArray(o.keywords) || o.keywords.some((k) => typeof k !== 'string' || k.trim() === '')) report(`${p}.keywords`, 'must be a list of words');
  });
  checkKeywords(v, path, report);
}

function checkHours(n: Obj, path: string, report: Report): void {
  checkString(n.from, `${path}.from`, report, CLOCK);
  checkString(n.to, `${path}.to`, report, CLOCK);
  if (n.from === n.to) report(`${path}.to`, 'must differ from from (for all day, use 00:00 to 23:59)');
  if (!Array.isArray(n.days) || n.days.length === 0 || n.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) report(`${path}.days`, 'must list ISO weekdays 1–7');
  if (n.holidays !== undefined && (!Array.isArray(n.holidays) || n.holidays.some((d) => typeof d !== 'string' || !DAY.test(d)))) report(`${path}.holidays`, 'must list YYYY-MM-DD dates');
  try {
    new Intl.DateTimeFormat('en', { timeZone: String(n.timeZone) });
  } catch {
    report(`${path}.timeZone`, `'${String(n.timeZone)}' is not a time zone`);
  }
  checkString(n.open, `${path}.open`, report);
  checkString(n.closed, `${path}.closed`, report);
}

function checkNode(n: Obj, path: string, report: Report): void {
  switch (n.type) {
    case 'menu': checkPrompt(n.prompt, `${path}.prompt`, report, true); checkRetry(n, path, report); checkOptions(n.options, `${path}.options`, report); return;
    case 'collect':
      checkPrompt(n.prompt, `${path}.prompt`, report, true); checkRetry(n, path, report);
      checkString(n.field, `${path}.field`, report, /^[A-Za-z][A-Za-z0-9_]{0,63}$/); checkString(n.next, `${path}.next`, report);
      if (!['digits', 'date', 'amount'].includes(String(n.kind))) report(`${path}.kind`, 'must be digits, date or amount');
      checkInt(n.minLength, `${path}.minLength`, report, 1, 32, false); checkInt(n.maxLength, `${path}.maxLength`, report, 1, 32, false);
      if (typeof n.minLength === 'number' && typeof n.maxLength === 'number' && n.minLength > n.maxLength) report(`${path}.minLength`, 'must not exceed maxLength');
      if (n.kind === 'date' && (n.minLength !== 8 || n.maxLength !== 8)) report(`${path}.kind`, 'a date is DDMMYYYY: minLength and maxLength must be 8');
      return;
    case 'play': checkPrompt(n.prompt, `${path}.prompt`, report, true); checkString(n.next, `${path}.next`, report); return;
    case 'hours': checkHours(n, path, report); return;
    case 'lookup':
      checkString(n.function, `${path}.function`, report, /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/); checkString(n.default, `${path}.default`, report);
      if (!isObj(n.branches)) report(`${path}.branches`, 'must map answers to nodes');
      else for (const [k, t] of Object.entries(n.branches)) checkString(t, `${path}.branches.${k}`, report);
      return;
    case 'route': case 'callback':
      checkString(n.queueId, `${path}.queueId`, report, ID); checkPrompt(n.prompt, `${path}.prompt`, report, false);
      if (n.reason !== undefined) checkString(n.reason, `${path}.reason`, report, ID);
      if (n.type === 'route' && n.requiredSkills !== undefined && (!Array.isArray(n.requiredSkills) || n.requiredSkills.some((s) => typeof s !== 'string'))) report(`${path}.requiredSkills`, 'must list skill ids');
      return;
    case 'end': checkPrompt(n.prompt, `${path}.prompt`, report, false); return;
    case 'transfer': checkString(n.number, `${path}.number`, report, /^\+?[0-9*#]{2,32}$/); checkPrompt(n.prompt, `${path}.prompt`, report, false); return;
    default: report(`${path}.type`, `must be one of ${NODE_TYPES.join(', ')}`);
  }
}

/** Every target names a node; every node is reachable from start and can reach an exit. */
function checkGraph(def: IvrDefinition, report: Report): void {
  const ids = new Set(Object.keys(def.nodes));
  if (!ids.has(def.start)) return report('start', `names no node ('${def.start}')`);
  for (const [id, n] of Object.entries(def.nodes)) {
    for (const t of successors(n)) if (!ids.has(t)) report(`nodes.${id}`, `leads to '${t}', which is not a node`);
  }
  const seen = new Set<string>([def.start]);
  const todo = [def.start];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const t of successors(def.nodes[id] as IvrNode)) if (ids.has(t) && !seen.has(t)) { seen.add(t); todo.push(t); }
  }
  for (const id of ids) if (!seen.has(id)) report(`nodes.${id}`, 'is unreachable from start');
  const exits = new Set([...ids].filter((id) => isExit(def.nodes[id] as IvrNode)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of ids) {
      if (!exits.has(id) && successors(def.nodes[id] as IvrNode).some((t) => exits.has(t))) { exits.add(id); grew = true; }
    }
  }
  for (const id of seen) if (!exits.has(id)) report(`nodes.${id}`, 'is in a loop without exit: no path from it ends the call');
  checkSilentCaller(def, seen, report);
}

/** Where a caller who never presses a key goes next: retries run out, then onFail. */
function silentNext(n: IvrNode): string[] {
  switch (n.type) {
    case 'menu': case 'collect': return [n.onFail];
    case 'lookup': return [...Object.values(n.branches), n.default];
    default: return successors(n);
  }
}

/** A caller who never answers must still leave the IVR: onFail chains end at an exit. */
function checkSilentCaller(def: IvrDefinition, reachable: ReadonlySet<string>, report: Report): void {
  const done = new Set(Object.keys(def.nodes).filter((id) => isExit(def.nodes[id] as IvrNode)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of reachable) {
      const n = def.nodes[id] as IvrNode;
      if (done.has(id)) continue;
      const next = silentNext(n);
      if (n.type === 'hours' || n.type === 'lookup' ? next.every((t) => done.has(t)) : next.some((t) => done.has(t))) { done.add(id); grew = true; }
    }
  }
  for (const id of reachable) if (!done.has(id)) report(`nodes.${id}`, 'keeps a silent caller forever: its onFail chain never reaches an exit');
}

/**
 * Checks an IVR definition completely and returns it typed. Throws IVR_DEFINITION_INVALID
 * listing every problem with its path: shape and values, options that collide (same key, a
 * keyword equal to, part of or containing another option's keyword, a keyword that is another
 * option's key), targets that name no node, unreachable nodes, loops without exit.
 */
export function validateIvr(raw: unknown): IvrDefinition {
  const problems: DefinitionProblem[] = [];
  const report: Report = (path, message) => { if (problems.length < 100) problems.push({ path, message }); };
  if (!isObj(raw)) report('', 'must be an object { id, start, nodes }');
  else {
    checkString(raw.id, 'id', report, ID);
    checkString(raw.start, 'start', report);
    if (raw.language !== undefined) checkString(raw.language, 'language', report, /^[a-z]{2}(-[A-Z]{2})?$/);
    if (!isObj(raw.nodes) || Object.keys(raw.nodes).length === 0) report('nodes', 'must map node ids to nodes');
    else for (const [id, n] of Object.entries(raw.nodes)) {
      if (!NODE_ID.test(id) || RESERVED.has(id)) report(`nodes.${id}`, 'has an invalid id: 1–64 letters, digits, _ or -, not a reserved name');
      if (!isObj(n)) report(`nodes.${id}`, 'must be an object with a type');
      else checkNode(n, `nodes.${id}`, report);
    }
    if (problems.length === 0) checkGraph(raw as unknown as IvrDefinition, report);
  }
  if (problems.length > 0) {
    throw new IvrError('IVR_DEFINITION_INVALID', problems.slice(0, 5).map((p) => `${p.path || '(root)'} ${p.message}`).join('; '), problems);
  }
  return raw as unknown as IvrDefinition;
}
