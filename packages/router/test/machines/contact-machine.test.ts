import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import {
  CONTACT_EVENTS,
  CONTACT_STATES,
  TERMINAL_CONTACT_STATES,
  contactMachine,
  contactTransitions,
  nextContactState,
} from '../../src/machines/index.js';
import { askMachine, type ExpectedTable } from './machine-oracle.js';

/** The contact lifecycle as specified, written out independently of the machine. */
const EXPECTED: ExpectedTable = {
  new: {
    'callback.scheduled': 'scheduled',
    'preferred.waiting': 'preferred',
    'queue.entered': 'queued',
    'offer.reserved': 'reserved',
    'contact.abandoned': 'abandoned',
    'contact.refused': 'refused',
  },
  scheduled: {
    'preferred.waiting': 'preferred',
    'queue.entered': 'queued',
    'offer.reserved': 'reserved',
    'contact.abandoned': 'abandoned',
  },
  preferred: {
    'queue.entered': 'queued',
    'offer.reserved': 'reserved',
    'contact.abandoned': 'abandoned',
    'contact.expired': 'expired',
  },
  queued: {
    'queue.overflowed': 'queued',
    'step.escalated': 'queued',
    'callback.requested': 'queued',
    'offer.reserved': 'reserved',
    'contact.abandoned': 'abandoned',
    'contact.expired': 'expired',
    'contact.refused': 'refused',
  },
  reserved: {
    'preferred.waiting': 'preferred',
    'queue.entered': 'queued',
    'offer.accepted': 'active',
    'contact.abandoned': 'abandoned',
  },
  active: {
    'contact.transferred': 'queued',
    'contact.completed': 'completed',
  },
  completed: {},
  abandoned: {},
  expired: {},
  refused: {},
};

const FINAL = ['completed', 'abandoned', 'expired', 'refused'];

const pairs = CONTACT_STATES.flatMap((state) =>
  CONTACT_EVENTS.map((event) => [state, event] as const),
);

describe('contact lifecycle', () => {
  it('declares exactly the specified states and events, initial state first', () => {
    expect([...CONTACT_STATES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(contactMachine.states).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(initialTransition(contactMachine)[0].value).toBe('new');
    expect(CONTACT_STATES[0]).toBe('new');
    const specifiedEvents = new Set(Object.values(EXPECTED).flatMap((row) => Object.keys(row)));
    expect(new Set(CONTACT_EVENTS)).toEqual(specifiedEvents);
  });

  it.each(pairs)('%s on %s: table = specification = machine', (state, event) => {
    const expected = EXPECTED[state]?.[event];
    expect(contactTransitions[state][event]).toBe(expected);
    expect(nextContactState(state, event)).toBe(expected);
    expect(askMachine(contactMachine, state, event)).toBe(expected);
  });

  it('has exactly as many table entries as the specification (27 legal transitions)', () => {
    const count = (table: ExpectedTable) =>
      Object.values(table).reduce((n, row) => n + Object.keys(row).length, 0);
    expect(count(contactTransitions)).toBe(27);
    expect(count(EXPECTED)).toBe(27);
  });

  describe('final states', () => {
    it('are exactly completed, abandoned, expired and refused', () => {
      expect([...TERMINAL_CONTACT_STATES].sort()).toEqual([...FINAL].sort());
    });

    it.each(FINAL)('no event leaves %s', (state) => {
      const snapshot = contactMachine.resolveState({ value: state, context: {} });
      expect(snapshot.status).toBe('done');
      expect(snapshot.hasTag('terminal')).toBe(true);
      for (const event of CONTACT_EVENTS) {
        expect(nextContactState(state as never, event)).toBeUndefined();
        expect(snapshot.can({ type: event })).toBe(false);
        const [next] = transition(contactMachine, snapshot, { type: event });
        expect(next.value).toBe(state);
      }
    });
  });

  it('tags waiting, assigned and terminal states', () => {
    const tagged = (tag: string) =>
      CONTACT_STATES.filter((value) =>
        contactMachine.resolveState({ value, context: {} }).hasTag(tag),
      );
    expect(tagged('waiting')).toEqual(['preferred', 'queued']);
    expect(tagged('assigned')).toEqual(['reserved', 'active']);
    expect(tagged('terminal')).toEqual(FINAL);
  });
});
