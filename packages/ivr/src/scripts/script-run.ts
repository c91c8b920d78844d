import { IvrError } from '../errors.js';
import type { ScriptDefinition, ScriptStep } from './script-definition.js';
import { landOn, scriptStep } from './script-steps.js';
import { describeValue, own } from './validation-kit.js';

/** One step the run has been on: when it got there and, once it has left, the answer given. */
export interface ScriptPathEntry {
  readonly stepId: string;
  /** The answer that took the run on; absent on the current step and after a `next` step. */
  readonly answer?: string;
  /** When the run reached the step (the caller's clock). */
  readonly at: number;
}

/**
 * An agent's way through a script, as a value: {@link startScript} makes one and
 * {@link stepScript} returns the next. The current step is the last entry of `path`.
 */
export interface ScriptRun {
  readonly scriptId: string;
  /** The step the agent is on; `undefined` once ended. */
  readonly stepId: string | undefined;
  readonly offersAllowed: boolean;
  /** Every step the run has been on, in order, the current one last. Skipped offers are not in it. */
  readonly path: readonly ScriptPathEntry[];
  /** The offer steps passed over because offers were not allowed, in order. */
  readonly skipped: readonly string[];
  readonly done: boolean;
  /** When the run ended, once it has. */
  readonly endedAt?: number;
}

/**
 * Starts a run of `def` at `at` on its start step, or, when offers are not allowed and the
 * start is an offer step, where that offer's skip leads (see {@link stepScript}).
 *
 * @example
 * ```ts
 * const selection = selectScript(DEMO_SCRIPT_RULES, ctx);
 * let run = startScript(script, selection.offersAllowed, now);
 * run = stepScript(script, run, undefined, later);   // past a statement
 * run = stepScript(script, run, 'ok', later + 5000); // the customer's answer
 * ```
 */
export function startScript(def: ScriptDefinition, offersAllowed: boolean, at: number): ScriptRun {
  const { stepId, skipped } = land(def, def.start, offersAllowed);
  return { scriptId: def.id, stepId, offersAllowed, path: [{ stepId, at }], skipped, done: false };
}

/**
 * Moves the run on by the customer's `answer` (an answer id of the current step), or past a
 * statement (`answer` undefined). Pure: returns a new run. On a closing step, `undefined` ends
 * the run. When offers are not allowed, an offer step is never landed on: the run goes to its
 * `next`, or, for an offer that asks, where its `decline` answer leads (repeatedly, if that is
 * an offer too); skipped steps are listed in `skipped`.
 *
 * Throws `SCRIPT_ANSWER_INVALID` for an answer the step does not offer, for a missing answer
 * where the step asks, or for an answer where it asks nothing; `SCRIPT_ENDED` once the run is
 * done; `SCRIPT_DEFINITION_INVALID` when the run is not one of `def` or `def` is broken.
 */
export function stepScript(def: ScriptDefinition, run: ScriptRun, answer: string | undefined, at: number): ScriptRun {
  if (run.done || run.stepId === undefined) throw new IvrError('SCRIPT_ENDED', `script ${describeValue(run.scriptId)} has ended`);
  if (run.scriptId !== def.id) {
    throw new IvrError('SCRIPT_DEFINITION_INVALID', `the run is of script ${describeValue(run.scriptId)}, not ${describeValue(def.id)}`);
  }
  const step = stepOrThrow(def, run.stepId);
  const target = targetOf(step, run.stepId, answer);
  const path = leave(run.path, answer);
  if (target === undefined) return { ...run, stepId: undefined, path, done: true, endedAt: at };
  const { stepId, skipped } = land(def, target, run.offersAllowed);
  return { ...run, stepId, path: [...path, { stepId, at }], skipped: [...run.skipped, ...skipped] };
}

/** The step the run is on, or `undefined` once it has ended. */
export function currentStep(def: ScriptDefinition, run: ScriptRun): ScriptStep | undefined {
  return run.stepId === undefined ? undefined : scriptStep(def, run.stepId);
}

/** The next step id for `answer` at `step`, or `undefined` when the closing step is left. */
function targetOf(step: ScriptStep, stepId: string, answer: string | undefined): string | undefined {
  if (step.answers !== undefined) {
    const chosen = answer === undefined ? undefined : own(step.answers, answer);
    if (chosen === undefined) {
      const offered = Object.keys(step.answers).join(', ');
      throw new IvrError('SCRIPT_ANSWER_INVALID', `step ${describeValue(stepId)} expects one of ${offered}, got ${describeValue(answer)}`);
    }
    return chosen.next;
  }
  if (answer !== undefined) {
    throw new IvrError('SCRIPT_ANSWER_INVALID', `step ${describeValue(stepId)} asks nothing, got answer ${describeValue(answer)}`);
  }
  if (step.end === true) return undefined;
  if (step.next === undefined) throw new IvrError('SCRIPT_DEFINITION_INVALID', `step ${describeValue(stepId)} leads nowhere`);
  return step.next;
}

function leave(path: readonly ScriptPathEntry[], answer: string | undefined): readonly ScriptPathEntry[] {
  const last = path.at(-1);
  if (last === undefined || answer === undefined) return path;
  return [...path.slice(0, -1), { ...last, answer }];
}

function land(def: ScriptDefinition, target: string, offersAllowed: boolean): { stepId: string; skipped: string[] } {
  const { stepId, skipped } = landOn(def, target, offersAllowed);
  if (stepId === undefined) {
    throw new IvrError('SCRIPT_DEFINITION_INVALID', `skipped offer ${describeValue(skipped[0] ?? target)} has nowhere to go`);
  }
  stepOrThrow(def, stepId);
  return { stepId, skipped };
}

function stepOrThrow(def: ScriptDefinition, stepId: string): ScriptStep {
  const step = scriptStep(def, stepId);
  if (step !== undefined) return step;
  throw new IvrError('SCRIPT_DEFINITION_INVALID', `script ${describeValue(def.id)} has no step ${describeValue(stepId)}`);
}
