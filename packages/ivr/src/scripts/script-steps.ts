import { DECLINE_ANSWER, type ScriptDefinition, type ScriptEvent, type ScriptStep } from './script-definition.js';
import { own } from './validation-kit.js';

/** One way out of a step: the machine event, the answer id (none for `next`), and the target step. */
export interface StepExit {
  readonly event: ScriptEvent['type'];
  readonly answer?: string;
  readonly target: string;
}

/** The step `id` of `def`, never a property inherited from `Object.prototype`. */
export function scriptStep(def: ScriptDefinition, id: string): ScriptStep | undefined {
  return own(def.steps, id);
}

/** Every way out of `step`, answers in their key order; none for a closing step. */
export function stepExits(step: ScriptStep): StepExit[] {
  if (step.end === true) return [];
  if (step.answers !== undefined) {
    return Object.entries(step.answers).map(([answer, { next }]) => ({ event: `answer.${answer}`, answer, target: next }));
  }
  return step.next === undefined ? [] : [{ event: 'next', target: step.next }];
}

/**
 * Where the run goes instead of an offer step when offers are not allowed: the step's `next`,
 * else the target of its `decline` answer; `undefined` when it has neither.
 */
export function skipTarget(step: ScriptStep): string | undefined {
  return step.next ?? own(step.answers, DECLINE_ANSWER)?.next;
}

/**
 * The step the run lands on when it is sent to `id`: `id` itself, or, when offers are not
 * allowed, the first non-offer step down the chain of skipped offer steps (also returned).
 * `undefined` as the step when a skipped offer has nowhere to go or the chain loops.
 */
export function landOn(def: ScriptDefinition, id: string, offersAllowed: boolean): { stepId: string | undefined; skipped: string[] } {
  const skipped: string[] = [];
  let current: string | undefined = id;
  while (current !== undefined) {
    const step = scriptStep(def, current);
    if (offersAllowed || step?.phase !== 'offer') return { stepId: current, skipped };
    if (skipped.includes(current)) break;
    skipped.push(current);
    current = skipTarget(step);
  }
  return { stepId: undefined, skipped };
}
