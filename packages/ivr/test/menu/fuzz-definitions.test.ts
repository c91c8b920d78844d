import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chosenOption, compileIvr, DEMO_IVR, isIvrError, startIvr, stepIvr, successors, validateIvr,
  type CompiledIvr, type IvrDefinition, type IvrInput, type IvrSession,
} from '@switchboard/ivr';

/**
 * Definitions mutated in their structure — targets retargeted (to nodes or to nothing), options
 * added, dropped and rekeyed, keywords added, nodes removed or turned into exits, the start moved,
 * retries changed — so the validator's graph checks (missing targets, unreachable nodes, loops
 * without exit, silent callers, colliding options) are reached, not just its shape checks. Every
 * definition it accepts must compile, and a session over it must always end.
 */

type Loose = { id: string; start: string; language?: string; nodes: Record<string, Record<string, unknown>> };
const OPEN = Date.parse('2026-11-23T07:00:00Z');
const CLOSED = Date.parse('2026-11-23T00:30:00Z');
const WORDS = ['sales', 'sale', 'bill', 'billing', 'ticket', 'help', 'operator', 'one', '1', '2', '9'];
const KEYS = '0123456789*#'.split('');

const clone = (): Loose => JSON.parse(JSON.stringify(DEMO_IVR)) as Loose;

/** The fields of a node that name another node, as [field, index-or-key] paths. */
function targetFields(n: Record<string, unknown>): Array<(d: Record<string, unknown>, to: string) => void> {
  const out: Array<(d: Record<string, unknown>, to: string) => void> = [];
  for (const f of ['next', 'onFail', 'open', 'closed', 'default']) if (typeof n[f] === 'string') out.push((x, to) => { x[f] = to; });
  if (Array.isArray(n.options)) n.options.forEach((_, i) => out.push((x, to) => { ((x.options as Array<Record<string, unknown>>)[i] as Record<string, unknown>).next = to; }));
  if (typeof n.branches === 'object' && n.branches !== null) for (const k of Object.keys(n.branches)) out.push((x, to) => { (x.branches as Record<string, string>)[k] = to; });
  return out;
}

/** One structural change, chosen and parameterised by the numbers drawn. */
type Mutation = (d: Loose, pick: (n: number) => number) => void;
const MUTATIONS: Mutation[] = [
  (d, pick) => { // retarget
    const ids = Object.keys(d.nodes);
    const node = d.nodes[ids[pick(ids.length)] as string] as Record<string, unknown>;
    const fields = targetFields(node);
    if (fields.length > 0) (fields[pick(fields.length)] as (x: Record<string, unknown>, to: string) => void)(node, pick(5) === 0 ? 'nowhere' : ids[pick(ids.length)] as string);
  },
  (d, pick) => { // remove a node
    const ids = Object.keys(d.nodes);
    delete d.nodes[ids[pick(ids.length)] as string];
  },
  (d, pick) => { // turn a node into an exit
    const ids = Object.keys(d.nodes);
    d.nodes[ids[pick(ids.length)] as string] = pick(2) === 0 ? { type: 'end' } : { type: 'route', queueId: 'support' };
  },
  (d, pick) => { // add, drop or rekey an option, or give it a keyword
    const menus = Object.values(d.nodes).filter((n) => Array.isArray(n.options));
    const m = menus[pick(menus.length)];
    if (m === undefined) return;
    const options = m.options as Array<Record<string, unknown>>;
    const ids = Object.keys(d.nodes);
    const which = pick(4);
    if (which === 0) options.push({ key: KEYS[pick(KEYS.length)], next: ids[pick(ids.length)], keywords: [WORDS[pick(WORDS.length)]] });
    else if (which === 1 && options.length > 0) options.splice(pick(options.length), 1);
    else if (which === 2 && options.length > 0) (options[pick(options.length)] as Record<string, unknown>).key = KEYS[pick(KEYS.length)];
    else if (options.length > 0) {
      const o = options[pick(options.length)] as Record<string, unknown>;
      o.keywords = [...((o.keywords as string[] | undefined) ?? []), WORDS[pick(WORDS.length)]];
    }
  },
  (d, pick) => { // move the start
    const ids = Object.keys(d.nodes);
    d.start = pick(6) === 0 ? 'nowhere' : ids[pick(ids.length)] as string;
  },
  (d, pick) => { // change the retries of a menu or collect
    const retrying = Object.values(d.nodes).filter((n) => n.type === 'menu' || n.type === 'collect');
    const n = retrying[pick(retrying.length)];
    if (n !== undefined) n.maxRetries = pick(4);
  },
  (d, pick) => { // two nodes leading only to each other: a loop, if neither is an exit
    const ids = Object.keys(d.nodes);
    const [a, b] = [d.nodes[ids[pick(ids.length)] as string], ids[pick(ids.length)] as string];
    const back = ids.find((id) => d.nodes[id] === a) as string;
    if (a !== undefined) for (const set of targetFields(a)) set(a, b);
    const bn = d.nodes[b];
    if (bn !== undefined) for (const set of targetFields(bn)) set(bn, back);
  },
  (d, pick) => { // two menus or collects failing over to each other: a silent caller never leaves
    const retrying = Object.entries(d.nodes).filter(([, n]) => n.type === 'menu' || n.type === 'collect');
    const [a, b] = [retrying[pick(retrying.length)], retrying[pick(retrying.length)]];
    if (a === undefined || b === undefined) return;
    a[1].onFail = b[0];
    b[1].onFail = a[0];
  },
  (d, pick) => { // a play node in front of another (a transient state)
    const ids = Object.keys(d.nodes);
    d.nodes[`p${pick(100)}`] = { type: 'play', prompt: { text: 'hello' }, next: ids[pick(ids.length)] };
  },
];

const mutatedDefinition: fc.Arbitrary<Loose> = fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.array(fc.nat(10_000), { minLength: 4, maxLength: 4 })), { minLength: 1, maxLength: 5 })
  .map((steps) => {
    const d = clone();
    for (const [m, draws] of steps) {
      let k = 0;
      (MUTATIONS[m] as Mutation)(d, (n) => (n <= 0 ? 0 : (draws[k++ % draws.length] as number) % n));
    }
    return d;
  });

/** The kinds of problem a refusal names (shape, or one of the graph checks); none when accepted. */
function refusals(raw: unknown): string[] {
  try {
    validateIvr(raw);
    return [];
  } catch (e) {
    if (!isIvrError(e, 'IVR_DEFINITION_INVALID')) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) expect(typeof p.path).toBe('string');
    const kinds = new Set(e.problems.map(({ message: m }) => (
      /which is not a node|names no node/.test(m) ? 'missing target' : /unreachable/.test(m) ? 'unreachable' : /loop without exit/.test(m) ? 'loop'
        : /silent caller/.test(m) ? 'silent caller' : /collides|overlaps|is the key of/.test(m) ? 'collision' : 'shape')));
    return [...kinds];
  }
}

/** What the session waits for: a lookup answer (a branch, or none: the default) or the caller's input. */
function answer(s: IvrSession, def: IvrDefinition, caller: IvrInput, draw: number): IvrInput {
  if (s.action.kind !== 'lookup') return caller;
  const n = def.nodes[s.node];
  const values = n?.type === 'lookup' ? [...Object.keys(n.branches), '$none'] : ['$none'];
  return { type: 'lookup', value: values[draw % values.length] as string };
}

/** Random inputs, then silence: the session must end within a bound the definition gives. */
function runEnds(ivr: CompiledIvr, inputs: readonly IvrInput[], draws: readonly number[], at: number): void {
  const def = ivr.definition;
  let s = startIvr(ivr, at);
  inputs.forEach((i, k) => { if (!s.ended) s = stepIvr(ivr, s, answer(s, def, i, draws[k] ?? 0), at); });
  const bound = Object.keys(def.nodes).length * 7 + 10;
  for (let n = 0; n < bound && !s.ended; n++) s = stepIvr(ivr, s, answer(s, def, { type: 'timeout' }, n), at);
  expect(s.ended, `still at ${s.node} after ${bound} silent steps`).toBe(true);
}

const callerInput: fc.Arbitrary<IvrInput> = fc.oneof(
  fc.constantFrom(...KEYS).map((digits) => ({ type: 'digits' as const, digits })),
  fc.stringMatching(/^[0-9]{1,10}#?$/).map((digits) => ({ type: 'digits' as const, digits })),
  fc.constantFrom(...WORDS, 'mumble').map((text) => ({ type: 'speech' as const, text })),
  fc.constant({ type: 'timeout' as const }),
);

describe('structurally mutated IVR definitions', () => {
  it('reach the graph checks; every accepted one compiles, keeps its keywords unambiguous, and a session over it always ends', () => {
    const seen = new Map<string, number>();
    fc.assert(fc.property(mutatedDefinition, fc.array(callerInput, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 20 }), fc.boolean(), (raw, inputs, draws, open) => {
      const why = refusals(raw);
      for (const k of why.length === 0 ? ['accepted'] : why) seen.set(k, (seen.get(k) ?? 0) + 1);
      if (why.length > 0) return;
      const ivr = compileIvr(raw);
      for (const n of Object.values(ivr.definition.nodes)) {
        expect(successors(n).every((t) => t in ivr.definition.nodes)).toBe(true);
        if (n.type !== 'menu') continue;
        for (const o of n.options) for (const k of o.keywords ?? []) expect(chosenOption(n, { type: 'ivr.speech', text: k, at: OPEN })).toBe(o);
      }
      runEnds(ivr, inputs, draws, open ? OPEN : CLOSED);
    }), { numRuns: 1500 });
    for (const kind of ['accepted', 'missing target', 'unreachable', 'loop', 'silent caller', 'collision']) {
      expect(seen.get(kind) ?? 0, `${kind}: ${JSON.stringify([...seen])}`).toBeGreaterThan(10);
    }
  });
});
