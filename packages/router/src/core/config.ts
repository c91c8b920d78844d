import type { RequirementInput, SkillDefinition, SkillLevels, SkillWeights } from '@switchboard/skills';
import { RoutingError } from './errors.js';
import {
  checkId, checkKeys, checkNumber, checkTime, fail, isRecord, numberMap, optNumber, optString,
} from './validate.js';

/** How a queue picks among the ready agents that qualify. */
export const STRATEGIES = [
  'longest-idle', 'round-robin', 'most-skilled', 'fewest-contacts', 'least-occupied', 'weighted-random',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One requirement step: from `afterSeconds` of waiting on, agents matching it (or any earlier step) qualify. */
export interface RequirementStepConfig {
  readonly requirement: RequirementInput;
  readonly afterSeconds: number;
}

/**
 * Priority as head start: a contact's order key is its arrival time minus a boost in seconds.
 * The boost is capped at `maxBoostSeconds`, so no contact is overtaken by one that arrived more
 * than that much later.
 */
export interface PriorityConfig {
  readonly tierBoostSeconds?: Readonly<Record<string, number>>;
  readonly scoreBoostSecondsPerPoint?: number;
  readonly reasonBoostSeconds?: Readonly<Record<string, number>>;
  readonly churnRiskBoostSeconds?: number;
  readonly maxBoostSeconds: number;
}

/** A queue as configured. Times are in seconds. */
export interface QueueConfig {
  readonly id: string;
  readonly name?: string;
  readonly channel?: string;
  readonly steps: readonly RequirementStepConfig[];
  readonly strategy?: Strategy;
  readonly skillWeights?: SkillWeights;
  readonly serviceLevel?: { readonly percent: number; readonly thresholdSeconds: number };
  readonly maxWaitSeconds?: number;
  readonly maxLength?: number;
  readonly overflowQueueId?: string;
  readonly ringTimeoutSeconds?: number;
  readonly wrapUpSeconds?: number;
  readonly autoPauseAfterMissed?: number;
  readonly preferredWindowSeconds?: number;
  readonly priority?: PriorityConfig;
}

/** An agent as configured. `capacity` is in capacity units (see channels). */
export interface AgentConfig {
  readonly id: string;
  readonly name?: string;
  readonly team?: string;
  readonly center?: string;
  readonly skills: SkillLevels;
  readonly capacity?: number;
  readonly maxPerChannel?: Readonly<Record<string, number>>;
  readonly weight?: number;
  readonly absences?: ReadonlyArray<{ readonly from: string | number; readonly to: string | number }>;
}

/** A whole routing domain. */
export interface DomainConfig {
  readonly skills: readonly SkillDefinition[];
  /** Capacity cost of one contact per channel; an agent holds contacts while their costs fit its capacity. */
  readonly channels?: Readonly<Record<string, { readonly cost: number }>>;
  readonly queues?: readonly QueueConfig[];
  readonly agents?: readonly AgentConfig[];
}

/** Default channel costs: with the default capacity of 6 an agent holds one call, or up to 6 chats, or 3 emails. */
export const DEFAULT_CHANNELS: Readonly<Record<string, { readonly cost: number }>> = {
  voice: { cost: 6 }, video: { cost: 6 }, callback: { cost: 6 }, chat: { cost: 1 }, email: { cost: 2 },
};
export const DEFAULT_CAPACITY = 6;

/** A queue with every default filled in and times in milliseconds. */
export interface NormalizedQueue {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly steps: ReadonlyArray<{ readonly requirement: RequirementInput; readonly afterMs: number }>;
  readonly strategy: Strategy;
  readonly skillWeights: SkillWeights | undefined;
  readonly slPercent: number;
  readonly slThresholdMs: number;
  readonly maxWaitMs: number;
  readonly maxLength: number;
  readonly overflowQueueId: string | undefined;
  readonly ringTimeoutMs: number;
  readonly wrapUpMs: number;
  readonly autoPauseAfterMissed: number;
  readonly preferredWindowMs: number;
  readonly priority: NormalizedPriority;
}

export interface NormalizedPriority {
  readonly tierMs: Readonly<Record<string, number>>;
  readonly scoreMsPerPoint: number;
  readonly reasonMs: Readonly<Record<string, number>>;
  readonly churnRiskMs: number;
  readonly maxMs: number;
}

export interface NormalizedAgent {
  readonly id: string;
  readonly name: string;
  readonly team: string | undefined;
  readonly center: string | undefined;
  readonly skills: SkillLevels;
  readonly capacity: number;
  readonly maxPerChannel: Readonly<Record<string, number>>;
  readonly weight: number;
  readonly absences: ReadonlyArray<{ readonly from: number; readonly to: number }>;
}

const QUEUE_KEYS = [
  'id', 'name', 'channel', 'steps', 'strategy', 'skillWeights', 'serviceLevel', 'maxWaitSeconds', 'maxLength',
  'overflowQueueId', 'ringTimeoutSeconds', 'wrapUpSeconds', 'autoPauseAfterMissed', 'preferredWindowSeconds', 'priority',
] as const;
const DAY_S = 86_400;

function normalizeSteps(v: unknown, path: string): NormalizedQueue['steps'] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 16) fail('CONFIG_INVALID', path, 'must list 1 to 16 steps');
  let prev = -1;
  return v.map((s: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isRecord(s)) fail('CONFIG_INVALID', p, 'must be { requirement, afterSeconds }');
    checkKeys(s, ['requirement', 'afterSeconds'], p, 'CONFIG_INVALID');
    const after = checkNumber(s.afterSeconds ?? 0, `${p}.afterSeconds`, { min: 0, max: DAY_S });
    if (i === 0 && after !== 0) fail('CONFIG_INVALID', `${p}.afterSeconds`, 'of the first step must be 0');
    if (i > 0 && after <= prev) fail('CONFIG_INVALID', `${p}.afterSeconds`, 'must be greater than the previous step');
    prev = after;
    if (typeof s.requirement !== 'string' && !isRecord(s.requirement)) {
      fail('CONFIG_INVALID', `${p}.requirement`, 'must be an expression string or requirement JSON');
    }
    return { requirement: s.requirement as RequirementInput, afterMs: after * 1000 };
  });
}

function normalizePriority(v: unknown, path: string): NormalizedPriority {
  if (v === undefined) return { tierMs: {}, scoreMsPerPoint: 0, reasonMs: {}, churnRiskMs: 0, maxMs: 0 };
  if (!isRecord(v)) fail('CONFIG_INVALID', path, 'must be an object');
  checkKeys(v, ['tierBoostSeconds', 'scoreBoostSecondsPerPoint', 'reasonBoostSeconds', 'churnRiskBoostSeconds', 'maxBoostSeconds'], path, 'CONFIG_INVALID');
  const ms = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, s]) => [k, s * 1000]));
  return {
    tierMs: ms(numberMap(v.tierBoostSeconds, `${path}.tierBoostSeconds`, { min: 0, max: DAY_S })),
    scoreMsPerPoint: optNumber(v.scoreBoostSecondsPerPoint, 0, `${path}.scoreBoostSecondsPerPoint`, { min: 0, max: DAY_S }) * 1000,
    reasonMs: ms(numberMap(v.reasonBoostSeconds, `${path}.reasonBoostSeconds`, { min: 0, max: DAY_S })),
    churnRiskMs: optNumber(v.churnRiskBoostSeconds, 0, `${path}.churnRiskBoostSeconds`, { min: 0, max: DAY_S }) * 1000,
    maxMs: checkNumber(v.maxBoostSeconds, `${path}.maxBoostSeconds`, { min: 0, max: DAY_S }) * 1000,
  };
}

function normalizeServiceLevel(v: unknown, path: string): { percent: number; thresholdMs: number } {
  if (v === undefined) return { percent: 80, thresholdMs: 20_000 };
  if (!isRecord(v)) fail('CONFIG_INVALID', path, 'must be { percent, thresholdSeconds }');
  checkKeys(v, ['percent', 'thresholdSeconds'], path, 'CONFIG_INVALID');
  return {
    percent: checkNumber(v.percent, `${path}.percent`, { min: 0, max: 100 }),
    thresholdMs: checkNumber(v.thresholdSeconds, `${path}.thresholdSeconds`, { min: 0, max: DAY_S }) * 1000,
  };
}

/** Validates a queue configuration and fills in defaults. Throws CONFIG_INVALID / ID_INVALID. */
export function normalizeQueue(v: unknown, channels: Readonly<Record<string, unknown>>, path = 'queue'): NormalizedQueue {
  if (!isRecord(v)) fail('CONFIG_INVALID', path, 'must be an object');
  checkKeys(v, QUEUE_KEYS, path, 'CONFIG_INVALID');
  const id = checkId(v.id, `${path}.id`);
  const channel = v.channel === undefined ? 'voice' : checkId(v.channel, `${path}.channel`);
  if (!(channel in channels)) fail('CONFIG_INVALID', `${path}.channel`, `names no configured channel (${Object.keys(channels).join(', ')})`);
  const strategy = v.strategy ?? 'longest-idle';
  if (!STRATEGIES.includes(strategy as Strategy)) fail('CONFIG_INVALID', `${path}.strategy`, `must be one of ${STRATEGIES.join(', ')}`);
  const sl = normalizeServiceLevel(v.serviceLevel, `${path}.serviceLevel`);
  const overflow = v.overflowQueueId === undefined ? undefined : checkId(v.overflowQueueId, `${path}.overflowQueueId`);
  if (overflow === id) fail('CONFIG_INVALID', `${path}.overflowQueueId`, 'must not be the queue itself');
  const weights = v.skillWeights === undefined ? undefined : numberMap(v.skillWeights, `${path}.skillWeights`, { min: 0 });
  return {
    id, channel, strategy: strategy as Strategy, overflowQueueId: overflow, skillWeights: weights,
    name: optString(v.name, `${path}.name`) ?? id,
    steps: normalizeSteps(v.steps, `${path}.steps`),
    slPercent: sl.percent, slThresholdMs: sl.thresholdMs,
    maxWaitMs: optNumber(v.maxWaitSeconds, 0, `${path}.maxWaitSeconds`, { min: 0, max: 7 * DAY_S }) * 1000,
    maxLength: optNumber(v.maxLength, 0, `${path}.maxLength`, { min: 0, integer: true }),
    ringTimeoutMs: optNumber(v.ringTimeoutSeconds, 20, `${path}.ringTimeoutSeconds`, { min: 1, max: 600 }) * 1000,
    wrapUpMs: optNumber(v.wrapUpSeconds, 0, `${path}.wrapUpSeconds`, { min: 0, max: DAY_S }) * 1000,
    autoPauseAfterMissed: optNumber(v.autoPauseAfterMissed, 0, `${path}.autoPauseAfterMissed`, { min: 0, max: 100, integer: true }),
    preferredWindowMs: optNumber(v.preferredWindowSeconds, 30, `${path}.preferredWindowSeconds`, { min: 0, max: DAY_S }) * 1000,
    priority: normalizePriority(v.priority, `${path}.priority`),
  };
}

/** Validates the channel table; every cost is a positive integer. */
export function normalizeChannels(v: unknown): Record<string, { cost: number }> {
  if (v === undefined) return { ...DEFAULT_CHANNELS };
  if (!isRecord(v) || Object.keys(v).length === 0) fail('CONFIG_INVALID', 'channels', 'must be a non-empty object');
  const out: Record<string, { cost: number }> = {};
  for (const [name, c] of Object.entries(v)) {
    checkId(name, `channels.${name}`);
    if (!isRecord(c)) fail('CONFIG_INVALID', `channels.${name}`, 'must be { cost }');
    out[name] = { cost: checkNumber(c.cost, `channels.${name}.cost`, { min: 1, max: 1000, integer: true }) };
  }
  return out;
}

function normalizeAbsences(v: unknown, path: string): NormalizedAgent['absences'] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 1000) fail('INPUT_INVALID', path, 'must be a list of { from, to } (at most 1000)');
  return v.map((a: unknown, i) => {
    if (!isRecord(a)) fail('INPUT_INVALID', `${path}[${i}]`, 'must be { from, to }');
    const from = checkTime(a.from, `${path}[${i}].from`);
    const to = checkTime(a.to, `${path}[${i}].to`);
    if (to <= from) fail('INPUT_INVALID', `${path}[${i}].to`, 'must be after from');
    return { from, to };
  });
}

/** Validates an agent configuration and fills in defaults. Skill levels are checked by the skills package. */
export function normalizeAgent(v: unknown, channels: Readonly<Record<string, unknown>>, path = 'agent'): NormalizedAgent {
  if (!isRecord(v)) fail('INPUT_INVALID', path, 'must be an object');
  checkKeys(v, ['id', 'name', 'team', 'center', 'skills', 'capacity', 'maxPerChannel', 'weight', 'absences'], path, 'INPUT_INVALID');
  const id = checkId(v.id, `${path}.id`);
  if (!isRecord(v.skills)) fail('SKILL_INVALID', `${path}.skills`, 'must be an object of skill -> level');
  const capacity = v.capacity === undefined ? DEFAULT_CAPACITY : v.capacity;
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1 || capacity > 1000) {
    throw new RoutingError('CAPACITY_INVALID', `${path}.capacity must be an integer from 1 to 1000 (got ${JSON.stringify(capacity)})`);
  }
  const maxPer = v.maxPerChannel === undefined ? {} : numberMap(v.maxPerChannel, `${path}.maxPerChannel`, { min: 0 });
  for (const ch of Object.keys(maxPer)) {
    if (!(ch in channels)) fail('INPUT_INVALID', `${path}.maxPerChannel.${ch}`, 'names no configured channel');
  }
  return {
    id, capacity, maxPerChannel: maxPer,
    name: optString(v.name, `${path}.name`, 'INPUT_INVALID') ?? id,
    team: optString(v.team, `${path}.team`, 'INPUT_INVALID'),
    center: optString(v.center, `${path}.center`, 'INPUT_INVALID'),
    skills: v.skills as SkillLevels,
    weight: optNumber(v.weight, 1, `${path}.weight`, { min: 0.001, max: 1e6, code: 'INPUT_INVALID' }),
    absences: normalizeAbsences(v.absences, `${path}.absences`),
  };
}
