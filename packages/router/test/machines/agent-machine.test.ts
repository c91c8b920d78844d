import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import {
  AGENT_EVENTS,
  AGENT_STATES,
  agentMachine,
  agentTransitions,
  nextAgentState,
} from '../../src/machines/index.js';
import { askMachine, type ExpectedTable } from './machine-oracle.js';

/** Agent presence as specified, written out independently of the machine. */
const EXPECTED: ExpectedTable = {
  offline: { 'agent.loggedIn': 'notReady' },
  ready: {
    'agent.notReadied': 'notReady',
    'agent.paused': 'notReady',
    'agent.loggedOut': 'offline',
  },
  notReady: {
    'agent.readied': 'ready',
    'agent.notReadied': 'notReady',
    'agent.loggedOut': 'offline',
  },
};

const pairs = AGENT_STATES.flatMap((state) => AGENT_EVENTS.map((event) => [state, event] as const));

describe('agent presence', () => {
  it('declares exactly the specified presences and events, offline first', () => {
    expect(Object.keys(agentMachine.states).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(initialTransition(agentMachine)[0].value).toBe('offline');
    expect(AGENT_STATES[0]).toBe('offline');
    const specifiedEvents = new Set(Object.values(EXPECTED).flatMap((row) => Object.keys(row)));
    expect(new Set(AGENT_EVENTS)).toEqual(specifiedEvents);
  });

  it.each(pairs)('%s on %s: table = specification = machine', (state, event) => {
    const expected = EXPECTED[state]?.[event];
    expect(agentTransitions[state][event]).toBe(expected);
    expect(nextAgentState(state, event)).toBe(expected);
    expect(askMachine(agentMachine, state, event)).toBe(expected);
  });

  it('has no final state: an agent can always log in again', () => {
    for (const value of AGENT_STATES) {
      expect(agentMachine.resolveState({ value, context: {} }).status).toBe('active');
    }
  });

  it('tags logged-in and available presences', () => {
    const tagged = (tag: string) =>
      AGENT_STATES.filter((value) => agentMachine.resolveState({ value, context: {} }).hasTag(tag));
    expect(tagged('loggedIn')).toEqual(['ready', 'notReady']);
    expect(tagged('available')).toEqual(['ready']);
  });
});
