import { initialTransition, transition } from 'xstate';
import { IvrError } from '../errors.js';
import type { IvrDefinition, Prompt } from './ivr-definition.js';
import { HUNG_UP, ivrMachine, type IvrContext, type IvrEvent, type IvrMachine } from './ivr-machine.js';
import { validateIvr } from './validate-ivr.js';

/** A validated definition with its machine, ready to run sessions. */
export interface CompiledIvr {
  readonly definition: IvrDefinition;
  readonly machine: IvrMachine;
}

/** Validates (IVR_DEFINITION_INVALID) and compiles an IVR definition. */
export function compileIvr(raw: unknown): CompiledIvr {
  const definition = validateIvr(raw);
  try {
    return { definition, machine: ivrMachine(definition) };
  } catch (e) {
    throw new IvrError('IVR_DEFINITION_INVALID', `does not compile: ${(e as Error).message}`, [{ path: '', message: `does not compile: ${(e as Error).message}` }]);
  }
}

/** A prompt as the PBX plays it: text in the session's language, or a recorded prompt id. */
export interface PromptOut {
  readonly text?: string;
  readonly promptId?: string;
  readonly language?: string;
}

/** What the exit learned: it goes with the contact into the router. */
export interface CollectedAttributes {
  readonly reason?: string;
  readonly language?: string;
  readonly requiredSkills?: readonly string[];
  readonly data: Readonly<Record<string, string>>;
}

/** What the PBX does next. `lookup` is for the service: it asks the function and posts the answer. */
export type IvrAction =
  | { readonly kind: 'collect'; readonly prompts: readonly PromptOut[]; readonly node: string; readonly minDigits: number; readonly maxDigits: number; readonly timeoutSeconds: number; readonly terminator?: '#' }
  | { readonly kind: 'lookup'; readonly prompts: readonly PromptOut[]; readonly node: string; readonly function: string; readonly input: string | undefined }
  | { readonly kind: 'route'; readonly prompts: readonly PromptOut[]; readonly queueId: string; readonly attributes: CollectedAttributes }
  | { readonly kind: 'callback'; readonly prompts: readonly PromptOut[]; readonly queueId: string; readonly attributes: CollectedAttributes }
  | { readonly kind: 'transfer'; readonly prompts: readonly PromptOut[]; readonly number: string }
  | { readonly kind: 'hangup'; readonly prompts: readonly PromptOut[]; readonly reason: 'self-service' | 'caller-hung-up' };

/** A session as stored between inputs (plain JSON). */
export interface IvrSession {
  readonly ivrId: string;
  readonly node: string;
  readonly context: IvrContext;
  /** How many of `context.out` were handed to the PBX already. */
  readonly played: number;
  readonly ended: boolean;
  /** When the PBX should have sent an input by (ms), for a collect; see {@link timeoutIfDue}. */
  readonly deadline: number | undefined;
  readonly action: IvrAction;
}

/** Inputs a PBX posts. */
export type IvrInput =
  | { readonly type: 'digits'; readonly digits: string }
  | { readonly type: 'speech'; readonly text: string }
  | { readonly type: 'timeout' }
  | { readonly type: 'hangup' }
  | { readonly type: 'lookup'; readonly value: string };

const DEFAULT_TIMEOUT_S = 5;

function promptOut(p: Prompt, language: string | undefined): PromptOut {
  const text = typeof p.text === 'string' ? p.text : p.text === undefined ? undefined : (p.text[language ?? ''] ?? Object.values(p.text)[0]);
  return { ...(text === undefined ? {} : { text }), ...(p.promptId === undefined ? {} : { promptId: p.promptId }), ...(language === undefined ? {} : { language }) };
}

function attributesOf(ctx: IvrContext, reason: string | undefined, skills: readonly string[] | undefined): CollectedAttributes {
  return { ...(reason === undefined ? {} : { reason }), ...(ctx.language === undefined ? {} : { language: ctx.language }), ...(skills === undefined ? {} : { requiredSkills: skills }), data: ctx.vars };
}

/** The action of the node a session rests in, with the prompts queued since the last input. */
function actionAt(def: IvrDefinition, node: string, ctx: IvrContext, played: number): IvrAction {
  const prompts = ctx.out.slice(played).map((p) => promptOut(p, ctx.language));
  if (node === HUNG_UP) return { kind: 'hangup', prompts: [], reason: 'caller-hung-up' };
  const n = def.nodes[node];
  switch (n?.type) {
    case 'menu': return { kind: 'collect', prompts, node, minDigits: 1, maxDigits: 1, timeoutSeconds: n.timeoutSeconds ?? DEFAULT_TIMEOUT_S };
    case 'collect': return { kind: 'collect', prompts, node, minDigits: n.minLength, maxDigits: n.maxLength, timeoutSeconds: n.timeoutSeconds ?? DEFAULT_TIMEOUT_S, terminator: '#' };
    case 'lookup': return { kind: 'lookup', prompts, node, function: n.function, input: n.input === undefined ? undefined : ctx.vars[n.input] };
    case 'route': return { kind: 'route', prompts, queueId: n.queueId, attributes: attributesOf(ctx, n.reason, n.requiredSkills) };
    case 'callback': return { kind: 'callback', prompts, queueId: n.queueId, attributes: attributesOf(ctx, n.reason, undefined) };
    case 'transfer': return { kind: 'transfer', prompts, number: n.number };
    case 'end': return { kind: 'hangup', prompts, reason: 'self-service' };
    default: throw new IvrError('IVR_INPUT_INVALID', `the session rests in '${node}', which waits for nothing`);
  }
}

function sessionOf(ivr: CompiledIvr, node: string, context: IvrContext, played: number, at: number): IvrSession {
  const action = actionAt(ivr.definition, node, context, played);
  const ended = action.kind === 'route' || action.kind === 'callback' || action.kind === 'transfer' || action.kind === 'hangup';
  const deadline = action.kind === 'collect' ? at + action.timeoutSeconds * 1000 : undefined;
  // A lookup is answered by the service, not the PBX: its prompts go out with the action after it.
  return { ivrId: ivr.definition.id, node, context, played: action.kind === 'lookup' ? played : context.out.length, ended, deadline, action };
}

/** A call enters the IVR at `at` (ms): the first action (usually: play the greeting, collect a key). */
export function startIvr(ivr: CompiledIvr, at: number): IvrSession {
  const [snap] = initialTransition(ivr.machine, { now: at });
  return sessionOf(ivr, String(snap.value), snap.context, 0, at);
}

function eventOf(input: IvrInput, at: number): IvrEvent {
  switch (input.type) {
    case 'digits': return { type: 'ivr.digits', digits: input.digits, at };
    case 'speech': return { type: 'ivr.speech', text: input.text, at };
    case 'timeout': return { type: 'ivr.timeout', at };
    case 'hangup': return { type: 'ivr.hangup', at };
    case 'lookup': return { type: 'ivr.lookup', value: input.value, at };
  }
}

function checkInput(session: IvrSession, input: IvrInput): void {
  if (session.ended) throw new IvrError('IVR_SESSION_ENDED', `the session ended with '${session.action.kind}'`);
  if (input.type === 'hangup') return;
  const wants = session.action.kind === 'lookup' ? 'lookup' : 'caller';
  if ((input.type === 'lookup') !== (wants === 'lookup')) {
    throw new IvrError('IVR_INPUT_INVALID', wants === 'lookup' ? `waiting for the answer of '${session.action.kind === 'lookup' ? session.action.function : ''}'` : 'no lookup is pending');
  }
  if (input.type === 'digits' && !/^[0-9*#]{1,32}$/.test(input.digits)) throw new IvrError('IVR_INPUT_INVALID', 'digits must be 1–32 of 0-9 * #');
  if (input.type === 'speech' && (input.text.length === 0 || input.text.length > 500)) throw new IvrError('IVR_INPUT_INVALID', 'speech text must be 1–500 characters');
  if (input.type === 'lookup' && input.value.length > 200) throw new IvrError('IVR_INPUT_INVALID', 'a lookup answer is at most 200 characters');
}

/**
 * One input: the session's next state and action. Pure: the same session, input and time give
 * the same result. Throws IVR_SESSION_ENDED after an exit, IVR_INPUT_INVALID for malformed
 * input or a lookup answer nobody asked for (and caller input while a lookup is pending).
 */
export function stepIvr(ivr: CompiledIvr, session: IvrSession, input: IvrInput, at: number): IvrSession {
  checkInput(session, input);
  const snap = ivr.machine.resolveState({ value: session.node, context: session.context });
  const [next] = transition(ivr.machine, snap, eventOf(input, at));
  return sessionOf(ivr, String(next.value), next.context, session.played, at);
}

/** The PBX went silent past the collect's deadline: apply the timeout (retry prompt or onFail). */
export function timeoutIfDue(ivr: CompiledIvr, session: IvrSession, at: number): IvrSession {
  return !session.ended && session.deadline !== undefined && at >= session.deadline ? stepIvr(ivr, session, { type: 'timeout' }, at) : session;
}
