import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  DEMO_SCRIPTS,
  currentStep,
  scriptMachine,
  startScript,
  stepExits,
  stepScript,
  type ScriptDefinition,
  type ScriptRun,
} from '../../src/scripts/index.js';

/** Every complete run of `def` found by trying every answer with stepScript: its events, and the steps and edges it used. */
function explore(def: ScriptDefinition, offersAllowed: boolean) {
  const runs: string[][] = [];
  const steps = new Set<string>();
  const edges = new Set<string>();
  const visit = (run: ScriptRun, events: string[]) => {
    const step = currentStep(def, run);
    if (step === undefined || run.stepId === undefined) return;
    steps.add(run.stepId);
    if (step.end === true) runs.push(events);
    for (const exit of stepExits(step)) {
      edges.add(`${run.stepId} ${exit.event}`);
      visit(stepScript(def, run, exit.answer, events.length + 1), [...events, exit.event]);
    }
  };
  visit(startScript(def, offersAllowed, 0), []);
  return { runs, steps, edges };
}

const cases = DEMO_SCRIPTS.flatMap((def) => [true, false].map((offersAllowed) => ({ id: def.id, def, offersAllowed })));

describe.each(cases)('paths of demo script $id with offersAllowed $offersAllowed (@xstate/graph)', ({ def, offersAllowed }) => {
  const machine = scriptMachine(def, { offersAllowed });
  const complete = getSimplePaths(machine, { toState: (state) => state.status === 'done' });
  const eventsOf = (path: (typeof complete)[number]) => path.steps.slice(1).map((s) => s.event.type); // steps[0] is xstate.init

  it('reaches every step the run can land on, and no offer step when offers are not allowed', () => {
    const reached = getShortestPaths(machine).map((path) => path.state.value as string);
    expect([...reached].sort()).toEqual([...explore(def, offersAllowed).steps].sort());
    const offerReached = reached.some((id) => def.steps[id]?.phase === 'offer');
    expect(offerReached).toBe(offersAllowed && Object.values(def.steps).some((step) => step.phase === 'offer'));
    expect(getShortestPaths(machine).some((path) => path.state.hasTag('offer'))).toBe(offerReached);
  });

  it('has complete paths that end in a final state on a closing step and together take every edge', () => {
    expect(complete.length).toBeGreaterThan(0);
    const taken = new Set<string>();
    for (const path of complete) {
      expect(path.state.status).toBe('done');
      expect(def.steps[path.state.value as string]?.end).toBe(true);
      // a step holds the event and the state it led to, so an edge starts at the previous step's state
      path.steps.slice(1).forEach((step, i) => taken.add(`${path.steps[i]?.state.value as string} ${step.event.type}`));
    }
    expect(taken).toEqual(explore(def, offersAllowed).edges);
  });

  it('every simple path can be completed: from each state a closing step is reachable', () => {
    for (const path of getSimplePaths(machine)) {
      const from = path.state.value as string;
      const onward = getShortestPaths(machine, { fromState: path.state, toState: (state) => state.status === 'done' });
      expect(onward.length, `no way to an end from ${from}`).toBeGreaterThan(0);
    }
  });

  it('agrees with stepScript: the same complete runs, each replayed to done', () => {
    const machineRuns = complete.map(eventsOf);
    expect(machineRuns.map((e) => e.join(' ')).sort()).toEqual(explore(def, offersAllowed).runs.map((e) => e.join(' ')).sort());
    for (const events of machineRuns) {
      let run = startScript(def, offersAllowed, 0);
      for (const [i, event] of events.entries()) run = stepScript(def, run, event === 'next' ? undefined : event.slice('answer.'.length), i + 1);
      run = stepScript(def, run, undefined, events.length + 1);
      expect(run.done).toBe(true);
    }
  });
});
