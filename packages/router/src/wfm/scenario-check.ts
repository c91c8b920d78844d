import { RoutingEngine } from '../core/routing-engine.js';
import { ManualClock } from '../core/clock.js';
import { isRoutingError } from '../core/errors.js';
import type { AgentConfig } from '../core/config.js';
import { failAt, isObject, knownKeys, list, num, obj, optNum, str } from './checks.js';
import { distributionOf } from './distributions.js';
import type { AgentGroup, ArrivalSpec, ContactType, RoutingSetup, ShiftWindow, SimScenario } from './scenario.js';
import { WfmError } from './wfm-errors.js';

const CODE = 'SCENARIO_INVALID';
const WEEK_MIN = 7 * 24 * 60;
/** The largest scenario accepted: a week of 15-minute intervals, 20,000 agents. */
export const SCENARIO_LIMITS = { intervals: 7 * 96, agentsPerGroup: 10_000, agents: 20_000, contactTypes: 2_000, valueTiers: 64, recorded: 5_000_000 } as const;

function shiftsOf(v: unknown, path: string): ShiftWindow[] | undefined {
  if (v === undefined) return undefined;
  return list(v, path, 16, CODE).map((s, i) => {
    const o = obj(s, `${path}[${i}]`, CODE);
    knownKeys(o, ['startMinute', 'endMinute'], `${path}[${i}]`, CODE);
    const startMinute = num(o.startMinute, `${path}[${i}].startMinute`, { min: -WEEK_MIN, max: WEEK_MIN }, CODE);
    const endMinute = num(o.endMinute, `${path}[${i}].endMinute`, { above: startMinute, max: 2 * WEEK_MIN }, CODE);
    return { startMinute, endMinute };
  });
}

function groupOf(v: unknown, path: string): AgentGroup {
  const g = obj(v, path, CODE);
  knownKeys(g, ['id', 'count', 'skills', 'capacity', 'maxPerChannel', 'shifts'], path, CODE);
  if (!isObject(g.skills)) failAt(CODE, `${path}.skills`, 'must be an object of skill -> level');
  const shifts = shiftsOf(g.shifts, `${path}.shifts`);
  return {
    id: str(g.id, `${path}.id`, CODE),
    count: num(g.count, `${path}.count`, { min: 0, max: SCENARIO_LIMITS.agentsPerGroup, integer: true }, CODE),
    skills: g.skills as AgentGroup['skills'],
    ...(g.capacity === undefined ? {} : { capacity: g.capacity as number }),
    ...(g.maxPerChannel === undefined ? {} : { maxPerChannel: g.maxPerChannel as Record<string, number> }),
    ...(shifts === undefined ? {} : { shifts }),
  };
}

function arrivalsOf(v: unknown, path: string, intervals: number): ArrivalSpec {
  const a = obj(v, path, CODE);
  const keys = Object.keys(a);
  if (keys.length !== 1) failAt(CODE, path, 'must have exactly one of perInterval, perHour, recorded');
  if (a.perHour !== undefined) return { perHour: num(a.perHour, `${path}.perHour`, { min: 0, max: 1e7 }, CODE) };
  if (a.perInterval !== undefined) {
    const counts = list(a.perInterval, `${path}.perInterval`, intervals, CODE);
    if (counts.length !== intervals) failAt(CODE, `${path}.perInterval`, `must have one count per interval (${intervals}, got ${counts.length})`);
    return { perInterval: counts.map((c, i) => num(c, `${path}.perInterval[${i}]`, { min: 0, max: 1e7 }, CODE)) };
  }
  if (a.recorded !== undefined) {
    const times = list(a.recorded, `${path}.recorded`, SCENARIO_LIMITS.recorded, CODE);
    return { recorded: times.map((t, i) => num(t, `${path}.recorded[${i}]`, { min: 0, max: 2 * WEEK_MIN * 60 }, CODE)) };
  }
  return failAt(CODE, `${keys[0] ?? path}`, 'is not one of perInterval, perHour, recorded');
}

function tiersOf(v: unknown, path: string): Record<string, number> | undefined {
  if (v === undefined) return undefined;
  const t = obj(v, path, CODE);
  const count = Object.keys(t).length;
  if (count > SCENARIO_LIMITS.valueTiers) failAt(CODE, path, `must list at most ${SCENARIO_LIMITS.valueTiers} tiers (got ${count})`);
  let sum = 0;
  for (const [k, share] of Object.entries(t)) {
    str(k, `${path} key`, CODE);
    if (k === 'none') failAt(CODE, `${path}.none`, "is implied (contacts without a tier); list the tiers only");
    sum += num(share, `${path}.${k}`, { min: 0, max: 1 }, CODE);
  }
  if (sum > 1 + 1e-9) failAt(CODE, path, `shares must add up to at most 1 (got ${sum})`);
  return t as Record<string, number>;
}

function contactTypeOf(v: unknown, path: string, intervals: number): ContactType {
  const c = obj(v, path, CODE);
  knownKeys(c, ['id', 'queueId', 'arrivals', 'handleTime', 'patience', 'valueTiers', 'reason'], path, CODE);
  const tiers = tiersOf(c.valueTiers, `${path}.valueTiers`);
  return {
    id: str(c.id, `${path}.id`, CODE),
    queueId: str(c.queueId, `${path}.queueId`, CODE),
    arrivals: arrivalsOf(c.arrivals, `${path}.arrivals`, intervals),
    handleTime: distributionOf(c.handleTime, `${path}.handleTime`, CODE, 1),
    ...(c.patience === undefined ? {} : { patience: distributionOf(c.patience, `${path}.patience`, CODE) }),
    ...(tiers === undefined ? {} : { valueTiers: tiers }),
    ...(c.reason === undefined ? {} : { reason: str(c.reason, `${path}.reason`, CODE) }),
  };
}

/** The engine's agent configurations for the groups (`<group>-<n>`). */
export function agentConfigs(groups: readonly AgentGroup[]): AgentConfig[] {
  const out: AgentConfig[] = [];
  for (const g of groups) {
    for (let n = 1; n <= g.count; n++) {
      out.push({
        id: `${g.id}-${n}`, skills: g.skills, team: g.id,
        ...(g.capacity === undefined ? {} : { capacity: g.capacity }),
        ...(g.maxPerChannel === undefined ? {} : { maxPerChannel: g.maxPerChannel }),
      });
    }
  }
  return out;
}

/** Validates a routing setup; the engine itself checks the domain and the agents' skills. */
export function checkSetup(v: Record<string, unknown>, path: string): RoutingSetup {
  const domain = obj(v.domain, `${path}domain`, CODE);
  if (domain.agents !== undefined) failAt(CODE, `${path}domain.agents`, 'is not used: list agents as groups in agents');
  const groups = list(v.agents, `${path}agents`, 1_000, CODE).map((g, i) => groupOf(g, `${path}agents[${i}]`));
  const ids = new Set<string>();
  let total = 0;
  for (const [i, g] of groups.entries()) {
    if (ids.has(g.id)) failAt(CODE, `${path}agents[${i}].id`, `repeats '${g.id}'`);
    ids.add(g.id);
    total += g.count;
  }
  if (total > SCENARIO_LIMITS.agents) failAt(CODE, `${path}agents`, `must hold at most ${SCENARIO_LIMITS.agents} agents in all (got ${total})`);
  const ringDelay = v.ringDelay === undefined ? undefined : distributionOf(v.ringDelay, `${path}ringDelay`, CODE);
  const setup: RoutingSetup = { domain: domain as RoutingSetup['domain'], agents: groups, ...(ringDelay === undefined ? {} : { ringDelay }) };
  try {
    RoutingEngine.create({ ...setup.domain, agents: agentConfigs(groups) }, { clock: new ManualClock(0), trace: false });
  } catch (e) {
    if (isRoutingError(e)) throw new WfmError(CODE, `${path}domain / ${path}agents: ${e.message}`, { cause: e });
    throw e;
  }
  return setup;
}

/** Throws unless every contact type's queue is defined by the setup. */
export function checkQueues(types: readonly ContactType[], setup: RoutingSetup, path: string): void {
  const queues = new Set((setup.domain.queues ?? []).map((q) => q.id));
  types.forEach((t, i) => {
    if (!queues.has(t.queueId)) failAt(CODE, `contactTypes[${i}].queueId`, `names no queue of ${path}domain ('${t.queueId}')`);
  });
}

/**
 * Validates a scenario (as parsed from JSON) and fills in its defaults. Every problem is a
 * SCENARIO_INVALID naming the path of the offending field.
 */
export function checkScenario(v: unknown): SimScenario {
  const s = obj(v, 'scenario', CODE);
  knownKeys(s, ['seed', 'intervalMinutes', 'intervals', 'warmUpMinutes', 'domain', 'agents', 'contactTypes', 'ringDelay', 'description'], '', CODE);
  const intervalMinutes = optNum(s.intervalMinutes, 30, 'intervalMinutes', {}, CODE);
  if (intervalMinutes !== 15 && intervalMinutes !== 30 && intervalMinutes !== 60) failAt(CODE, 'intervalMinutes', 'must be 15, 30 or 60');
  const intervals = num(s.intervals, 'intervals', { min: 1, max: SCENARIO_LIMITS.intervals, integer: true }, CODE);
  const setup = checkSetup(s, '');
  const types = list(s.contactTypes, 'contactTypes', SCENARIO_LIMITS.contactTypes, CODE).map((t, i) => contactTypeOf(t, `contactTypes[${i}]`, intervals));
  if (types.length === 0) failAt(CODE, 'contactTypes', 'must list at least one contact type');
  const tiers = new Set(types.flatMap((t) => Object.keys(t.valueTiers ?? {})));
  if (tiers.size > SCENARIO_LIMITS.valueTiers) failAt(CODE, 'contactTypes', `must name at most ${SCENARIO_LIMITS.valueTiers} value tiers in all (got ${tiers.size})`);
  const typeIds = new Set<string>();
  types.forEach((t, i) => {
    if (typeIds.has(t.id)) failAt(CODE, `contactTypes[${i}].id`, `repeats '${t.id}'`);
    typeIds.add(t.id);
  });
  checkQueues(types, setup, '');
  return {
    ...setup, intervals, intervalMinutes, contactTypes: types,
    seed: optNum(s.seed, 1, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true }, CODE),
    warmUpMinutes: optNum(s.warmUpMinutes, 0, 'warmUpMinutes', { min: 0, max: WEEK_MIN }, CODE),
  };
}

/** Contacts the scenario's traffic is expected to bring, warm-up included (for size limits). */
export function expectedContacts(s: SimScenario): number {
  const hours = (s.intervals * s.intervalMinutes + s.warmUpMinutes) / 60;
  let n = 0;
  for (const t of s.contactTypes) {
    const a = t.arrivals;
    if ('perHour' in a) n += a.perHour * hours;
    else if ('perInterval' in a) n += a.perInterval.reduce((x, y) => x + y, 0) + ((a.perInterval[0] ?? 0) * s.warmUpMinutes) / s.intervalMinutes;
    else n += a.recorded.length;
  }
  return n;
}
