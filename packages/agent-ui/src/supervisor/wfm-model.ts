import type { AgentView, QueueConfig, SkillDefinition } from './types.js';

/**
 * The staffing calculator and the what-if panel, without the page: form drafts checked into
 * request bodies, a what-if scenario built from the live configuration, and the answers turned
 * into rows. The shapes are those of `POST /v1/wfm/erlang` and `POST /v1/wfm/what-if`.
 */

/** The calculator's fields as typed (strings; empty = not given). */
export interface ErlangDraft {
  readonly callsPerHour: string;
  readonly ahtSeconds: string;
  readonly targetPercent: string;
  readonly thresholdSeconds: string;
  readonly maxOccupancyPercent: string;
  readonly patienceSeconds: string;
}

export const DEFAULT_ERLANG_DRAFT: ErlangDraft = { callsPerHour: '1000', ahtSeconds: '180', targetPercent: '80', thresholdSeconds: '20', maxOccupancyPercent: '85', patienceSeconds: '' };

export type ErlangBody = Record<string, number>;

const FIELDS: ReadonlyArray<{ key: keyof ErlangDraft; required: boolean; min: number; max: number; label: string }> = [
  { key: 'callsPerHour', required: true, min: 0, max: 1e7, label: 'calls per hour' },
  { key: 'ahtSeconds', required: true, min: 1, max: 86_400, label: 'handle time' },
  { key: 'targetPercent', required: true, min: 1, max: 100, label: 'target' },
  { key: 'thresholdSeconds', required: true, min: 0, max: 86_400, label: 'threshold' },
  { key: 'maxOccupancyPercent', required: false, min: 1, max: 100, label: 'maximum occupancy' },
  { key: 'patienceSeconds', required: false, min: 1, max: 86_400, label: 'patience' },
];

/** The request body of a draft, or a problem per field. */
export function erlangBodyOf(d: ErlangDraft): { body: ErlangBody } | { problems: Partial<Record<keyof ErlangDraft, string>> } {
  const problems: Partial<Record<keyof ErlangDraft, string>> = {};
  const values: Partial<Record<keyof ErlangDraft, number>> = {};
  for (const f of FIELDS) {
    const raw = d[f.key].trim();
    if (raw === '') {
      if (f.required) problems[f.key] = `${f.label} is needed`;
      continue;
    }
    const n = Number(raw);
    if (!Number.isFinite(n) || n < f.min || n > f.max) problems[f.key] = `${f.label} must be a number from ${f.min} to ${f.max}`;
    else values[f.key] = n;
  }
  if (Object.keys(problems).length > 0) return { problems };
  const body: ErlangBody = {
    callsPerHour: values.callsPerHour as number, ahtSeconds: values.ahtSeconds as number,
    targetServiceLevel: (values.targetPercent as number) / 100, thresholdSeconds: values.thresholdSeconds as number,
  };
  if (values.maxOccupancyPercent !== undefined) body.maxOccupancy = values.maxOccupancyPercent / 100;
  if (values.patienceSeconds !== undefined) body.patienceSeconds = values.patienceSeconds;
  return { body };
}

/** The domain fields of a queue configuration (the service's own, such as `paused`, are left out). */
const QUEUE_FIELDS = ['id', 'name', 'channel', 'steps', 'strategy', 'skillWeights', 'serviceLevel', 'maxWaitSeconds', 'maxLength', 'overflowQueueId', 'ringTimeoutSeconds', 'wrapUpSeconds', 'autoPauseAfterMissed', 'preferredWindowSeconds', 'priority'] as const;

/** Traffic the supervisor expects per queue for the what-if. */
export interface QueueTraffic {
  readonly perHour: number;
  readonly ahtSeconds: number;
  readonly patienceSeconds: number;
}

/**
 * A what-if scenario from the live configuration: the skills, the queues as configured, every
 * agent (one group each, with its skills and capacity) on shift for `hours`, and Poisson traffic
 * per queue as given. The proposal starts as the same setup, to be edited.
 */
export function scenarioFromConfig(skills: readonly SkillDefinition[], queues: readonly QueueConfig[], agents: readonly AgentView[], traffic: Readonly<Record<string, QueueTraffic>>, hours = 4) {
  const ids = new Set(queues.map((q) => q.id));
  // an overflow to a queue I do not supervise cannot be simulated here: it is left out
  const keep = (q: QueueConfig, k: (typeof QUEUE_FIELDS)[number]) => q[k] !== undefined && (k !== 'overflowQueueId' || ids.has(q.overflowQueueId as string));
  const domainQueues = queues.map((q) => Object.fromEntries(QUEUE_FIELDS.filter((k) => keep(q, k)).map((k) => [k, q[k]])));
  const setup = {
    domain: { skills: skills.map((s) => ({ id: s.id })), queues: domainQueues },
    agents: agents.map((a) => ({ id: a.id, count: 1, skills: a.skills, capacity: a.capacity })),
  };
  const contactTypes = Object.entries(traffic).filter(([, t]) => t.perHour > 0).map(([queueId, t]) => ({
    id: queueId, queueId, arrivals: { perHour: t.perHour },
    handleTime: { kind: 'exponential', meanSeconds: t.ahtSeconds },
    patience: { kind: 'exponential', meanSeconds: t.patienceSeconds },
  }));
  return { scenario: { seed: 1, intervalMinutes: 30, intervals: hours * 2, warmUpMinutes: 15, ...setup, contactTypes }, proposal: setup };
}

/** One KPI difference as the service answers it. */
export interface KpiDifference {
  readonly baseline: number | null;
  readonly proposal: number | null;
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly pairs: number;
}

export interface WhatIfAnswer {
  readonly replications: number;
  readonly total: Readonly<Record<string, KpiDifference>>;
  readonly queues: Readonly<Record<string, Readonly<Record<string, KpiDifference>>>>;
}

/** A row of the what-if table: a queue (or all), a KPI, and whether the change is clear. */
export interface WhatIfRow {
  readonly scope: string;
  readonly kpi: string;
  readonly baseline: string;
  readonly proposal: string;
  readonly difference: string;
  /** better / worse when the 95 % interval excludes zero, else unclear. */
  readonly verdict: 'better' | 'worse' | 'unclear';
}

const KPIS: ReadonlyArray<{ key: string; label: string; higherIsBetter: boolean; format: (x: number) => string }> = [
  { key: 'serviceLevel', label: 'service level', higherIsBetter: true, format: (x) => `${(x * 100).toFixed(1)} %` },
  { key: 'asaSeconds', label: 'ASA', higherIsBetter: false, format: (x) => `${x.toFixed(1)} s` },
  { key: 'abandonmentRate', label: 'abandonment', higherIsBetter: false, format: (x) => `${(x * 100).toFixed(1)} %` },
];

const signed = (x: number, f: (x: number) => string) => (x > 0 ? `+${f(x)}` : f(x));

/** The what-if answer as table rows: all queues first, then each queue; service level, ASA, abandonment. */
export function whatIfRows(answer: WhatIfAnswer): WhatIfRow[] {
  const scopes: Array<[string, Readonly<Record<string, KpiDifference>>]> = [['all queues', answer.total], ...Object.entries(answer.queues)];
  return scopes.flatMap(([scope, kpis]) => KPIS.map(({ key, label, higherIsBetter, format }) => {
    const d = kpis[key];
    const show = (x: number | null | undefined) => (x === null || x === undefined ? '–' : format(x));
    if (d === undefined || d.difference === null) return { scope, kpi: label, baseline: show(d?.baseline), proposal: show(d?.proposal), difference: '–', verdict: 'unclear' as const };
    const clear = d.low !== null && d.high !== null && (d.low > 0 || d.high < 0);
    const up = d.difference > 0;
    return {
      scope, kpi: label, baseline: show(d.baseline), proposal: show(d.proposal),
      difference: `${signed(d.difference, format)}${d.low === null || d.high === null ? '' : ` (${signed(d.low, format)} … ${signed(d.high, format)})`}`,
      verdict: !clear ? 'unclear' : up === higherIsBetter ? 'better' : 'worse',
    };
  }));
}
