import { agentsRequired } from './agents-required.js';
import { failAt, knownKeys, list, num, obj, optNum, str } from './checks.js';
import type { QueueMetrics } from './queue-metrics.js';

/** One skill group's forecast and target. */
export interface StaffingGroupInput {
  readonly id: string;
  /** Expected contacts per interval. */
  readonly forecast: readonly number[];
  readonly ahtSeconds: number;
  /** Mean caller patience: staffing by Erlang A; absent, Erlang C. */
  readonly patienceSeconds?: number;
  readonly targetServiceLevel: number;
  readonly thresholdSeconds: number;
  readonly maxOccupancy?: number;
  readonly maxAbandonment?: number;
}

/** The groups' forecasts and targets, the interval length and the shrinkage. */
export interface StaffingPlanInput {
  readonly intervalMinutes: 15 | 30 | 60;
  readonly groups: readonly StaffingGroupInput[];
  /** Share of paid time agents are not on the phones (breaks, meetings, training, absence), in [0, 0.9). */
  readonly shrinkage?: number;
}

/** Agents per interval for one skill group. */
export interface GroupPlan {
  readonly id: string;
  /** Agents needed on the phones (the formula's answer). */
  readonly required: readonly number[];
  /** Agents to schedule: required / (1 − shrinkage), rounded up. */
  readonly scheduled: readonly number[];
  /** Predicted KPIs at the required staffing (null with no traffic). */
  readonly metrics: ReadonlyArray<QueueMetrics | null>;
  /** Intervals where even the most agents allowed miss the target. */
  readonly unreachable: readonly number[];
}

/** Agents per interval for each group and in all. */
export interface StaffingPlan {
  readonly intervalMinutes: number;
  readonly shrinkage: number;
  readonly groups: readonly GroupPlan[];
  readonly total: { readonly required: readonly number[]; readonly scheduled: readonly number[] };
}

const GROUP_KEYS = ['id', 'forecast', 'ahtSeconds', 'patienceSeconds', 'targetServiceLevel', 'thresholdSeconds', 'maxOccupancy', 'maxAbandonment'];

function planGroup(v: unknown, path: string, intervalMinutes: number, shrinkage: number, intervals: number | undefined): GroupPlan {
  const g = obj(v, path);
  knownKeys(g, GROUP_KEYS, path);
  const id = str(g.id, `${path}.id`);
  const staffing = (count: number) => agentsRequired({ ...(g as object), callsPerHour: (count * 60) / intervalMinutes } as never, path);
  staffing(0); // the targets are checked whatever the forecast holds
  const counts = list(g.forecast, `${path}.forecast`, 7 * 96).map((c, i) => num(c, `${path}.forecast[${i}]`, { min: 0, max: 1e6 }));
  if (intervals !== undefined && counts.length !== intervals) failAt('WFM_INPUT_INVALID', `${path}.forecast`, `must have ${intervals} intervals like the first group (got ${counts.length})`);
  const required: number[] = [];
  const metrics: Array<QueueMetrics | null> = [];
  const unreachable: number[] = [];
  counts.forEach((count, i) => {
    const out = staffing(count);
    required.push(out.agents);
    metrics.push(count === 0 ? null : out.metrics);
    if (out.kind === 'unreachable') unreachable.push(i);
  });
  return { id, required, scheduled: required.map((r) => Math.ceil(r / (1 - shrinkage) - 1e-9)), metrics, unreachable };
}

/**
 * Agents per interval and skill group from a forecast and targets: the fewest agents meeting
 * each group's service level (Erlang C, or Erlang A with a patience), then grossed up by the
 * shrinkage. Each group is staffed on its own (agents shared across groups are the
 * simulator's business).
 *
 * @example
 * staffingPlan({ intervalMinutes: 30, shrinkage: 0.3, groups: [{ id: 'sales', forecast: [120, 180], ahtSeconds: 240, targetServiceLevel: 0.8, thresholdSeconds: 20 }] });
 * // groups[0].required [20, 29], scheduled [29, 42]
 */
export function staffingPlan(input: StaffingPlanInput): StaffingPlan {
  const v = obj(input, 'plan');
  knownKeys(v, ['intervalMinutes', 'groups', 'shrinkage'], 'plan');
  const intervalMinutes = num(v.intervalMinutes, 'plan.intervalMinutes');
  if (intervalMinutes !== 15 && intervalMinutes !== 30 && intervalMinutes !== 60) failAt('WFM_INPUT_INVALID', 'plan.intervalMinutes', 'must be 15, 30 or 60');
  const shrinkage = optNum(v.shrinkage, 0, 'plan.shrinkage', { min: 0, max: 0.9 });
  const raw = list(v.groups, 'plan.groups', 200);
  if (raw.length === 0) failAt('WFM_INPUT_INVALID', 'plan.groups', 'must list at least one group');
  const groups: GroupPlan[] = [];
  for (const [i, g] of raw.entries()) {
    const plan = planGroup(g, `plan.groups[${i}]`, intervalMinutes, shrinkage, groups[0]?.required.length);
    if (groups.some((x) => x.id === plan.id)) failAt('WFM_INPUT_INVALID', `plan.groups[${i}].id`, `repeats '${plan.id}'`);
    groups.push(plan);
  }
  const sum = (pick: (g: GroupPlan) => readonly number[]) => (groups[0] as GroupPlan).required.map((_, i) => groups.reduce((s, g) => s + (pick(g)[i] as number), 0));
  return { intervalMinutes, shrinkage, groups, total: { required: sum((g) => g.required), scheduled: sum((g) => g.scheduled) } };
}
