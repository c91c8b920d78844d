import {
  DECLINE_ANSWER,
  SCRIPT_PHASES,
  type ScriptAnswer,
  type ScriptDefinition,
  type ScriptPhase,
  type ScriptStep,
} from './script-definition.js';
import { checkScriptGraph } from './script-graph.js';
import { Problems, checkKeys, describeValue, isPlainObject, isScriptId, join, own } from './validation-kit.js';

const SCRIPT_KEYS = ['id', 'title', 'start', 'steps'];
const STEP_KEYS = ['phase', 'say', 'answers', 'next', 'end'];
const ANSWER_KEYS = ['label', 'next'];
const ID_RULE = 'letters, digits, - or _, at most 64';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Checks that untrusted JSON is a {@link ScriptDefinition} and returns a frozen copy of it.
 * Throws `SCRIPT_DEFINITION_INVALID` listing every problem, each with its path
 * (`steps.verify.answers.no.next`): unknown keys, malformed ids, an empty `say`, a bad phase,
 * a step that is not exactly one of question (`answers`), statement (`next`) or closing step
 * (`end: true`), a target that names no step, an offer step that closes the script or has
 * neither `next` nor a `decline` answer. Once every step is well-formed, the graph is checked:
 * no closing step, unreachable steps, steps that can never reach a closing step (also with
 * offers skipped). Loops are allowed as long as a closing step stays reachable.
 *
 * @example
 * ```ts
 * const script = validateScript(JSON.parse(body)); // throws IvrError, e.problems lists every path
 * ```
 */
export function validateScript(def: unknown): ScriptDefinition {
  const problems = new Problems();
  if (!isPlainObject(def)) {
    problems.add('', `expected a script object, got ${describeValue(def)}`);
    throw problems.error('the script');
  }
  checkKeys(def, SCRIPT_KEYS, '', problems);
  const { id, title, start } = def;
  if (!isScriptId(id)) problems.add('id', `expected an id (${ID_RULE}), got ${describeValue(id)}`);
  checkText(title, 200, 'title', problems);
  const steps = validateSteps(def['steps'], problems);
  if (typeof start !== 'string' || own(steps, start) === undefined) problems.add('start', `no step ${describeValue(start)}`);
  const what = isScriptId(id) ? `script ${describeValue(id)}` : 'the script';
  if (!problems.ok) throw problems.error(what);
  const copy: ScriptDefinition = Object.freeze({ id: id as string, title: title as string, start: start as string, steps });
  checkScriptGraph(copy, problems);
  if (!problems.ok) throw problems.error(what);
  return copy;
}

function validateSteps(steps: unknown, problems: Problems): Readonly<Record<string, ScriptStep>> {
  if (!isPlainObject(steps) || Object.keys(steps).length === 0) {
    problems.add('steps', `expected a non-empty object of steps, got ${describeValue(steps)}`);
    return {};
  }
  const ids = Object.keys(steps);
  const entries = ids.flatMap((stepId) => {
    const path = join('steps', stepId);
    if (!isScriptId(stepId)) problems.add(path, `expected a step id (${ID_RULE})`);
    const step = validateStep(steps[stepId], path, ids, problems);
    return step === undefined ? [] : [[stepId, step] as const];
  });
  return Object.freeze(Object.fromEntries(entries));
}

function validateStep(step: unknown, path: string, ids: readonly string[], problems: Problems): ScriptStep | undefined {
  if (!isPlainObject(step)) {
    problems.add(path, `expected a step object, got ${describeValue(step)}`);
    return undefined;
  }
  checkKeys(step, STEP_KEYS, path, problems);
  const phase = SCRIPT_PHASES.find((p) => p === step['phase']);
  if (phase === undefined) {
    problems.add(join(path, 'phase'), `expected one of ${SCRIPT_PHASES.join(', ')}, got ${describeValue(step['phase'])}`);
  }
  checkText(step['say'], 1000, join(path, 'say'), problems);
  if (step['end'] !== undefined && typeof step['end'] !== 'boolean') {
    problems.add(join(path, 'end'), `expected a boolean, got ${describeValue(step['end'])}`);
  }
  if (step['next'] !== undefined) checkTarget(step['next'], join(path, 'next'), ids, problems);
  const answers = step['answers'] === undefined ? undefined : validateAnswers(step['answers'], join(path, 'answers'), ids, problems);
  checkShape(step, path, problems);
  if (phase === 'offer') checkOffer(step, path, problems);
  return freezeStep(step, phase ?? 'resolve', answers);
}

function validateAnswers(
  answers: unknown,
  path: string,
  ids: readonly string[],
  problems: Problems,
): Readonly<Record<string, ScriptAnswer>> {
  if (!isPlainObject(answers) || Object.keys(answers).length === 0) {
    problems.add(path, `expected a non-empty object of answers, got ${describeValue(answers)}`);
    return {};
  }
  const entries = Object.entries(answers).map(([answerId, answer]) => {
    const at = join(path, answerId);
    if (!isScriptId(answerId)) problems.add(at, `expected an answer id (${ID_RULE})`);
    return [answerId, validateAnswer(answer, at, ids, problems)] as const;
  });
  return Object.freeze(Object.fromEntries(entries));
}

function validateAnswer(answer: unknown, path: string, ids: readonly string[], problems: Problems): ScriptAnswer {
  if (!isPlainObject(answer)) {
    problems.add(path, `expected an answer object, got ${describeValue(answer)}`);
    return { label: '', next: '' };
  }
  checkKeys(answer, ANSWER_KEYS, path, problems);
  checkText(answer['label'], 200, join(path, 'label'), problems);
  checkTarget(answer['next'], join(path, 'next'), ids, problems);
  return Object.freeze({ label: answer['label'] as string, next: answer['next'] as string });
}

function checkShape(step: Record<string, unknown>, path: string, problems: Problems): void {
  const exits = Number(step['answers'] !== undefined) + Number(step['next'] !== undefined);
  if (step['end'] === true && exits > 0) problems.add(path, 'a closing step (end: true) has neither answers nor next');
  if (step['end'] !== true && exits !== 1) problems.add(path, 'expected exactly one of answers, next or end: true');
}

function checkOffer(step: Record<string, unknown>, path: string, problems: Problems): void {
  if (step['end'] === true) {
    problems.add(join(path, 'end'), 'an offer step cannot close the script: it may be skipped');
    return;
  }
  const answers = step['answers'];
  const declines = isPlainObject(answers) && Object.hasOwn(answers, DECLINE_ANSWER);
  if (step['next'] === undefined && !declines) {
    problems.add(path, `an offer step needs next or a '${DECLINE_ANSWER}' answer: it is where the run goes when offers are not allowed`);
  }
}

function checkTarget(target: unknown, path: string, ids: readonly string[], problems: Problems): void {
  if (typeof target !== 'string' || !ids.includes(target)) problems.add(path, `no step ${describeValue(target)}`);
}

function checkText(value: unknown, max: number, path: string, problems: Problems): void {
  if (typeof value === 'string' && value.trim().length > 0 && value.length <= max) return;
  problems.add(path, `expected a non-empty string of at most ${max} characters, got ${describeValue(value)}`);
}

function freezeStep(raw: Record<string, unknown>, phase: ScriptPhase, answers: ScriptStep['answers']): ScriptStep {
  const step: Mutable<ScriptStep> = { phase, say: raw['say'] as string };
  if (answers !== undefined) step.answers = answers;
  if (raw['next'] !== undefined) step.next = raw['next'] as string;
  if (raw['end'] !== undefined) step.end = raw['end'] as boolean;
  return Object.freeze(step);
}
