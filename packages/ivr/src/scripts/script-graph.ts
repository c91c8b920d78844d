import type { ScriptDefinition } from './script-definition.js';
import { landOn, stepExits } from './script-steps.js';
import { Problems, join } from './validation-kit.js';

/** A script as a directed graph: each step id's successors, and the start. */
interface StepGraph {
  readonly start: string | undefined;
  readonly successors: ReadonlyMap<string, readonly string[]>;
}

/**
 * Records the graph problems of a well-formed script (every target exists): no closing step,
 * steps unreachable from the start, and steps from which no closing step can be reached — both
 * as written and with offers skipped, where a skipped offer goes to its `next` or `decline`
 * target (a chain of skipped offers that loops is a problem too).
 */
export function checkScriptGraph(def: ScriptDefinition, problems: Problems): void {
  const ends = Object.keys(def.steps).filter((id) => def.steps[id]?.end === true);
  if (ends.length === 0) problems.add('steps', 'no closing step (end: true)');
  const full = graphOf(def, true, problems);
  const reachable = reachableFrom(full);
  for (const id of Object.keys(def.steps)) {
    if (!reachable.has(id)) problems.add(join('steps', id), 'is unreachable from the start step');
  }
  const stuck = cannotEnd(full, reachable, ends);
  for (const id of stuck) problems.add(join('steps', id), 'can never reach a closing step');
  const suppressed = graphOf(def, false, problems);
  for (const id of cannotEnd(suppressed, reachableFrom(suppressed), ends)) {
    if (!stuck.includes(id)) problems.add(join('steps', id), 'can never reach a closing step when offers are skipped');
  }
}

function graphOf(def: ScriptDefinition, offersAllowed: boolean, problems: Problems): StepGraph {
  const land = (target: string) => {
    const { stepId, skipped } = landOn(def, target, offersAllowed);
    if (stepId === undefined) problems.add(join('steps', skipped[0] ?? target), 'skipped offers lead back to themselves');
    return stepId;
  };
  const successors = new Map<string, string[]>();
  for (const [id, step] of Object.entries(def.steps)) {
    if (!offersAllowed && step.phase === 'offer') continue;
    successors.set(id, stepExits(step).flatMap(({ target }) => land(target) ?? []));
  }
  return { start: land(def.start), successors };
}

function reachableFrom(graph: StepGraph): Set<string> {
  const seen = new Set<string>();
  const stack = graph.start === undefined ? [] : [graph.start];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.successors.get(id) ?? []));
  }
  return seen;
}

/** The reachable steps from which no step in `ends` can be reached, in graph order. */
function cannotEnd(graph: StepGraph, reachable: ReadonlySet<string>, ends: readonly string[]): string[] {
  const canEnd = new Set(ends.filter((id) => graph.successors.has(id)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, next] of graph.successors) {
      if (canEnd.has(id) || !next.some((target) => canEnd.has(target))) continue;
      canEnd.add(id);
      grew = true;
    }
  }
  return [...graph.successors.keys()].filter((id) => reachable.has(id) && !canEnd.has(id));
}
