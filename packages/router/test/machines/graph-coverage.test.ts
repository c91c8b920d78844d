import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine, type EventObject, type Snapshot } from 'xstate';
import { getPathsFromEvents, getShortestPaths, type StatePath } from 'xstate/graph';
import {
  AGENT_STATES,
  CONTACT_STATES,
  agentMachine,
  agentTransitions,
  contactMachine,
  contactTransitions,
  nextContactState,
  type ContactEvent,
  type ContactState,
  type TransitionTable,
} from '../../src/machines/index.js';

type Path = StatePath<Snapshot<unknown> & { value: unknown }, EventObject>;

const edgeKey = (from: unknown, event: string, to: unknown) =>
  `${JSON.stringify(from)} --${event}--> ${JSON.stringify(to)}`;

function tableEdges(table: TransitionTable<string, string>): Set<string> {
  return new Set(
    Object.entries(table).flatMap(([from, row]) =>
      Object.entries(row).map(([event, to]) => edgeKey(from, event, to)),
    ),
  );
}

/**
 * One shortest path per transition: serializing a snapshot together with the step that reached
 * it makes every (state, event, next state) edge its own vertex, self-loops included.
 */
function transitionCoveringPaths(machine: AnyStateMachine): Path[] {
  return getShortestPaths(machine, {
    serializeState: (snapshot, event, previous) =>
      edgeKey(previous?.value ?? null, event?.type ?? 'start', snapshot.value),
  }) as Path[];
}

/** Replays a path on a live actor; returns the edges it took and the state it ended in. */
function replay(machine: AnyStateMachine, path: Path): { edges: string[]; end: unknown } {
  const actor = createActor(machine).start();
  const edges: string[] = [];
  for (const step of path.steps) {
    if (step.event.type === 'xstate.init') continue;
    const from = actor.getSnapshot().value;
    actor.send(step.event);
    const to = actor.getSnapshot().value;
    expect(to).toEqual(step.state.value);
    edges.push(edgeKey(from, step.event.type, to));
  }
  const end = actor.getSnapshot().value;
  actor.stop();
  return { edges, end };
}

const machines = [
  { name: 'contact', machine: contactMachine, states: CONTACT_STATES, table: contactTransitions },
  { name: 'agent', machine: agentMachine, states: AGENT_STATES, table: agentTransitions },
] as const;

describe.each(machines)('$name machine paths (xstate/graph)', ({ machine, states, table }) => {
  it('reaches every state by a shortest path', () => {
    const reached = getShortestPaths(machine).map((path) => path.state.value);
    expect([...reached].sort()).toEqual([...states].sort());
  });

  it('exercises every edge of the table, and only those, replayed on a live actor', () => {
    const paths = transitionCoveringPaths(machine);
    const exercised = new Set<string>();
    for (const path of paths) {
      const { edges, end } = replay(machine, path);
      expect(end).toEqual(path.state.value);
      for (const edge of edges) exercised.add(edge);
    }
    expect(exercised).toEqual(tableEdges(table));
    expect(paths).toHaveLength(tableEdges(table).size + 1); // + the empty path to the initial state
  });
});

describe('contact scenarios (getPathsFromEvents)', () => {
  const run = (events: ContactEvent['type'][]) => {
    const [path] = getPathsFromEvents(
      contactMachine,
      events.map((type) => ({ type })),
    );
    return path;
  };

  it('follows a call through escalation, a missed offer, a transfer and completion', () => {
    const path = run([
      'queue.entered',
      'step.escalated',
      'offer.reserved',
      'queue.entered', // ring timeout: back to its place
      'offer.reserved',
      'offer.accepted',
      'contact.transferred',
      'queue.overflowed',
      'offer.reserved',
      'offer.accepted',
      'contact.completed',
    ]);
    expect(path?.state.value).toBe('completed');
    expect(path?.state.status).toBe('done');
    // every step was a legal transition (an illegal one would be a silent no-op, see below)
    const steps = path?.steps ?? [];
    for (const [i, step] of steps.entries()) {
      const before = steps[i - 1]?.state.value as ContactState | undefined;
      if (before === undefined) continue;
      expect(nextContactState(before, step.event.type)).toBe(step.state.value);
    }
  });

  it('shows why the table cannot be read off snapshots: an illegal event is a silent no-op', () => {
    // offer.accepted is illegal while queued, yet the snapshot after it is still queued, exactly
    // as after the legal self-transition step.escalated; only the table tells them apart.
    const path = run(['queue.entered', 'offer.accepted', 'step.escalated', 'offer.reserved']);
    const values = path?.steps.map((step) => [step.event.type, step.state.value]);
    expect(values).toEqual([
      ['xstate.init', 'new'],
      ['queue.entered', 'queued'],
      ['offer.accepted', 'queued'],
      ['step.escalated', 'queued'],
      ['offer.reserved', 'reserved'],
    ]);
    expect(contactTransitions.queued['offer.accepted']).toBeUndefined();
    expect(contactTransitions.queued['step.escalated']).toBe('queued');
  });
});
