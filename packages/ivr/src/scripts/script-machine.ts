import { setup } from 'xstate';
import type { ScriptDefinition, ScriptEvent, ScriptPhase } from './script-definition.js';
import { landOn, stepExits } from './script-steps.js';

/** Options of {@link scriptMachine}. */
export interface ScriptMachineOptions {
  /** When false, offer steps are left out and every way into one goes where its skip leads. Default true. */
  readonly offersAllowed?: boolean;
}

/** What each state of a script machine carries in `meta`: the step's phase and line. */
export interface ScriptStateMeta {
  readonly phase: ScriptPhase;
  readonly say: string;
}

/**
 * The script as an XState machine, for path coverage with `@xstate/graph` and for diagrams:
 * one state per step (keyed by step id, tagged with its phase, `meta` {@link ScriptStateMeta}),
 * `answer.<id>` events at questions, `next` past statements; closing steps are final states.
 * With `offersAllowed: false` offer steps are not states and their skips are wired in, so the
 * machine walks exactly the steps {@link stepScript} would land on. Expects a validated script.
 *
 * @example
 * ```ts
 * const paths = getSimplePaths(scriptMachine(validateScript(json)), { toState: (s) => s.status === 'done' });
 * ```
 */
export function scriptMachine(def: ScriptDefinition, options: ScriptMachineOptions = {}) {
  const offersAllowed = options.offersAllowed ?? true;
  const land = (target: string) => landOn(def, target, offersAllowed).stepId ?? target;
  const states = Object.fromEntries(
    Object.entries(def.steps)
      .filter(([, step]) => offersAllowed || step.phase !== 'offer')
      .map(([id, step]) => {
        const meta: ScriptStateMeta = { phase: step.phase, say: step.say };
        const on = Object.fromEntries(stepExits(step).map(({ event, target }) => [event, { target: land(target) }]));
        return [id, step.end === true ? { type: 'final' as const, tags: [step.phase], meta } : { tags: [step.phase], meta, on }];
      }),
  );
  return setup({ types: { events: {} as ScriptEvent } }).createMachine({ id: def.id, initial: land(def.start), states });
}

/** The machine type {@link scriptMachine} returns. */
export type ScriptMachine = ReturnType<typeof scriptMachine>;
