import { setup } from 'xstate';

/** Every presence an agent can have, initial presence first. */
export const AGENT_STATES = ['offline', 'ready', 'notReady'] as const;

/**
 * An agent's presence (see {@link agentMachine}). Reserved, busy and wrap-up are not presences:
 * the engine derives them from the agent's assignments.
 */
export type AgentPresence = (typeof AGENT_STATES)[number];

/** Every event type the agent presence machine knows: dotted, past tense. */
export const AGENT_EVENTS = [
  'agent.loggedIn',
  'agent.readied',
  'agent.notReadied',
  'agent.paused',
  'agent.loggedOut',
] as const;

/** The type of an agent presence event. */
export type AgentEventType = (typeof AGENT_EVENTS)[number];

/** An agent presence event. Events carry no payload (the not-ready reason lives in the engine). */
export type AgentEvent = { [K in AgentEventType]: { type: K } }[AgentEventType];

/**
 * Agent presence: the one source of truth for which (presence, event) pairs are legal.
 *
 * No guards and no context: the target depends on (presence, event) alone, so the engine uses
 * the table derived from it (`agentTransitions` in `transition-table.ts`).
 *
 * ```
 *                agent.loggedIn                   agent.notReadied
 *   offline -----------------------> notReady ------------+ (reason changed)
 *    ^  ^                            | |  ^  ^            |
 *    |  +----- agent.loggedOut ------+ |  |  +------------+
 *    |                                 |  |
 *    |                   agent.readied |  | agent.notReadied,
 *    |                                 v  | agent.paused (missed offers)
 *    +-------- agent.loggedOut ------- ready
 * ```
 *
 * Tags: `loggedIn` (ready, notReady), `available` (ready).
 *
 * `notReady -> notReady` on `agent.notReadied` is a legal self-transition (a reason change); it
 * has an explicit target so that it is told apart from events that have no transition.
 *
 * @example
 * ```ts
 * const actor = createActor(agentMachine).start();
 * actor.send({ type: 'agent.loggedIn' });
 * actor.send({ type: 'agent.readied' });
 * actor.getSnapshot().hasTag('available'); // true
 * ```
 */
export const agentMachine = setup({
  types: {
    events: {} as AgentEvent,
  },
}).createMachine({
  id: 'agent',
  initial: 'offline',
  states: {
    offline: {
      on: {
        'agent.loggedIn': { target: 'notReady' },
      },
    },
    ready: {
      tags: ['loggedIn', 'available'],
      on: {
        'agent.notReadied': { target: 'notReady' },
        'agent.paused': { target: 'notReady' },
        'agent.loggedOut': { target: 'offline' },
      },
    },
    notReady: {
      tags: ['loggedIn'],
      on: {
        'agent.readied': { target: 'ready' },
        'agent.notReadied': { target: 'notReady' },
        'agent.loggedOut': { target: 'offline' },
      },
    },
  },
});
