import { describe, expect, it } from 'vitest';
import { createMachine, transition } from 'xstate';
import {
  AGENT_EVENTS,
  AGENT_STATES,
  CONTACT_EVENTS,
  CONTACT_STATES,
  agentMachine,
  agentTransitions,
  contactMachine,
  contactTransitions,
  deriveTransitionTable,
  nextAgentState,
  nextContactState,
  type ContactEventType,
  type ContactState,
} from '../../src/machines/index.js';
import { askMachine, seededRandom } from './machine-oracle.js';

const EVENTS = ['x.happened', 'y.happened'] as const;

describe('deriveTransitionTable', () => {
  it('records a legal self-transition and leaves an event without transition absent', () => {
    const machine = createMachine({
      initial: 'a',
      states: { a: { on: { 'x.happened': { target: 'a' } } }, b: {} },
    });
    const snapshot = machine.resolveState({ value: 'a', context: {} });
    // both leave the state value unchanged ...
    expect(transition(machine, snapshot, { type: 'x.happened' })[0].value).toBe('a');
    expect(transition(machine, snapshot, { type: 'y.happened' })[0].value).toBe('a');
    // ... but only one is a transition
    const table = deriveTransitionTable(machine, ['a', 'b'], EVENTS);
    expect(table).toEqual({ a: { 'x.happened': 'a' }, b: {} });
    expect(Object.isFrozen(table) && Object.isFrozen(table.a)).toBe(true);
  });

  const to = (target: string) => ({ target });
  it.each([
    ['a guard', /guards/, { a: { on: { 'x.happened': { ...to('b'), guard: () => true } } } }],
    ['a targetless transition', /one target/, { a: { on: { 'x.happened': { actions: () => {} } } } }],
    ['an eventless transition', /not a declared event/, { a: { always: to('b') } }],
    ['a delayed transition', /not a declared event/, { a: { after: { 1000: to('b') } } }],
    ['an undeclared event', /not a declared event/, { a: { on: { 'z.happened': to('b') } } }],
    ['a wildcard event', /not a declared event/, { a: { on: { '*': to('b') } } }],
    ['two candidates for one event', /several/, { a: { on: { 'x.happened': [to('b'), to('a')] } } }],
    ['a nested state', /nested/, { a: { initial: 'inner', states: { inner: {} } } }],
    ['a state missing from the list', /states \[/, { a: {}, c: {} }],
  ])('refuses a machine with %s', (_, reason, states) => {
    const machine = createMachine({ initial: 'a', states: { b: {}, ...states } } as never);
    expect(() => deriveTransitionTable(machine, ['a', 'b'], EVENTS)).toThrow(reason);
  });

  it('re-derives the exported tables', () => {
    const contact = deriveTransitionTable(contactMachine, CONTACT_STATES, CONTACT_EVENTS);
    const agent = deriveTransitionTable(agentMachine, AGENT_STATES, AGENT_EVENTS);
    expect(contact).toEqual(contactTransitions);
    expect(agent).toEqual(agentTransitions);
  });
});

describe('next-state lookups', () => {
  it('agree with the machine on 100,000 random (state, event) pairs', () => {
    const oracle = new Map<string, string | undefined>();
    for (const state of CONTACT_STATES) {
      for (const event of CONTACT_EVENTS) {
        oracle.set(`${state} ${event}`, askMachine(contactMachine, state, event));
      }
    }
    const random = seededRandom(20240601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let mismatches = 0;
    for (let i = 0; i < 100_000; i++) {
      const state = pick(CONTACT_STATES);
      const event = pick(CONTACT_EVENTS);
      if (nextContactState(state, event) !== oracle.get(`${state} ${event}`)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('answers undefined, never a prototype member, for names that are not declared', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(nextContactState('queued', name as ContactEventType)).toBeUndefined();
      expect(nextContactState(name as ContactState, 'queue.entered')).toBeUndefined();
      expect(nextAgentState('ready', name as never)).toBeUndefined();
    }
  });
});
