import { Type, type TSchema } from 'typebox';
import { Id } from '../../service/config-schema.js';

/** Request and response schemas of the workforce-management endpoints. */

const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });
const Seconds = (description: string, minimum = 0) => Type.Number({ minimum, maximum: 86_400, description });
const Time = Type.Union([Type.Number({ minimum: 0, maximum: 1e15 }), Type.String({ minLength: 1, maxLength: 64 })], { description: 'epoch ms or ISO-8601' });
const IntervalMinutes = Type.Union([Type.Literal(15), Type.Literal(30), Type.Literal(60)]);

export const ErlangBody = Type.Object({
  callsPerHour: Type.Number({ minimum: 0, maximum: 1e7, description: 'contacts offered per hour (Poisson)' }),
  ahtSeconds: Seconds('average handle time', 1),
  thresholdSeconds: Seconds('service-level threshold'),
  patienceSeconds: Opt(Seconds('mean caller patience: Erlang A; absent, Erlang C', 1)),
  agents: Opt(Type.Integer({ minimum: 1, maximum: 10_000, description: 'evaluate this staffing; absent, find the fewest agents for the target' })),
  targetServiceLevel: Opt(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'share answered within the threshold, e.g. 0.8' })),
  maxOccupancy: Opt(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  maxAbandonment: Opt(Share('highest probability of abandonment (Erlang A)')),
}, { additionalProperties: false });

export const QueueMetricsSchema = Type.Object({
  model: Type.Union([Type.Literal('erlang-c'), Type.Literal('erlang-a')]),
  agents: Type.Integer(), load: Type.Number({ description: 'Erlangs' }),
  probabilityOfWaiting: Type.Number(), serviceLevel: Type.Number({ description: 'answered within the threshold over offered' }),
  asa: Nullable(Type.Number({ description: 'seconds; null when the queue grows without bound' })),
  occupancy: Type.Number(), probabilityOfAbandon: Type.Number(),
});

export const ErlangAnswer = Type.Object({
  kind: Type.Union([Type.Literal('staffed'), Type.Literal('unreachable'), Type.Literal('given')], { description: 'staffed: the fewest agents meeting the target; unreachable: not even 100,000 do; given: the staffing asked about' }),
  agents: Type.Integer(),
  metrics: QueueMetricsSchema,
});

export const ForecastBody = Type.Object({
  intervalMinutes: Opt(IntervalMinutes),
  counts: Opt(Type.Object({ start: Time, values: Type.Array(Type.Number({ minimum: 0, maximum: 1e9 }), { maxItems: 366 * 96 }) }, { additionalProperties: false, description: 'contacts per interval; absent, the interaction history\'s arrivals are counted' })),
  queueIds: Opt(Type.Array(Id, { minItems: 1, maxItems: 200, description: 'history: only contacts that arrived in these queues (default: every queue I supervise)' })),
  since: Opt(Type.Number({ minimum: 0, maximum: 1e15, description: 'history: only arrivals from this time (ms)' })),
  until: Opt(Time),
  utcOffsetMinutes: Opt(Type.Integer({ minimum: -840, maximum: 840 })),
  horizonDays: Opt(Type.Integer({ minimum: 1, maximum: 28 })),
  holdoutDays: Opt(Type.Integer({ minimum: 0, maximum: 28 })),
  holidays: Opt(Type.Array(Type.Object({ date: Type.String({ maxLength: 10 }), factor: Type.Number({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }), { maxItems: 366 })),
}, { additionalProperties: false });

export const ForecastAnswer = Type.Object({
  intervalMinutes: Type.Integer(),
  start: Type.Number({ description: 'start of the first forecast interval (ms)' }),
  counts: Type.Array(Type.Number()),
  history: Type.Object({ start: Type.Number(), intervals: Type.Integer(), contacts: Type.Number() }),
  model: Type.Object({ kind: Type.Literal('holt-winters-additive'), seasonIntervals: Type.Integer(), alpha: Type.Number(), beta: Type.Number(), gamma: Type.Number() }),
  accuracy: Nullable(Type.Object({ holdoutDays: Type.Integer(), intervals: Type.Integer(), mape: Nullable(Type.Number()), wape: Nullable(Type.Number()) })),
});

const Scenario = Type.Object({}, { additionalProperties: true, description: 'a simulation scenario (see examples/scenario.json); validated field by field (SCENARIO_INVALID names the path)' });

export const SimulateBody = Type.Object({
  scenario: Scenario,
  replication: Opt(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
}, { additionalProperties: false });

export const WhatIfBody = Type.Object({
  scenario: Scenario,
  proposal: Type.Object({}, { additionalProperties: true, description: 'another routing setup for the same traffic: domain, agents, ringDelay' }),
  replications: Type.Integer({ minimum: 2, maximum: 50 }),
}, { additionalProperties: false });

const Kpis = Type.Object({
  offered: Type.Integer(), answered: Type.Integer(), abandoned: Type.Integer(), expired: Type.Integer(), refused: Type.Integer(), unresolved: Type.Integer(),
  serviceLevel: Nullable(Type.Number()), asaSeconds: Nullable(Type.Number()), abandonmentRate: Nullable(Type.Number()),
  probabilityOfWaiting: Nullable(Type.Number()), occupancy: Nullable(Type.Number()),
});
const Series = Type.Object({ summary: Kpis, byInterval: Type.Array(Kpis) });

export const SimulationAnswer = Type.Object({
  seed: Type.Integer(), replication: Type.Integer(), intervalMinutes: Type.Integer(), intervals: Type.Integer(),
  contacts: Type.Integer(), events: Type.Integer(),
  total: Series,
  queues: Type.Record(Type.String(), Series),
  tiers: Type.Record(Type.String(), Series),
});

const Difference = Type.Object({
  baseline: Nullable(Type.Number()), proposal: Nullable(Type.Number()), difference: Nullable(Type.Number()),
  low: Nullable(Type.Number()), high: Nullable(Type.Number()), pairs: Type.Integer(),
});
const Differences = Type.Object({
  serviceLevel: Difference, asaSeconds: Difference, abandonmentRate: Difference, probabilityOfWaiting: Difference, occupancy: Difference,
});

export const WhatIfAnswer = Type.Object({
  replications: Type.Integer(), level: Type.Number(),
  total: Differences,
  queues: Type.Record(Type.String(), Differences),
  tiers: Type.Record(Type.String(), Differences),
});
