import { createActor, type AnyStateMachine } from 'xstate';

/** An expected transition table written out by hand: state -> event -> next state. */
export type ExpectedTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * What the machine itself says about (state, event), without going through
 * `deriveTransitionTable`: the target named in the state's `on` config, confirmed by sending the
 * event to a live actor started in that state.
 */
export function askMachine(
  machine: AnyStateMachine,
  state: string,
  event: string,
): string | undefined {
  const stateNode = machine.states[state];
  if (stateNode === undefined) throw new Error(`no state '${state}'`);
  const on = (stateNode.config.on ?? {}) as Record<string, { target?: unknown } | undefined>;
  const target = on[event]?.target;
  if (target === undefined) return undefined;
  const actor = createActor(machine, {
    snapshot: machine.resolveState({ value: state, context: {} }),
  }).start();
  actor.send({ type: event });
  const reached = actor.getSnapshot().value;
  actor.stop();
  if (reached !== target) {
    const says = `config says ${String(target)}, actor reached ${JSON.stringify(reached)}`;
    throw new Error(`'${state}' on '${event}': ${says}`);
  }
  return target as string;
}

/** Deterministic PRNG so random checks replay the same way every run (the engine's own). */
export { seededRng as seededRandom } from '../../src/core/clock.js';
