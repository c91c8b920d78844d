import type { SkillLevels } from '@switchboard/skills';
import type { AgentConfig, QueueConfig } from '../../core/config.js';
import type { ContactInput } from '../../core/contact-input.js';
import { RoutingError } from '../../core/errors.js';
import type { RoutingEngine } from '../../core/routing-engine.js';

/**
 * A state change of a routing domain, as it travels through the command log: the store verb
 * and its arguments exactly as the caller gave them. Applying one to an engine is the same call
 * the memory store makes, so both stores refuse the same input with the same error.
 */
export type Operation =
  | readonly ['upsertQueue', QueueConfig]
  | readonly ['removeQueue', string]
  | readonly ['upsertAgent', AgentConfig]
  | readonly ['removeAgent', string]
  | readonly ['setAgentSkills', string, SkillLevels]
  | readonly ['login' | 'logout' | 'ready', string]
  | readonly ['pause', string, string | undefined]
  | readonly ['enqueue', ContactInput]
  | readonly ['accept' | 'reject', string, number]
  | readonly ['complete' | 'abandon' | 'requestCallback', string]
  | readonly ['finishWrapUp', string, string]
  | readonly ['transfer' | 'move', string, string]
  | readonly ['tick'];

/** Applies one operation to an engine (at the time its clock already shows); returns the engine's result. */
export function applyOperation(engine: RoutingEngine, op: Operation): unknown {
  switch (op[0]) {
    case 'upsertQueue': return engine.upsertQueue(op[1]);
    case 'removeQueue': return engine.removeQueue(op[1]);
    case 'upsertAgent': return engine.upsertAgent(op[1]);
    case 'removeAgent': return engine.removeAgent(op[1]);
    case 'setAgentSkills': return engine.setAgentSkills(op[1], op[2]);
    case 'login': return engine.login(op[1]);
    case 'logout': return engine.logout(op[1]);
    case 'ready': return engine.ready(op[1]);
    case 'pause': return engine.notReady(op[1], op[2]);
    case 'enqueue': return engine.submit(op[1]);
    case 'accept': return engine.accept(op[1], op[2]);
    case 'reject': return engine.reject(op[1], op[2]);
    case 'complete': return engine.complete(op[1]);
    case 'abandon': return engine.abandon(op[1]);
    case 'requestCallback': return engine.requestCallback(op[1]);
    case 'finishWrapUp': return engine.finishWrapUp(op[1], op[2]);
    case 'transfer': return engine.transfer(op[1], op[2]);
    case 'move': return engine.move(op[1], op[2]);
    case 'tick': return engine.advance();
    default: throw new RoutingError('INPUT_INVALID', `unknown operation '${String((op as readonly unknown[])[0])}'`);
  }
}

/** An operation encoded for the log, and the copy of it this process applies (as every other process will). */
export interface EncodedOperation {
  readonly text: string;
  readonly op: Operation;
}

/** Marks a value JSON cannot carry as itself (`undefined` in a list, NaN, ±Infinity, -0). */
const TAG = '\u0000';

/**
 * True when JSON carries `v` exactly; false when it holds values to tag. Throws INPUT_INVALID
 * for what is not data (a function, symbol, bigint, an object that is not a plain object or
 * list — a Date would arrive as text), as deep nesting.
 */
function jsonExact(v: unknown, depth = 0): boolean {
  if (depth > 64) throw new RoutingError('INPUT_INVALID', 'input nested too deeply to be stored');
  switch (typeof v) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(v) && !Object.is(v, -0);
    case 'undefined': return false;
    case 'object': {
      if (v === null) return true;
      let exact = true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!jsonExact(v[i], depth + 1)) exact = false;
        return exact;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new RoutingError('INPUT_INVALID', 'only plain objects and lists can be stored');
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (k === TAG) throw new RoutingError('INPUT_INVALID', 'a key of NUL cannot be stored');
        if (x !== undefined && !jsonExact(x, depth + 1)) exact = false;
      }
      return exact;
    }
    default: throw new RoutingError('INPUT_INVALID', `a ${typeof v} cannot be stored`);
  }
}

function tagged(_k: string, v: unknown): unknown {
  if (v === undefined) return { [TAG]: 'u' };
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { [TAG]: Object.is(v, -0) ? '-0' : String(v) };
  return v;
}

function untagged(_k: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || !Object.hasOwn(v, TAG)) return v;
  const t = (v as Record<string, string>)[TAG];
  return t === 'u' ? undefined : Number(t);
}

/**
 * Encodes one operation as log text: JSON, or — when the input holds what JSON would change
 * (`undefined` in a list, NaN, ±Infinity, -0) — JSON with those values tagged, marked by a
 * leading `~`, so the engine of every process gets exactly the input the caller gave. The copy
 * returned is decoded from that text: the caller may change its objects afterwards without
 * changing what this process applies. A function, symbol or bigint is refused (INPUT_INVALID).
 */
export function encodeOperation(op: Operation): EncodedOperation {
  if (plain(op)) return { text: JSON.stringify(op), op }; // most operations: ids and tokens
  const text = jsonExact(op) ? JSON.stringify(op) : `~${JSON.stringify(op, tagged)}`;
  return { text, op: copyData(op) as Operation };
}

/**
 * A deep copy of data {@link jsonExact} accepted, equal to what decoding its text gives every
 * other process: object properties that are `undefined` are left out (JSON has none), and in
 * lists they are holes (as the tagged text decodes). Cheaper than parsing the text again.
 */
function copyData(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    // `undefined` in a list is decoded as a hole (a reviver's undefined deletes): so here too.
    const list: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) if (v[i] !== undefined) list[i] = copyData(v[i]);
    return list;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    if (k === '__proto__') Object.defineProperty(out, k, { value: copyData(x), enumerable: true, writable: true, configurable: true });
    else out[k] = copyData(x);
  }
  return out;
}

/**
 * True when an operation's arguments are all strings and numbers JSON carries exactly (finite,
 * not -0): nothing to tag, and nothing the caller could change later, so no copy either.
 */
function plain(op: Operation): boolean {
  for (let i = 1; i < op.length; i++) {
    const v = op[i];
    if (typeof v === 'string') continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || Object.is(v, -0)) return false;
  }
  return true;
}

/** Decodes one operation written by {@link encodeOperation}. */
export function decodeOperation(text: string): Operation {
  return (text.charCodeAt(0) === 126 ? JSON.parse(text.slice(1), untagged) : JSON.parse(text)) as Operation;
}

/** Log entries hold a batch: its operations' texts, one per line (JSON text holds no raw line break). */
export const joinBatch = (texts: readonly string[]): string => texts.join('\n');

/** The operations of a batch written by {@link joinBatch}. */
export function splitBatch(batch: string): Operation[] {
  return batch === '' ? [] : batch.split('\n').map(decodeOperation);
}
