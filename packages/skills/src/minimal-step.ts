import type { CompiledRequirement } from './compile-requirement.js';
import type { LevelVector } from './levels.js';

/**
 * The first step whose requirement the agent meets, or -1. Steps are cumulative (a bullseye):
 * an agent that qualifies at step k is in the pool of every step from k on, so this one number
 * is its whole membership of the queue.
 */
export function minimalStep(steps: readonly CompiledRequirement[], levels: LevelVector): number {
  for (let k = 0; k < steps.length; k++) if (steps[k]!.matches(levels)) return k;
  return -1;
}
