import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { DEMO_SCRIPTS, scriptMachine, type ScriptDefinition } from '../../src/scripts/index.js';

const valued = DEMO_SCRIPTS.find((def) => def.id === 'lost-ticket-valued') as ScriptDefinition;

describe('scriptMachine', () => {
  it('has one state per step, closing steps final, each carrying its phase as tag and meta', () => {
    const machine = scriptMachine(valued);
    expect(machine.id).toBe('lost-ticket-valued');
    expect(Object.keys(machine.states).sort()).toEqual(Object.keys(valued.steps).sort());
    expect(machine.states['close']?.type).toBe('final');
    expect(machine.states['verify']?.type).toBe('atomic');
    expect(machine.states['upgrade']?.meta).toEqual({ phase: 'offer', say: valued.steps['upgrade']?.say });
    expect(machine.states['upgrade']?.tags).toEqual(['offer']);
  });

  it('runs on a live actor with answer.<id> and next events', () => {
    const actor = createActor(scriptMachine(valued)).start();
    for (const type of ['next', 'answer.ok', 'next', 'answer.accept', 'next', 'answer.received'] as const) actor.send({ type });
    expect(actor.getSnapshot().value).toBe('close');
    expect(actor.getSnapshot().status).toBe('done');
    actor.stop();
  });

  it('leaves offer steps out and wires their skip in when offers are not allowed', () => {
    const machine = scriptMachine(valued, { offersAllowed: false });
    expect(Object.keys(machine.states)).not.toContain('upgrade');
    expect(machine.states['find-ticket']?.on['next']?.[0]?.target?.[0]?.key).toBe('send-ticket');
  });
});
