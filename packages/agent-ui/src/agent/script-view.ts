import type { ContactScript, ScriptStep } from '../shared/views.js';

/**
 * Where the agent is in the contact's script and what it can do next: start it, go on past a
 * statement, or give the customer's answer. The service steps the run (`POST
 * /v1/contacts/:id/script`); this only says what to show.
 */
export interface ScriptStepView {
  readonly title: string;
  readonly started: boolean;
  readonly done: boolean;
  readonly stepId: string | undefined;
  readonly phase: ScriptStep['phase'] | undefined;
  /** What the agent says at this step (before the start: the first step, as a preview). */
  readonly say: string | undefined;
  /** The customer's possible answers at this step. */
  readonly answers: ReadonlyArray<{ readonly id: string; readonly label: string }>;
  /** A statement: the agent goes on with "Next". */
  readonly canContinue: boolean;
  /** The closing step: going on ends the script. */
  readonly closing: boolean;
  /** Steps taken so far, the current one included. */
  readonly stepNumber: number;
  /** What was said so far (earlier steps), oldest first. */
  readonly said: readonly string[];
  /** Offer steps passed over because offers are not allowed here. */
  readonly skippedOffers: number;
  readonly offersAllowed: boolean;
}

/** What the script panel shows for a contact's script and run. */
export function scriptStepView(cs: ContactScript): ScriptStepView {
  const run = cs.run;
  const stepId = run === undefined ? cs.script.start : run.stepId;
  const step = stepId === undefined ? undefined : cs.script.steps[stepId];
  const done = run?.done === true;
  const answers = done || run === undefined ? [] : Object.entries(step?.answers ?? {}).map(([id, a]) => ({ id, label: a.label }));
  const path = run?.path ?? [];
  return {
    title: cs.script.title, started: run !== undefined, done, stepId, phase: step?.phase, say: step?.say, answers,
    canContinue: run !== undefined && !done && step !== undefined && step.answers === undefined,
    closing: step?.end === true,
    stepNumber: path.length,
    said: (done ? path : path.slice(0, -1)).map((p) => cs.script.steps[p.stepId]?.say ?? p.stepId),
    skippedOffers: run?.skipped.length ?? 0,
    offersAllowed: run?.offersAllowed ?? cs.selection.offersAllowed,
  };
}
