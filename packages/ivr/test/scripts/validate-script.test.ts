import { describe, expect, it } from 'vitest';
import { DEMO_SCRIPTS, validateScript } from '../../src/scripts/index.js';
import { ivrErrorOf, jsonCopy } from './arbitraries.js';

/** Steps as untrusted JSON: anything goes. */
type Steps = Record<string, unknown>;
const script = (steps: Steps, extra: Record<string, unknown> = {}) => ({ id: 't', title: 'Test', start: 'a', steps, ...extra });
const problemsOf = (json: unknown) => ivrErrorOf(() => validateScript(json), 'SCRIPT_DEFINITION_INVALID').problems;
const paths = (json: unknown) => problemsOf(json).map((p) => `${p.path}: ${p.message}`);

const end = { phase: 'close', say: 'Bye.', end: true } as const;
const hi = (extra: Record<string, unknown>) => ({ phase: 'greet', say: 'Hi', ...extra });
const to = (next: string) => ({ label: 'X', next });
const idRule = '(letters, digits, - or _, at most 64)';
const text = (max: number, got: string) => `expected a non-empty string of at most ${max} characters, got ${got}`;

describe('validateScript', () => {
  it.each(DEMO_SCRIPTS.map((def) => ({ id: def.id, def })))('accepts demo script $id and returns an equal frozen copy', ({ def }) => {
    const copy = validateScript(jsonCopy(def));
    expect(copy).toEqual(def);
    expect(Object.isFrozen(copy)).toBe(true);
    expect(Object.isFrozen(copy.steps)).toBe(true);
    expect(Object.isFrozen(Object.values(copy.steps)[0])).toBe(true);
  });

  it('accepts a loop as long as a closing step stays reachable', () => {
    const def = script({
      a: { phase: 'resolve', say: 'Clear?', answers: { yes: { label: 'Yes', next: 'z' }, again: { label: 'Repeat', next: 'a' } } },
      z: end,
    });
    expect(validateScript(def).steps['a']?.answers?.['again']?.next).toBe('a');
  });

  it('names the path of a missing answer target, like steps.verify.answers.no.next', () => {
    const def = script(
      { verify: { phase: 'verify', say: 'Name?', answers: { yes: { label: 'Yes', next: 'z' }, no: { label: 'No', next: 'gone' } } }, z: end },
      { start: 'verify' },
    );
    expect(paths(def)).toEqual(['steps.verify.answers.no.next: no step "gone"']);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', [1], [': expected a script object, got an array']],
    ['an unknown top-level key', script({ a: end }, { version: 2 }), ['version: unknown key "version"']],
    ['a malformed id and an empty title', script({ a: end }, { id: 'a.b', title: ' ' }), [`id: expected an id ${idRule}, got "a.b"`, `title: ${text(200, '" "')}`]],
    ['a start that names no step', script({ a: end }, { start: 'b' }), ['start: no step "b"']],
    ['no steps', script({}), ['steps: expected a non-empty object of steps, got an empty object', 'start: no step "a"']],
    ['a step id with a dot', script({ a: hi({ next: 'b.c' }), 'b.c': end }), [`steps.b.c: expected a step id ${idRule}`]],
    ['a bad phase', script({ a: { ...end, phase: 'upsell' } }), ['steps.a.phase: expected one of greet, verify, resolve, offer, close, got "upsell"']],
    ['an empty say', script({ a: { ...end, say: '' } }), [`steps.a.say: ${text(1000, '""')}`]],
    ['an unknown step key', script({ a: { ...end, nxt: 'a' } }), ['steps.a.nxt: unknown key "nxt"']],
    ['both answers and next', script({ a: hi({ next: 'z', answers: { x: to('z') } }), z: end }), ['steps.a: expected exactly one of answers, next or end: true']],
    ['a step with no way on', script({ a: hi({}) }), ['steps.a: expected exactly one of answers, next or end: true']],
    ['a closing step with next', script({ a: { ...end, next: 'a' } }), ['steps.a: a closing step (end: true) has neither answers nor next']],
    [
      'a non-boolean end',
      script({ a: { ...end, end: 'yes' } }),
      ['steps.a.end: expected a boolean, got "yes"', 'steps.a: expected exactly one of answers, next or end: true'],
    ],
    ['empty answers', script({ a: hi({ answers: {} }) }), ['steps.a.answers: expected a non-empty object of answers, got an empty object']],
    ['an answer without a label', script({ a: hi({ answers: { x: { next: 'z' } } }), z: end }), [`steps.a.answers.x.label: ${text(200, 'undefined')}`]],
    ['an answer that is not an object', script({ a: hi({ answers: { x: 'z' } }), z: end }), ['steps.a.answers.x: expected an answer object, got "z"']],
    ['an inherited name as a target', script({ a: hi({ next: 'toString' }), z: end }), ['steps.a.next: no step "toString"']],
    [
      'an offer step that closes',
      script({ a: { phase: 'offer', say: 'Upgrade?', end: true } }),
      ['steps.a.end: an offer step cannot close the script: it may be skipped'],
    ],
    [
      'an offer with no way to skip it',
      script({ a: { phase: 'offer', say: 'Upgrade?', answers: { yes: to('z') } }, z: end }),
      ["steps.a: an offer step needs next or a 'decline' answer: it is where the run goes when offers are not allowed"],
    ],
  ])('rejects %s', (_name, json, expected) => {
    expect(paths(json)).toEqual(expected);
  });

  it('reports the graph once every step is well-formed: no end, unreachable steps, steps that cannot end', () => {
    expect(paths(script({ a: { phase: 'greet', say: 'Hi', next: 'a' } }))).toEqual([
      'steps: no closing step (end: true)',
      'steps.a: can never reach a closing step',
    ]);
    const def = script({
      a: { phase: 'greet', say: 'Hi', answers: { on: { label: 'On', next: 'z' }, loop: { label: 'Loop', next: 'b' } } },
      b: { phase: 'resolve', say: 'Again', next: 'c' },
      c: { phase: 'resolve', say: 'And again', next: 'b' },
      orphan: { phase: 'resolve', say: 'Nobody comes here', next: 'z' },
      z: end,
    });
    expect(paths(def)).toEqual([
      'steps.orphan: is unreachable from the start step',
      'steps.b: can never reach a closing step',
      'steps.c: can never reach a closing step',
    ]);
  });

  it('checks the script with offers skipped too: the only way to the end may be accepting an offer', () => {
    const def = script({
      a: { phase: 'offer', say: 'Upgrade?', answers: { accept: { label: 'Yes', next: 'z' }, decline: { label: 'No', next: 'b' } } },
      b: { phase: 'resolve', say: 'Let me ask again.', next: 'a' },
      z: end,
    });
    expect(paths(def)).toEqual(['steps.b: can never reach a closing step when offers are skipped']);
  });

  it('rejects skipped offers that lead back to themselves', () => {
    const def = script({
      a: { phase: 'offer', say: 'Lounge?', answers: { accept: { label: 'Yes', next: 'z' }, decline: { label: 'No', next: 'b' } } },
      b: { phase: 'offer', say: 'Bag?', answers: { accept: { label: 'Yes', next: 'z' }, decline: { label: 'No', next: 'a' } } },
      z: end,
    });
    expect(paths(def)).toContain('steps.a: skipped offers lead back to themselves');
  });

  it('lists every structural problem at once, and says how many in its message', () => {
    const e = ivrErrorOf(
      () => validateScript(script({ a: { phase: 'x', say: 1, next: 'q' }, b: 'no' }, { title: 3 })),
      'SCRIPT_DEFINITION_INVALID',
    );
    expect(e.problems.map((p) => p.path)).toEqual(['title', 'steps.a.phase', 'steps.a.say', 'steps.a.next', 'steps.b']);
    expect(e.message).toBe(`Script definition is not valid: 5 problem(s) in script "t"; first at title: ${text(200, '3')}`);
  });
});
