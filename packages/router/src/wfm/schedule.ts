import { failAt, knownKeys, list, num, obj, str } from './checks.js';

/** A shift template: minutes from the start of the plan's first interval. */
export interface ShiftTemplate {
  readonly id: string;
  readonly startMinute: number;
  readonly endMinute: number;
}

/** An agent who can be scheduled: the skill groups it can serve and the shifts it prefers or cannot work. */
export interface SchedulableAgent {
  readonly id: string;
  readonly groups: readonly string[];
  readonly preferredShifts?: readonly string[];
  readonly unavailableShifts?: readonly string[];
}

/** Need per group and interval, shift templates and the agents to place. */
export interface ScheduleInput {
  readonly intervalMinutes: 15 | 30 | 60;
  /** Agents to schedule per skill group and interval (a staffing plan's `scheduled`). */
  readonly need: Readonly<Record<string, readonly number[]>>;
  readonly shifts: readonly ShiftTemplate[];
  readonly agents: readonly SchedulableAgent[];
}

/** Need against agents scheduled, per interval. */
export interface Coverage {
  readonly need: readonly number[];
  readonly scheduled: readonly number[];
  readonly under: readonly number[];
  readonly over: readonly number[];
}

/** Which agent works which shift, and the coverage that gives. */
export interface ScheduleSuggestion {
  readonly assignments: ReadonlyArray<{ readonly agentId: string; readonly shiftId: string; readonly preferred: boolean }>;
  /** Agents no shift needed (every interval they could cover is already covered). */
  readonly unassigned: readonly string[];
  readonly groups: Readonly<Record<string, Coverage>>;
  readonly total: Coverage;
}

/** How much one preferred shift counts, in intervals of coverage. */
const PREFERENCE_BONUS = 0.5;

/** Refuses a list in which an id comes twice (an agent placed twice, a shift named ambiguously). */
function unique(items: ReadonlyArray<{ readonly id: string }>, path: string): void {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    if (seen.has(x.id)) failAt('WFM_INPUT_INVALID', `${path}[${i}].id`, `repeats '${x.id}'`);
    seen.add(x.id);
  });
}

function checkInput(v: Record<string, unknown>): { len: number; intervals: number; need: Map<string, number[]>; shifts: Array<ShiftTemplate & { from: number; to: number }>; agents: SchedulableAgent[] } {
  knownKeys(v, ['intervalMinutes', 'need', 'shifts', 'agents'], 'schedule');
  const len = num(v.intervalMinutes, 'schedule.intervalMinutes');
  if (len !== 15 && len !== 30 && len !== 60) failAt('WFM_INPUT_INVALID', 'schedule.intervalMinutes', 'must be 15, 30 or 60');
  const need = new Map(Object.entries(obj(v.need, 'schedule.need')).map(([g, xs]) => [g, list(xs, `schedule.need.${g}`, 7 * 96).map((x, i) => num(x, `schedule.need.${g}[${i}]`, { min: 0, max: 1e6, integer: true }))]));
  const intervals = Math.max(0, ...[...need.values()].map((xs) => xs.length));
  const shifts = list(v.shifts, 'schedule.shifts', 500).map((s, i) => {
    const o = obj(s, `schedule.shifts[${i}]`);
    knownKeys(o, ['id', 'startMinute', 'endMinute'], `schedule.shifts[${i}]`);
    const startMinute = num(o.startMinute, `schedule.shifts[${i}].startMinute`, { min: 0, max: intervals * len });
    const endMinute = num(o.endMinute, `schedule.shifts[${i}].endMinute`, { above: startMinute, max: intervals * len });
    if (startMinute % len !== 0 || endMinute % len !== 0) failAt('WFM_INPUT_INVALID', `schedule.shifts[${i}]`, `must start and end on ${len}-minute interval bounds`);
    return { id: str(o.id, `schedule.shifts[${i}].id`), startMinute, endMinute, from: startMinute / len, to: endMinute / len };
  });
  const agents = list(v.agents, 'schedule.agents', 20_000).map((a, i) => {
    const o = obj(a, `schedule.agents[${i}]`);
    knownKeys(o, ['id', 'groups', 'preferredShifts', 'unavailableShifts'], `schedule.agents[${i}]`);
    const ids = (key: string) => (o[key] === undefined ? [] : list(o[key], `schedule.agents[${i}].${key}`, 500).map((x, k) => str(x, `schedule.agents[${i}].${key}[${k}]`)));
    return { id: str(o.id, `schedule.agents[${i}].id`), groups: ids('groups'), preferredShifts: ids('preferredShifts'), unavailableShifts: ids('unavailableShifts') };
  });
  unique(shifts, 'schedule.shifts');
  unique(agents, 'schedule.agents');
  return { len, intervals, need, shifts, agents };
}

/**
 * A simple schedule suggestion: greedy coverage. Agents are taken least flexible first (fewest
 * groups); each gets the shift covering the most still-uncovered need among the groups it
 * serves (its preferred shifts count half an interval more, shifts it cannot work are skipped),
 * and in each interval of it counts for the group with the largest remaining need. Agents no
 * shift needs stay unassigned. Reports need, scheduled, under and over coverage per group and
 * interval. Not optimal (greedy), but quick and explainable.
 *
 * @example
 * suggestSchedule({ intervalMinutes: 60, need: { sales: [2, 3, 3, 1] }, shifts: [{ id: 'early', startMinute: 0, endMinute: 180 }, { id: 'late', startMinute: 60, endMinute: 240 }],
 *   agents: [{ id: 'ann', groups: ['sales'], preferredShifts: ['late'] }, …] });
 */
export function suggestSchedule(input: ScheduleInput): ScheduleSuggestion {
  const { intervals, need, shifts, agents } = checkInput(obj(input, 'schedule'));
  const left = new Map([...need].map(([g, xs]) => [g, Array.from({ length: intervals }, (_, i) => xs[i] ?? 0)]));
  const assigned = new Map([...need.keys()].map((g) => [g, new Array<number>(intervals).fill(0)]));
  const assignments: Array<{ agentId: string; shiftId: string; preferred: boolean }> = [];
  const unassigned: string[] = [];
  const order = [...agents].sort((a, b) => a.groups.length - b.groups.length || a.id.localeCompare(b.id));
  for (const agent of order) {
    const groups = agent.groups.filter((g) => left.has(g));
    const gain = (s: (typeof shifts)[number]) => {
      let covered = 0;
      for (let i = s.from; i < s.to; i++) if (groups.some((g) => (left.get(g)?.[i] ?? 0) > 0)) covered++;
      return covered + (covered > 0 && agent.preferredShifts?.includes(s.id) === true ? PREFERENCE_BONUS : 0);
    };
    let best: (typeof shifts)[number] | undefined;
    let bestGain = 0;
    for (const s of shifts) {
      if (agent.unavailableShifts?.includes(s.id) === true) continue;
      const g = gain(s);
      if (g > bestGain) [best, bestGain] = [s, g];
    }
    if (best === undefined) {
      unassigned.push(agent.id);
      continue;
    }
    assignments.push({ agentId: agent.id, shiftId: best.id, preferred: agent.preferredShifts?.includes(best.id) === true });
    for (let i = best.from; i < best.to; i++) {
      const g = groups.reduce((x, y) => ((left.get(y)?.[i] ?? 0) > (left.get(x)?.[i] ?? 0) ? y : x), groups[0] as string);
      if (g === undefined) continue;
      const rest = left.get(g) as number[];
      const got = assigned.get(g) as number[];
      rest[i] = (rest[i] as number) - 1;
      got[i] = (got[i] as number) + 1;
    }
  }
  const coverage = (needs: readonly number[], got: readonly number[]): Coverage => ({
    need: needs, scheduled: got,
    under: needs.map((n, i) => Math.max(0, n - (got[i] as number))),
    over: needs.map((n, i) => Math.max(0, (got[i] as number) - n)),
  });
  const groupsOut = Object.fromEntries([...need].map(([g, needs]) => [g, coverage(Array.from({ length: intervals }, (_, i) => needs[i] ?? 0), assigned.get(g) as number[])]));
  const sum = (pick: (c: Coverage) => readonly number[]) => Array.from({ length: intervals }, (_, i) => Object.values(groupsOut).reduce((s, c) => s + (pick(c)[i] as number), 0));
  return { assignments, unassigned, groups: groupsOut, total: coverage(sum((c) => c.need), sum((c) => c.scheduled)) };
}
