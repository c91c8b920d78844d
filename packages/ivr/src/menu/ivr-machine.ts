import { assign, setup } from 'xstate';
import { isOpen } from './hours.js';
import type { CollectNode, HoursNode, IvrDefinition, IvrNode, LookupNode, MenuNode, MenuOption, Prompt } from './ivr-definition.js';
import { isExit } from './ivr-definition.js';

/** What an IVR session knows: the language, what the caller entered, retries at this node, prompts queued. */
export interface IvrContext {
  readonly language: string | undefined;
  readonly vars: Readonly<Record<string, string>>;
  readonly retries: number;
  /** Time of the last input (ms): business-hours branches read it. */
  readonly now: number;
  /** Every prompt queued so far, in order; the session hands out the new ones after each input. */
  readonly out: readonly Prompt[];
}

/** Inputs from the PBX (DTMF, speech results, no input, hang-up) and lookup answers from the service. */
export type IvrEvent =
  | { readonly type: 'ivr.digits'; readonly digits: string; readonly at: number }
  | { readonly type: 'ivr.speech'; readonly text: string; readonly at: number }
  | { readonly type: 'ivr.timeout'; readonly at: number }
  | { readonly type: 'ivr.hangup'; readonly at: number }
  | { readonly type: 'ivr.lookup'; readonly value: string; readonly at: number };

/** The state a caller who hangs up ends in (not a node id: node ids cannot start with `$`). */
export const HUNG_UP = '$hungUp';

type Ctx = { context: IvrContext; event: IvrEvent };
type Transition = { target: string; reenter?: boolean; guard?: (a: Ctx) => boolean; actions?: unknown[] };

const stamp = assign(({ event }: Ctx) => ({ now: event.at }));
const push = (p: Prompt | undefined) => assign(({ context }: Ctx) => ({ out: p === undefined ? context.out : [...context.out, p] }));
const retry = assign(({ context }: Ctx) => ({ retries: context.retries + 1 }));
const resetRetries = assign(() => ({ retries: 0 }));
const setVar = (name: string, value: (e: IvrEvent) => string) => assign(({ context, event }: Ctx) => ({ vars: { ...context.vars, [name]: value(event) } }));

/** What an input means at a menu: the option whose key is the first digit, or whose keyword or key was said. */
export function chosenOption(n: MenuNode, e: IvrEvent): MenuOption | undefined {
  if (e.type === 'ivr.digits') return n.options.find((o) => o.key === e.digits.trim().charAt(0));
  if (e.type !== 'ivr.speech') return undefined;
  const said = e.text.trim().toLowerCase();
  return n.options.find((o) => (o.keywords ?? []).some((k) => said.includes(k.trim().toLowerCase())))
    ?? n.options.find((o) => said.replace(/\D/g, '') === o.key);
}

/** The digits of a collect input, or undefined when they do not fit the node (length, date, amount). */
export function collected(n: CollectNode, e: IvrEvent): string | undefined {
  const raw = e.type === 'ivr.digits' ? e.digits.replace(/#$/, '') : e.type === 'ivr.speech' ? e.text.replace(/[^0-9*]/g, '') : undefined;
  if (raw === undefined || raw.length < n.minLength || raw.length > n.maxLength) return undefined;
  if (n.kind === 'amount') return /^\d+(\*\d{1,2})?$/.test(raw) ? raw.replace('*', '.') : undefined;
  if (!/^\d+$/.test(raw)) return undefined;
  return n.kind === 'date' && !validDate(raw) ? undefined : raw;
}

function validDate(ddmmyyyy: string): boolean {
  if (ddmmyyyy.length !== 8) return false;
  const [d, m, y] = [Number(ddmmyyyy.slice(0, 2)), Number(ddmmyyyy.slice(2, 4)), Number(ddmmyyyy.slice(4))];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Ask again (with the retry prompt) while retries last, then go to onFail. */
function retries(id: string, n: MenuNode | CollectNode, prompt: Prompt | undefined): Transition[] {
  const max = n.maxRetries ?? 2;
  return [
    { guard: ({ context }) => context.retries < max, target: id, reenter: true, actions: [stamp, retry, push(prompt)] },
    { target: n.onFail, reenter: true, actions: [stamp, resetRetries] },
  ];
}

function menuState(id: string, n: MenuNode) {
  const choose = n.options.map((o): Transition => ({
    guard: ({ event }) => chosenOption(n, event) === o, target: o.next, reenter: true,
    actions: [stamp, resetRetries, ...(o.language === undefined ? [] : [assign(() => ({ language: o.language }))]),
      ...Object.entries(o.set ?? {}).map(([k, v]) => setVar(k, () => v))],
  }));
  const invalid = retries(id, n, n.invalidPrompt);
  return {
    entry: push(n.prompt),
    on: { 'ivr.digits': [...choose, ...invalid], 'ivr.speech': [...choose, ...invalid], 'ivr.timeout': retries(id, n, n.noInputPrompt) },
  };
}

function collectState(id: string, n: CollectNode) {
  const ok: Transition = { guard: ({ event }) => collected(n, event) !== undefined, target: n.next, reenter: true, actions: [stamp, resetRetries, setVar(n.field, (e) => collected(n, e) ?? '')] };
  const invalid = retries(id, n, n.invalidPrompt);
  return { entry: push(n.prompt), on: { 'ivr.digits': [ok, ...invalid], 'ivr.speech': [ok, ...invalid], 'ivr.timeout': retries(id, n, n.noInputPrompt) } };
}

function lookupState(n: LookupNode) {
  const save = n.saveAs === undefined ? [] : [setVar(n.saveAs, (e) => (e.type === 'ivr.lookup' ? e.value : ''))];
  const branches = Object.entries(n.branches).map(([value, target]): Transition => ({
    guard: ({ event }) => event.type === 'ivr.lookup' && event.value === value, target, reenter: true, actions: [stamp, ...save],
  }));
  return { on: { 'ivr.lookup': [...branches, { target: n.default, reenter: true, actions: [stamp, ...save] }] } };
}

function hoursState(n: HoursNode) {
  return { always: [{ guard: ({ context }: Ctx) => isOpen(n, context.now), target: n.open }, { target: n.closed }] };
}

function stateOf(id: string, n: IvrNode): object {
  if (isExit(n)) return { type: 'final', entry: push(n.prompt) };
  switch (n.type) {
    case 'menu': return menuState(id, n);
    case 'collect': return collectState(id, n);
    case 'play': return { entry: push(n.prompt), always: { target: n.next } };
    case 'hours': return hoursState(n);
    case 'lookup': return lookupState(n);
    default: return {};
  }
}

/**
 * Compiles a validated IVR definition to an XState machine: one state per node, exits final,
 * a hang-up from anywhere ends in {@link HUNG_UP}. Inputs carry their time (`at`), so
 * business-hours branches are pure. Step it with xstate's pure `transition()` (the session
 * functions do) or run it as an actor.
 */
export function ivrMachine(def: IvrDefinition) {
  const states: Record<string, object> = Object.assign(Object.create(null) as Record<string, object>, { [HUNG_UP]: { type: 'final' } });
  for (const [id, n] of Object.entries(def.nodes)) states[id] = stateOf(id, n);
  return setup({
    types: { context: {} as IvrContext, events: {} as IvrEvent, input: {} as { now: number } },
  }).createMachine({
    id: `ivr:${def.id}`,
    initial: def.start,
    context: ({ input }) => ({ language: def.language, vars: {}, retries: 0, now: input.now, out: [] }),
    on: { 'ivr.hangup': { target: `.${HUNG_UP}`, actions: stamp as never } },
    states: states as never,
  });
}

/** The machine type of a compiled IVR. */
export type IvrMachine = ReturnType<typeof ivrMachine>;
