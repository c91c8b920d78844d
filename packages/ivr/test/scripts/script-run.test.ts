import { describe, expect, it } from 'vitest';
import { DEMO_SCRIPTS, currentStep, startScript, stepScript, validateScript, type ScriptDefinition } from '../../src/scripts/index.js';
import { ivrErrorOf } from './arbitraries.js';

const demo = (id: string): ScriptDefinition => {
  const def = DEMO_SCRIPTS.find((d) => d.id === id);
  if (def === undefined) throw new Error(`no demo script ${id}`);
  return def;
};

/** Steps a run through `answers` (undefined = past a statement), one second apart from t=100. */
const walk = (def: ScriptDefinition, offersAllowed: boolean, answers: readonly (string | undefined)[]) =>
  answers.reduce((run, answer, i) => stepScript(def, run, answer, 101 + i), startScript(def, offersAllowed, 100));

const valued = demo('lost-ticket-valued');
const sales = demo('sales-cross-sell');

describe('startScript and stepScript', () => {
  it('walks the valued lost-ticket script, recording each step, when it was reached and the answer given', () => {
    const run = walk(valued, true, [undefined, 'ok', undefined, 'accept', undefined, 'received']);
    expect(run).toMatchObject({ scriptId: 'lost-ticket-valued', stepId: 'close', done: false, skipped: [] });
    expect(run.path).toEqual([
      { stepId: 'greet', at: 100 },
      { stepId: 'verify', at: 101, answer: 'ok' },
      { stepId: 'find-ticket', at: 102 },
      { stepId: 'upgrade', at: 103, answer: 'accept' },
      { stepId: 'confirm-upgrade', at: 104 },
      { stepId: 'send-ticket', at: 105, answer: 'received' },
      { stepId: 'close', at: 106 },
    ]);
    const ended = stepScript(valued, run, undefined, 200);
    expect(ended).toMatchObject({ stepId: undefined, done: true, endedAt: 200 });
    expect(ended.path).toEqual(run.path);
  });

  it('skips an offer that asks by its decline path when offers are not allowed', () => {
    const run = walk(valued, false, [undefined, 'ok', undefined]);
    expect(run.stepId).toBe('send-ticket');
    expect(run.skipped).toEqual(['upgrade']);
    expect(run.path.map((p) => p.stepId)).toEqual(['greet', 'verify', 'find-ticket', 'send-ticket']);
  });

  it('skips an offer step with next by going to next, also at the start', () => {
    const def = validateScript({
      id: 'offer-first',
      title: 'Offer first',
      start: 'promo',
      steps: {
        promo: { phase: 'offer', say: 'Our spring sale is on.', next: 'help' },
        help: { phase: 'resolve', say: 'How can I help?', next: 'bye' },
        bye: { phase: 'close', say: 'Bye.', end: true },
      },
    });
    expect(startScript(def, false, 5)).toEqual({
      scriptId: 'offer-first',
      stepId: 'help',
      offersAllowed: false,
      path: [{ stepId: 'help', at: 5 }],
      skipped: ['promo'],
      done: false,
    });
    expect(startScript(def, true, 5).stepId).toBe('promo');
  });

  it('skips several offers in a row, an asking one by its decline path', () => {
    const def = validateScript({
      id: 'two-offers',
      title: 'Two offers',
      start: 'help',
      steps: {
        help: { phase: 'resolve', say: 'Done.', next: 'lounge' },
        lounge: { phase: 'offer', say: 'Lounge access?', next: 'bag' },
        bag: {
          phase: 'offer',
          say: 'An extra bag?',
          answers: { accept: { label: 'Yes', next: 'booked' }, decline: { label: 'No', next: 'bye' } },
        },
        booked: { phase: 'resolve', say: 'Booked.', next: 'bye' },
        bye: { phase: 'close', say: 'Bye.', end: true },
      },
    });
    const run = stepScript(def, startScript(def, false, 0), undefined, 1);
    expect(run).toMatchObject({ stepId: 'bye', skipped: ['lounge', 'bag'] });
    expect(stepScript(def, startScript(def, true, 0), undefined, 1).stepId).toBe('lounge');
  });

  it('does not change the run it is given', () => {
    const run = startScript(sales, true, 0);
    const copy = structuredClone(run);
    stepScript(sales, run, undefined, 1);
    expect(run).toEqual(copy);
  });

  it('shows the current step and none once ended', () => {
    const run = walk(demo('general'), true, [undefined, undefined, 'transfer']);
    expect(currentStep(demo('general'), run)?.end).toBe(true);
    expect(currentStep(demo('general'), stepScript(demo('general'), run, undefined, 9))).toBeUndefined();
  });
});

describe('stepScript errors', () => {
  it('rejects an answer the step does not offer with SCRIPT_ANSWER_INVALID', () => {
    const atVerify = walk(valued, true, [undefined]);
    const e = ivrErrorOf(() => stepScript(valued, atVerify, 'maybe', 1), 'SCRIPT_ANSWER_INVALID');
    expect(e.message).toContain('step "verify" expects one of ok, mismatch, got "maybe"');
    expect(e.status).toBe(400);
    ivrErrorOf(() => stepScript(valued, atVerify, 'toString', 1), 'SCRIPT_ANSWER_INVALID');
  });

  it('rejects a missing answer where the step asks, and an answer where it asks nothing', () => {
    const atVerify = walk(valued, true, [undefined]);
    ivrErrorOf(() => stepScript(valued, atVerify, undefined, 1), 'SCRIPT_ANSWER_INVALID');
    const e = ivrErrorOf(() => stepScript(valued, startScript(valued, true, 0), 'ok', 1), 'SCRIPT_ANSWER_INVALID');
    expect(e.message).toContain('step "greet" asks nothing, got answer "ok"');
    const atClose = walk(demo('general'), true, [undefined, undefined, 'resolved']);
    ivrErrorOf(() => stepScript(demo('general'), atClose, 'resolved', 1), 'SCRIPT_ANSWER_INVALID');
  });

  it('rejects any step after the end with SCRIPT_ENDED', () => {
    const ended = walk(demo('general'), true, [undefined, undefined, 'resolved', undefined]);
    expect(ended.done).toBe(true);
    const e = ivrErrorOf(() => stepScript(demo('general'), ended, undefined, 1), 'SCRIPT_ENDED');
    expect(e.status).toBe(409);
    ivrErrorOf(() => stepScript(demo('general'), ended, 'resolved', 1), 'SCRIPT_ENDED');
  });

  it('rejects a run of another script, and a run on a step the script does not have', () => {
    ivrErrorOf(() => stepScript(valued, startScript(sales, true, 0), undefined, 1), 'SCRIPT_DEFINITION_INVALID');
    const lost = { ...startScript(valued, true, 0), stepId: 'constructor' };
    ivrErrorOf(() => stepScript(valued, lost, undefined, 1), 'SCRIPT_DEFINITION_INVALID');
  });

  it('refuses to skip an offer that has nowhere to go in an unvalidated script', () => {
    const broken: ScriptDefinition = {
      id: 'broken',
      title: 'Broken',
      start: 'a',
      steps: {
        a: { phase: 'offer', say: 'Buy?', answers: { yes: { label: 'Yes', next: 'z' } } },
        z: { phase: 'close', say: 'Bye', end: true },
      },
    };
    ivrErrorOf(() => startScript(broken, false, 0), 'SCRIPT_DEFINITION_INVALID');
  });
});
