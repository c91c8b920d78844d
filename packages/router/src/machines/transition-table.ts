import { getNextTransitions, transition, type AnyStateMachine } from 'xstate';
import {
  AGENT_EVENTS,
  AGENT_STATES,
  agentMachine,
  type AgentEventType,
  type AgentPresence,
} from './agent-machine.js';
import {
  CONTACT_EVENTS,
  CONTACT_STATES,
  contactMachine,
  type ContactEventType,
  type ContactState,
} from './contact-machine.js';

export {
  AGENT_EVENTS,
  AGENT_STATES,
  CONTACT_EVENTS,
  CONTACT_STATES,
  type AgentEventType,
  type AgentPresence,
  type ContactEventType,
  type ContactState,
};

/**
 * `state -> event -> next state` for every legal transition; an absent entry means the event is
 * illegal in that state. Rows and cells have no prototype, so any string that is not a declared
 * event (`'toString'`, `'__proto__'`) looks up as `undefined`.
 */
export type TransitionTable<S extends string, E extends string> = Readonly<
  Record<S, Readonly<Partial<Record<E, S>>>>
>;

/**
 * Builds the transition table of a flat, guard-free machine by asking the machine itself: for each
 * state it resolves a snapshot, and for each event it runs xstate's pure `transition()`.
 *
 * A transition is recorded only if the state declares one for the event (an explicit target is
 * required), so a legal self-transition (`queued -> queued`) is told apart from an event with no
 * transition, which also leaves the snapshot unchanged. Throws if the machine cannot be
 * represented as a table: states that differ from `states`, nested states, guards, eventless or
 * delayed transitions, several candidates for one event, or events missing from `events`.
 *
 * @example
 * ```ts
 * const table = deriveTransitionTable(agentMachine, AGENT_STATES, AGENT_EVENTS);
 * table.offline['agent.loggedIn']; // 'notReady'
 * table.offline['agent.readied']; // undefined: illegal
 * ```
 */
export function deriveTransitionTable<S extends string, E extends string>(
  machine: AnyStateMachine,
  states: readonly S[],
  events: readonly E[],
): TransitionTable<S, E> {
  assertSameStates(machine, states);
  const table = Object.create(null) as Record<S, Partial<Record<E, S>>>;
  for (const state of states) {
    table[state] = Object.freeze(deriveRow(machine, state, states, events));
  }
  return Object.freeze(table);
}

function deriveRow<S extends string, E extends string>(
  machine: AnyStateMachine,
  state: S,
  states: readonly S[],
  events: readonly E[],
): Partial<Record<E, S>> {
  // Tabled machines carry no context: an empty one stands in for whatever the engine holds.
  const snapshot = machine.resolveState({ value: state, context: {} });
  const declared = getNextTransitions(snapshot);
  const row = Object.create(null) as Partial<Record<E, S>>;
  for (const definition of declared) {
    const where = `${machine.id}: '${state}' on '${definition.eventType}'`;
    if (!(events as readonly string[]).includes(definition.eventType)) {
      throw new Error(`${where}: not a declared event (eventless, delayed or wildcard?)`);
    }
    if (definition.guard !== undefined) throw new Error(`${where}: guards cannot be tabled`);
    if (definition.target?.length !== 1) throw new Error(`${where}: needs exactly one target`);
  }
  for (const event of events) {
    const candidates = declared.filter((definition) => definition.eventType === event);
    if (candidates.length === 0) continue;
    if (candidates.length > 1) throw new Error(`${machine.id}: '${state}' has several '${event}'`);
    const [next] = transition(machine, snapshot, { type: event });
    if (typeof next.value !== 'string' || !(states as readonly string[]).includes(next.value)) {
      const reached = JSON.stringify(next.value);
      throw new Error(`${machine.id}: '${state}' on '${event}' reached ${reached}`);
    }
    row[event] = next.value as S;
  }
  return row;
}

function assertSameStates(machine: AnyStateMachine, states: readonly string[]): void {
  const declared = Object.keys(machine.states);
  const same = declared.length === states.length && declared.every((s) => states.includes(s));
  if (!same) {
    throw new Error(`${machine.id}: states [${declared.join(', ')}] != [${states.join(', ')}]`);
  }
  for (const name of declared) {
    if (Object.keys(machine.states[name]?.states ?? {}).length > 0) {
      throw new Error(`${machine.id}: '${name}' is nested; only flat machines can be tabled`);
    }
  }
}

/** Legal contact transitions, derived from {@link contactMachine} once at module load. */
export const contactTransitions: TransitionTable<ContactState, ContactEventType> =
  deriveTransitionTable(contactMachine, CONTACT_STATES, CONTACT_EVENTS);

/** Legal agent presence transitions, derived from {@link agentMachine} once at module load. */
export const agentTransitions: TransitionTable<AgentPresence, AgentEventType> =
  deriveTransitionTable(agentMachine, AGENT_STATES, AGENT_EVENTS);

/** The contact states no event leaves: the final states of {@link contactMachine}. */
export const TERMINAL_CONTACT_STATES: ReadonlySet<ContactState> = new Set(
  CONTACT_STATES.filter((state) => contactMachine.states[state]?.type === 'final'),
);

/**
 * The state a contact in `state` moves to on `event`, or `undefined` if the event is illegal
 * there. One table lookup, for the engine's hot path.
 */
export function nextContactState(
  state: ContactState,
  event: ContactEventType,
): ContactState | undefined {
  return contactTransitions[state]?.[event];
}

/**
 * The presence an agent in `state` moves to on `event`, or `undefined` if the event is illegal
 * there. One table lookup, for the engine's hot path.
 */
export function nextAgentState(
  state: AgentPresence,
  event: AgentEventType,
): AgentPresence | undefined {
  return agentTransitions[state]?.[event];
}
