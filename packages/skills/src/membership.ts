import type { SkillCatalogue } from './catalogue.js';
import { type CompiledRequirement, compileRequirement } from './compile-requirement.js';
import type { LevelVector } from './levels.js';
import { checkMembershipData, exportData, loadData, membershipDataError, type IndexMaps, type MembershipIndexData } from './membership-data.js';
import { minimalStep } from './minimal-step.js';
import type { RequirementInput } from './requirement.js';

/** An agent's minimal step in a queue went from `from` to `to` (-1 = not a member). */
export interface MembershipChange {
  readonly agentId: string;
  readonly queueId: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Which (queue, step) pools each agent belongs to, kept up to date incrementally: a queue
 * change recomputes that queue's members only, an agent change that agent's queues only
 * (O(queues)). Every write returns the real changes (`from !== to`), in agent (for queue
 * writes) or queue (for agent writes) insertion order, for the router to move agents between
 * pools. Reads return snapshots.
 *
 * @example
 * ```ts
 * const index = new MembershipIndex(catalogue);
 * index.setQueue('sales', ['sales>=4', 'sales>=2', 'sales | support>=3']);
 * index.setAgent('a1', toLevelVector(catalogue, { sales: 3 }));
 * // -> [{ agentId: 'a1', queueId: 'sales', from: -1, to: 1 }]
 * index.stepOf('a1', 'sales'); // 1: in the pools of steps 1 and 2
 * ```
 *
 * {@link MembershipIndex.export} and {@link MembershipIndex.import} turn an index into plain
 * data and back, iteration order included (for snapshots of a router's state).
 */
export class MembershipIndex {
  readonly #catalogue: SkillCatalogue;
  readonly #queues = new Map<string, readonly CompiledRequirement[]>();
  readonly #agents = new Map<string, LevelVector>();
  readonly #byAgent = new Map<string, Map<string, number>>();
  readonly #byQueue = new Map<string, Map<string, number>>();

  constructor(catalogue: SkillCatalogue) {
    this.#catalogue = catalogue;
  }

  /**
   * Rebuilds an index from {@link MembershipIndex.export}'s data, against `catalogue` (the one
   * the exported index used, or one that extends it): requirements are compiled again, steps
   * recomputed for the memberships listed, and every map filled in the exported order. Throws
   * what `compileRequirement` throws for a requirement, and `MEMBERSHIP_DATA_INVALID` for data
   * that is malformed or inconsistent (an id listed twice, an agent listed in a queue it does
   * not qualify for, a membership on one side only). O(queues + agents + memberships): it
   * trusts that no membership was left out of both sides.
   */
  static import(catalogue: SkillCatalogue, data: unknown): MembershipIndex {
    const d = checkMembershipData(data);
    const index = new MembershipIndex(catalogue);
    const m = index.#maps();
    d.queues.forEach(([queueId, steps], i) => {
      if (m.queues.has(queueId)) throw membershipDataError(`queues[${i}]`, `queue '${queueId}' is listed twice`);
      m.queues.set(queueId, Object.freeze(steps.map((step) => compileRequirement(catalogue, step))));
    });
    d.agents.forEach(([agentId, levels], i) => {
      if (m.agents.has(agentId)) throw membershipDataError(`agents[${i}]`, `agent '${agentId}' is listed twice`);
      m.agents.set(agentId, Uint8Array.from(levels));
    });
    loadData(m, d);
    return index;
  }

  /** The catalogue requirements and level vectors are read against. */
  get catalogue(): SkillCatalogue {
    return this.#catalogue;
  }

  /**
   * The whole index as plain JSON-ready data, every map in iteration order; a copy (later
   * writes do not change it). {@link MembershipIndex.import} turns it back into an index.
   */
  export(): MembershipIndexData {
    return exportData(this.#maps());
  }

  #maps(): IndexMaps {
    return { queues: this.#queues, agents: this.#agents, byAgent: this.#byAgent, byQueue: this.#byQueue };
  }

  /** Adds or replaces a queue's steps. All steps compile before anything changes (throws like `compileRequirement`). */
  setQueue(queueId: string, steps: readonly RequirementInput[]): MembershipChange[] {
    const compiled = Object.freeze(steps.map((step) => compileRequirement(this.#catalogue, step)));
    this.#queues.set(queueId, compiled);
    const changes: MembershipChange[] = [];
    for (const [agentId, levels] of this.#agents) this.#place(agentId, queueId, minimalStep(compiled, levels), changes);
    return changes;
  }

  /** Removes a queue; every member leaves it. */
  removeQueue(queueId: string): MembershipChange[] {
    if (!this.#queues.delete(queueId)) return [];
    const changes: MembershipChange[] = [];
    for (const agentId of [...(this.#byQueue.get(queueId)?.keys() ?? [])]) this.#place(agentId, queueId, -1, changes);
    this.#byQueue.delete(queueId);
    return changes;
  }

  /** Adds or replaces an agent's levels (the vector is copied) and recomputes its memberships. */
  setAgent(agentId: string, levels: LevelVector): MembershipChange[] {
    const copy = levels.slice();
    this.#agents.set(agentId, copy);
    const changes: MembershipChange[] = [];
    for (const [queueId, steps] of this.#queues) this.#place(agentId, queueId, minimalStep(steps, copy), changes);
    return changes;
  }

  /** Removes an agent; it leaves every queue. */
  removeAgent(agentId: string): MembershipChange[] {
    if (!this.#agents.delete(agentId)) return [];
    const changes: MembershipChange[] = [];
    for (const queueId of [...(this.#byAgent.get(agentId)?.keys() ?? [])]) this.#place(agentId, queueId, -1, changes);
    this.#byAgent.delete(agentId);
    return changes;
  }

  /** The agent's minimal step in the queue, -1 when not a member (or either is unknown). */
  stepOf(agentId: string, queueId: string): number {
    return this.#byAgent.get(agentId)?.get(queueId) ?? -1;
  }

  /** Snapshot: queue id -> minimal step, for the queues the agent is a member of. */
  memberships(agentId: string): ReadonlyMap<string, number> {
    return new Map(this.#byAgent.get(agentId));
  }

  /** Snapshot: agent id -> minimal step, for the queue's members. */
  members(queueId: string): ReadonlyMap<string, number> {
    return new Map(this.#byQueue.get(queueId));
  }

  /** The queue's compiled steps, or `undefined` for an unknown queue. */
  queueSteps(queueId: string): readonly CompiledRequirement[] | undefined {
    return this.#queues.get(queueId);
  }

  /** Records `agentId`'s step in `queueId` in both directions, noting a change if there is one. */
  #place(agentId: string, queueId: string, to: number, changes: MembershipChange[]): void {
    const from = this.stepOf(agentId, queueId);
    if (from === to) return;
    changes.push({ agentId, queueId, from, to });
    if (to < 0) {
      removeEntry(this.#byAgent, agentId, queueId);
      removeEntry(this.#byQueue, queueId, agentId);
    } else {
      setEntry(this.#byAgent, agentId, queueId, to);
      setEntry(this.#byQueue, queueId, agentId, to);
    }
  }
}

function setEntry(index: Map<string, Map<string, number>>, outer: string, inner: string, step: number): void {
  const map = index.get(outer);
  if (map === undefined) index.set(outer, new Map([[inner, step]]));
  else map.set(inner, step);
}

function removeEntry(index: Map<string, Map<string, number>>, outer: string, inner: string): void {
  const map = index.get(outer);
  if (map === undefined) return;
  map.delete(inner);
  if (map.size === 0) index.delete(outer);
}
