/**
 * Lifecycle state machines (contact, agent presence) and the transition tables derived from them:
 * the one source of truth for legal lifecycle transitions.
 *
 * @packageDocumentation
 */
export {
  AGENT_EVENTS,
  AGENT_STATES,
  agentMachine,
  type AgentEvent,
  type AgentEventType,
  type AgentPresence,
} from './agent-machine.js';
export {
  CONTACT_EVENTS,
  CONTACT_STATES,
  contactMachine,
  type ContactEvent,
  type ContactEventType,
  type ContactState,
} from './contact-machine.js';
export {
  TERMINAL_CONTACT_STATES,
  agentTransitions,
  contactTransitions,
  deriveTransitionTable,
  nextAgentState,
  nextContactState,
  type TransitionTable,
} from './transition-table.js';
