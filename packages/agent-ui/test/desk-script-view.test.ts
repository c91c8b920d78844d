import { describe, expect, it } from 'vitest';
import { scriptStepView } from '../src/agent/script-view.js';
import type { ContactScript, ScriptDefinition, ScriptRun } from '../src/shared/views.js';

const SCRIPT: ScriptDefinition = {
  id: 'sales-cross-sell', title: 'Help and cross-sell', start: 'greet',
  steps: {
    greet: { phase: 'greet', say: 'Thank you for calling.', next: 'help' },
    help: { phase: 'resolve', say: 'Is everything sorted?', answers: { resolved: { label: 'Request handled', next: 'offer' }, 'follow-up': { label: 'Needs another team', next: 'close' } } },
    offer: { phase: 'offer', say: 'Lounge access?', answers: { accept: { label: 'Accepts', next: 'close' }, decline: { label: 'Declines', next: 'close' } } },
    close: { phase: 'close', say: 'Goodbye.', end: true },
  },
};

const cs = (run?: Partial<ScriptRun> & { path: ScriptRun['path'] }, offersAllowed = true): ContactScript => ({
  selection: { scriptId: SCRIPT.id, ruleId: 'r', offersAllowed }, script: SCRIPT,
  ...(run === undefined ? {} : { run: { scriptId: SCRIPT.id, offersAllowed, skipped: [], done: false, stepId: run.path.at(-1)?.stepId, ...run } }),
});

describe('scriptStepView', () => {
  it('before the start: previews the first step, nothing to answer yet', () => {
    expect(scriptStepView(cs())).toMatchObject({ title: 'Help and cross-sell', started: false, stepId: 'greet', say: 'Thank you for calling.', answers: [], canContinue: false, stepNumber: 0 });
  });

  it('a statement goes on with Next; a question offers its answers', () => {
    expect(scriptStepView(cs({ path: [{ stepId: 'greet', at: 1 }] }))).toMatchObject({ started: true, canContinue: true, closing: false, answers: [], stepNumber: 1, said: [] });
    expect(scriptStepView(cs({ path: [{ stepId: 'greet', at: 1 }, { stepId: 'help', at: 2 }] }))).toMatchObject({
      canContinue: false, answers: [{ id: 'resolved', label: 'Request handled' }, { id: 'follow-up', label: 'Needs another team' }], said: ['Thank you for calling.'], phase: 'resolve',
    });
  });

  it('the closing step finishes the script; a done run shows everything said', () => {
    const path = [{ stepId: 'greet', at: 1 }, { stepId: 'help', at: 2, answer: 'follow-up' }, { stepId: 'close', at: 3 }];
    expect(scriptStepView(cs({ path }))).toMatchObject({ canContinue: true, closing: true });
    expect(scriptStepView(cs({ path, stepId: undefined, done: true }))).toMatchObject({ done: true, canContinue: false, answers: [], said: ['Thank you for calling.', 'Is everything sorted?', 'Goodbye.'] });
  });

  it('reports offer steps skipped when offers are not allowed', () => {
    const v = scriptStepView(cs({ path: [{ stepId: 'close', at: 3 }], skipped: ['offer'] }, false));
    expect([v.skippedOffers, v.offersAllowed]).toEqual([1, false]);
  });
});
