import type { CompiledRequirement } from './compile-requirement.js';
import { describeValue } from './describe-value.js';
import { SkillsError } from './errors.js';
import type { LevelVector } from './levels.js';
import { minimalStep } from './minimal-step.js';
import { isPlainObject } from './plain-object.js';
import type { Requirement } from './requirement.js';

/**
 * A `MembershipIndex` as plain, JSON-ready data: what `MembershipIndex#export` returns and
 * `MembershipIndex.import` takes. It holds the inputs (queue steps, agent levels) and the order
 * of every map of the index, which `import` restores; the steps themselves follow from the
 * inputs. Every list is in the index's iteration order.
 */
export interface MembershipIndexData {
  /** Each queue's steps, as requirement JSON (the compiled steps' `requirement`). */
  readonly queues: ReadonlyArray<readonly [queueId: string, steps: readonly Requirement[]]>;
  /** Each agent's level vector as numbers, by catalogue index (possibly shorter than the catalogue). */
  readonly agents: ReadonlyArray<readonly [agentId: string, levels: readonly number[]]>;
  /** Each agent that is a member of some queue, with the queues it is a member of. */
  readonly memberOf: ReadonlyArray<readonly [agentId: string, queueIds: readonly string[]]>;
  /**
   * Each queue that has members, with its members' ids — left out (`[queueId]`) when they are in
   * the order of `agents`, as they are unless the queue changed after its members were added.
   */
  readonly members: ReadonlyArray<readonly [queueId: string, agentIds?: readonly string[]]>;
}

/** The index's maps, for {@link exportData} and {@link loadData}. */
export interface IndexMaps {
  readonly queues: Map<string, readonly CompiledRequirement[]>;
  readonly agents: Map<string, LevelVector>;
  readonly byAgent: Map<string, Map<string, number>>;
  readonly byQueue: Map<string, Map<string, number>>;
}

/** A `MEMBERSHIP_DATA_INVALID` error naming where in the data the problem is. */
export function membershipDataError(path: string, why: string): SkillsError {
  return new SkillsError('MEMBERSHIP_DATA_INVALID', `${path}: ${why}`);
}

/** The index's maps as data (see {@link MembershipIndexData}). */
export function exportData(m: IndexMaps): MembershipIndexData {
  const usual = usualMembers(m);
  return {
    queues: [...m.queues].map(([queueId, steps]) => [queueId, steps.map((step) => step.requirement)]),
    agents: [...m.agents].map(([agentId, levels]) => [agentId, Array.from(levels)]),
    memberOf: [...m.byAgent].map(([agentId, steps]) => [agentId, [...steps.keys()]]),
    members: [...m.byQueue].map(([queueId, steps]) => (sameOrder(steps, usual.get(queueId)) ? [queueId] : [queueId, [...steps.keys()]])),
  };
}

/**
 * Fills `byAgent` and `byQueue` (empty) from the data, `queues` and `agents` being filled
 * already. Every membership listed must hold (the agent meets a step of the queue), each is
 * listed on both sides, and no id twice; throws `MEMBERSHIP_DATA_INVALID` otherwise. O(memberships).
 */
export function loadData(m: IndexMaps, d: MembershipIndexData): void {
  let pairs = 0;
  d.memberOf.forEach(([agentId, queueIds], i) => {
    const levels = m.agents.get(agentId);
    if (levels === undefined || m.byAgent.has(agentId) || queueIds.length === 0) throw membershipDataError(`memberOf[${i}]`, `agent '${agentId}' is unknown, listed twice or in no queue`);
    const steps = new Map<string, number>();
    for (const queueId of queueIds) {
      const step = minimalStep(m.queues.get(queueId) ?? [], levels);
      if (step < 0 || steps.size === steps.set(queueId, step).size) throw membershipDataError(`memberOf[${i}]`, `agent '${agentId}' is no member of queue '${queueId}', or listed twice`);
    }
    m.byAgent.set(agentId, steps);
    pairs += steps.size;
  });
  const usual = usualMembers(m);
  d.members.forEach(([queueId, agentIds], i) => {
    const steps = agentIds === undefined ? usual.get(queueId) : listedMembers(m, queueId, agentIds, `members[${i}]`);
    if (steps === undefined || m.byQueue.has(queueId)) throw membershipDataError(`members[${i}]`, `queue '${queueId}' has no members or is listed twice`);
    m.byQueue.set(queueId, steps);
    pairs -= steps.size;
  });
  if (pairs !== 0) throw membershipDataError('members', 'does not list every membership of memberOf');
}

/** A queue's members as listed, each checked against `byAgent`. */
function listedMembers(m: IndexMaps, queueId: string, agentIds: readonly string[], path: string): Map<string, number> {
  const steps = new Map<string, number>();
  for (const agentId of agentIds) {
    const step = m.byAgent.get(agentId)?.get(queueId);
    if (step === undefined || steps.size === steps.set(agentId, step).size) throw membershipDataError(path, `agent '${agentId}' is not in memberOf for queue '${queueId}', or listed twice`);
  }
  return steps;
}

/** Each queue's members (agent id → step) in the order of `agents`, from `byAgent`. */
function usualMembers(m: IndexMaps): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const agentId of m.agents.keys()) {
    const steps = m.byAgent.get(agentId);
    if (steps === undefined) continue;
    for (const [queueId, step] of steps) {
      const members = out.get(queueId);
      if (members === undefined) out.set(queueId, new Map([[agentId, step]]));
      else members.set(agentId, step);
    }
  }
  return out;
}

function sameOrder(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number> | undefined): boolean {
  if (b === undefined || a.size !== b.size) return false;
  const other = b.keys();
  for (const key of a.keys()) if (other.next().value !== key) return false;
  return true;
}

/**
 * Checks that untrusted data has the shape of {@link MembershipIndexData}: lists of `[id, …]`
 * entries, levels that are integers 0..255, ids that are strings. Whether it is consistent is
 * for {@link loadData} to check.
 */
export function checkMembershipData(data: unknown): MembershipIndexData {
  if (!isPlainObject(data)) throw membershipDataError('data', `expected an object, got ${describeValue(data)}`);
  const lists = { queues: isList, agents: isLevels, memberOf: isIds, members: (v: unknown) => v === undefined || isIds(v) };
  for (const [key, ok] of Object.entries(lists)) {
    const list = data[key];
    if (!Array.isArray(list)) throw membershipDataError(key, `expected a list, got ${describeValue(list)}`);
    list.forEach((entry: unknown, i) => {
      const fits = Array.isArray(entry) && typeof entry[0] === 'string' && (entry.length === 2 || (key === 'members' && entry.length === 1));
      if (!fits || !ok((entry as unknown[])[1])) throw membershipDataError(`${key}[${i}]`, 'is malformed');
    });
  }
  return data as unknown as MembershipIndexData;
}

const isList = (v: unknown): boolean => Array.isArray(v);

function isIds(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

function isLevels(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const n: unknown = v[i];
    if (typeof n !== 'number' || (n & 255) !== n) return false;
  }
  return true;
}
