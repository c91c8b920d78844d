import { SkillCatalogue, compileRequirement, formatRequirement, isSkillsError, toRequirement, type RequirementInput } from '@switchboard/skills';
import type { PriorityConfig, QueueConfig, SkillDefinition } from './types.js';

/**
 * The queue policy editor as data: a draft of the form (text as typed), its live validation
 * (requirement steps parsed and compiled in the browser by `@switchboard/skills`, the same
 * rules the service checks), and the request that applies it — the steps alone
 * (`PUT /v1/queues/:id/steps`, supervisors) or the whole queue (`PUT /v1/config/queues/:id`,
 * admins). Pure.
 */

/** The router's agent-selection strategies (`STRATEGIES` in the router's config). */
export const STRATEGIES = ['longest-idle', 'round-robin', 'most-skilled', 'fewest-contacts', 'least-occupied', 'weighted-random'] as const;

/** Value tiers offered in the head-start table even when the queue names none yet. */
export const KNOWN_TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const;

export const MAX_STEPS = 16;
const DAY_S = 86_400;

export interface StepDraft {
  readonly requirement: string;
  readonly afterSeconds: string;
}

/** The form: every field as the text in its input. */
export interface PolicyDraft {
  readonly steps: readonly StepDraft[];
  readonly strategy: string;
  /** tier → head start in seconds ('' = none). */
  readonly tierBoost: Readonly<Record<string, string>>;
  readonly maxBoostSeconds: string;
  readonly churnRiskBoostSeconds: string;
  readonly slPercent: string;
  readonly slThresholdSeconds: string;
  readonly maxWaitSeconds: string;
  readonly ringTimeoutSeconds: string;
  readonly wrapUpSeconds: string;
}

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** A requirement as the expression text supervisors edit (JSON forms are printed as text). */
export function requirementText(r: unknown): string {
  if (typeof r === 'string') return r;
  try {
    return formatRequirement(toRequirement(r as RequirementInput));
  } catch {
    return JSON.stringify(r);
  }
}

export function draftOf(q: QueueConfig): PolicyDraft {
  const tiers = { ...Object.fromEntries(KNOWN_TIERS.map((t) => [t, ''])), ...q.priority?.tierBoostSeconds };
  return {
    steps: q.steps.map((s) => ({ requirement: requirementText(s.requirement), afterSeconds: String(s.afterSeconds) })),
    strategy: q.strategy ?? 'longest-idle',
    tierBoost: Object.fromEntries(Object.entries(tiers).map(([t, s]) => [t, typeof s === 'number' ? String(s) : ''])),
    maxBoostSeconds: text(q.priority?.maxBoostSeconds),
    churnRiskBoostSeconds: text(q.priority?.churnRiskBoostSeconds),
    slPercent: text(q.serviceLevel?.percent),
    slThresholdSeconds: text(q.serviceLevel?.thresholdSeconds),
    maxWaitSeconds: text(q.maxWaitSeconds),
    ringTimeoutSeconds: text(q.ringTimeoutSeconds),
    wrapUpSeconds: text(q.wrapUpSeconds),
  };
}

/** A requirement's problem: the message, and where in the text when it is a syntax error. */
export interface RequirementProblem {
  readonly message: string;
  readonly position?: number;
}

/** Validates one requirement against the catalogue: syntax, then skills that do not exist. */
export function checkRequirement(catalogue: SkillCatalogue, requirement: string): RequirementProblem | undefined {
  if (requirement.trim() === '') return { message: 'Type a requirement, e.g. sales>=3 & lang.ru' };
  try {
    compileRequirement(catalogue, requirement);
    return undefined;
  } catch (e) {
    if (!isSkillsError(e)) throw e;
    const message = e.message.split('\n')[0] ?? e.message;
    return e.position === undefined ? { message } : { message, position: e.position };
  }
}

/** What is wrong with a draft, field by field; empty when it can be applied. */
export interface PolicyProblems {
  readonly steps: ReadonlyArray<{ readonly requirement?: RequirementProblem; readonly afterSeconds?: string }>;
  readonly fields: Readonly<Partial<Record<keyof PolicyDraft | `tier:${string}`, string>>>;
  readonly form?: string;
}

export function hasProblems(p: PolicyProblems): boolean {
  return p.form !== undefined || Object.keys(p.fields).length > 0 || p.steps.some((s) => s.requirement !== undefined || s.afterSeconds !== undefined);
}

/** A number typed in a field, or undefined for an empty field; NaN for anything else. */
function num(s: string): number | undefined {
  return s.trim() === '' ? undefined : Number(s);
}

function checkNumber(s: string, min: number, max: number, integer = false): string | undefined {
  const n = num(s);
  if (n === undefined) return undefined;
  if (!Number.isFinite(n)) return 'must be a number';
  if (integer && !Number.isInteger(n)) return 'must be a whole number';
  if (n < min || n > max) return `must be from ${min} to ${max}`;
  return undefined;
}

function checkAfter(steps: readonly StepDraft[], i: number): string | undefined {
  const raw = steps[i]?.afterSeconds ?? '';
  const n = num(raw);
  if (n === undefined || !Number.isFinite(n)) return 'must be a number of seconds';
  if (i === 0 && n !== 0) return 'the first step starts at 0';
  if (n < 0 || n > DAY_S) return `must be from 0 to ${DAY_S}`;
  const prev = i > 0 ? num(steps[i - 1]?.afterSeconds ?? '') : undefined;
  if (prev !== undefined && Number.isFinite(prev) && n <= prev) return 'must be later than the step before';
  return undefined;
}

/** Validates the whole draft, as the service would. */
export function validateDraft(d: PolicyDraft, skills: readonly SkillDefinition[]): PolicyProblems {
  const catalogue = SkillCatalogue.create(skills.map((s) => ({ id: s.id })));
  const steps = d.steps.map((s, i) => {
    const requirement = checkRequirement(catalogue, s.requirement);
    const afterSeconds = checkAfter(d.steps, i);
    return { ...(requirement === undefined ? {} : { requirement }), ...(afterSeconds === undefined ? {} : { afterSeconds }) };
  });
  const fields: Record<string, string> = {};
  const put = (key: string, problem: string | undefined) => { if (problem !== undefined) fields[key] = problem; };
  if (!(STRATEGIES as readonly string[]).includes(d.strategy)) fields.strategy = 'pick a strategy';
  put('slPercent', checkNumber(d.slPercent, 0, 100));
  put('slThresholdSeconds', checkNumber(d.slThresholdSeconds, 0, DAY_S));
  if ((num(d.slPercent) === undefined) !== (num(d.slThresholdSeconds) === undefined)) fields.slThresholdSeconds ??= 'give both the percentage and the seconds, or neither';
  put('maxWaitSeconds', checkNumber(d.maxWaitSeconds, 0, DAY_S * 7));
  put('ringTimeoutSeconds', checkNumber(d.ringTimeoutSeconds, 1, 600));
  put('wrapUpSeconds', checkNumber(d.wrapUpSeconds, 0, DAY_S));
  put('maxBoostSeconds', checkNumber(d.maxBoostSeconds, 0, DAY_S));
  put('churnRiskBoostSeconds', checkNumber(d.churnRiskBoostSeconds, 0, DAY_S));
  for (const [tier, s] of Object.entries(d.tierBoost)) put(`tier:${tier}`, checkNumber(s, 0, DAY_S));
  const anyBoost = Object.values(d.tierBoost).some((s) => s.trim() !== '') || d.churnRiskBoostSeconds.trim() !== '';
  if (anyBoost && num(d.maxBoostSeconds) === undefined) fields.maxBoostSeconds ??= 'set a cap on the head start';
  const form = d.steps.length === 0 ? 'a queue needs at least one step' : d.steps.length > MAX_STEPS ? `at most ${MAX_STEPS} steps` : undefined;
  return { steps, fields, ...(form === undefined ? {} : { form }) };
}

/** The steps of a draft as the API takes them. */
export function stepsOf(d: PolicyDraft): Array<{ requirement: string; afterSeconds: number }> {
  return d.steps.map((s) => ({ requirement: s.requirement.trim(), afterSeconds: Number(s.afterSeconds) }));
}

const opt = <K extends string>(key: K, s: string): Partial<Record<K, number>> => {
  const n = num(s);
  return n === undefined ? {} : ({ [key]: n } as Record<K, number>);
};

function priorityOf(d: PolicyDraft, original: PriorityConfig | undefined): PriorityConfig | undefined {
  const tiers = Object.fromEntries(Object.entries(d.tierBoost).flatMap(([t, s]) => (num(s) === undefined ? [] : [[t, Number(s)]])));
  const max = num(d.maxBoostSeconds);
  if (max === undefined) return undefined;
  const { tierBoostSeconds: _t, churnRiskBoostSeconds: _c, ...kept } = original ?? { maxBoostSeconds: max };
  return { ...kept, maxBoostSeconds: max, ...(Object.keys(tiers).length === 0 ? {} : { tierBoostSeconds: tiers }), ...opt('churnRiskBoostSeconds', d.churnRiskBoostSeconds) };
}

/** The whole queue with the draft applied (for admins), keeping every field the form does not show. */
export function queueOf(original: QueueConfig, d: PolicyDraft): QueueConfig {
  const {
    steps: _s, strategy: _st, serviceLevel: _sl, maxWaitSeconds: _mw, ringTimeoutSeconds: _rt, wrapUpSeconds: _wu, priority: _p, ...kept
  } = original;
  const sl = num(d.slPercent) === undefined ? {} : { serviceLevel: { percent: Number(d.slPercent), thresholdSeconds: Number(d.slThresholdSeconds) } };
  const priority = priorityOf(d, original.priority);
  return {
    ...kept, steps: stepsOf(d), strategy: d.strategy, ...sl,
    ...opt('maxWaitSeconds', d.maxWaitSeconds), ...opt('ringTimeoutSeconds', d.ringTimeoutSeconds), ...opt('wrapUpSeconds', d.wrapUpSeconds),
    ...(priority === undefined ? {} : { priority }),
  };
}

/** What differs between the queue and the draft, in words (for the apply button's summary). */
export function changedParts(original: QueueConfig, d: PolicyDraft): string[] {
  const o = draftOf(original);
  const parts: string[] = [];
  if (JSON.stringify(stepsOf(o)) !== JSON.stringify(stepsOf(d))) parts.push('requirement steps');
  if (o.strategy !== d.strategy) parts.push('strategy');
  if (JSON.stringify([o.tierBoost, o.maxBoostSeconds, o.churnRiskBoostSeconds]) !== JSON.stringify([d.tierBoost, d.maxBoostSeconds, d.churnRiskBoostSeconds])) parts.push('head start');
  if (JSON.stringify([o.slPercent, o.slThresholdSeconds, o.maxWaitSeconds, o.ringTimeoutSeconds, o.wrapUpSeconds]) !== JSON.stringify([d.slPercent, d.slThresholdSeconds, d.maxWaitSeconds, d.ringTimeoutSeconds, d.wrapUpSeconds])) parts.push('targets');
  return parts;
}

/** One HTTP request of an apply. */
export interface ApiRequest {
  readonly method: 'PUT';
  readonly path: string;
  readonly body: unknown;
}

/** The fields of a queue its supervisors tune (`PUT /v1/queues/:id/policy`); the rest is the admins'. */
const POLICY_FIELDS = ['steps', 'strategy', 'priority', 'serviceLevel', 'maxWaitSeconds', 'ringTimeoutSeconds', 'wrapUpSeconds'] as const;

/**
 * The request that applies a draft: an admin replaces the whole queue; a supervisor replaces its
 * policy (steps, strategy, head start, targets), live.
 */
export function applyRequest(role: string, original: QueueConfig, d: PolicyDraft): ApiRequest {
  const id = encodeURIComponent(original.id);
  const queue = queueOf(original, d);
  if (role === 'admin') return { method: 'PUT', path: `/v1/config/queues/${id}`, body: queue };
  const policy = Object.fromEntries(POLICY_FIELDS.flatMap((f) => (queue[f] === undefined ? [] : [[f, queue[f]]])));
  return { method: 'PUT', path: `/v1/queues/${id}/policy`, body: policy };
}
