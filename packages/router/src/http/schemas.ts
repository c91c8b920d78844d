import { Type, type TSchema } from 'typebox';
import { STRATEGIES } from '../core/config.js';
import { CustomerSchema, Id } from '../service/config-schema.js';

/** Request and response schemas of the API (TypeBox → JSON Schema → OpenAPI at /docs). */

const Str = (max = 256) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Scalar = Type.Union([Type.String({ maxLength: 1024 }), Type.Number(), Type.Boolean()]);
const Levels = Type.Record(Type.String({ maxLength: 64 }), Type.Integer({ minimum: 1, maximum: 5 }), { description: 'skill → level 1–5' });

export const ErrorSchema = Type.Object({
  code: Type.String({ description: 'a code of docs/errors.md' }),
  status: Type.Integer(),
  message: Type.String(),
}, { $id: 'Error' });

/** The error answers every route can give. */
export const errorReplies = {
  400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema,
  413: ErrorSchema, 414: ErrorSchema, 415: ErrorSchema, 429: ErrorSchema, 500: ErrorSchema, 503: ErrorSchema,
};

export const Ok = Type.Object({ ok: Type.Literal(true) });

// ── requests ────────────────────────────────────────────────────────────────

const Requirement = Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Object({}, { additionalProperties: true, maxProperties: 8 })], {
  description: 'an expression such as `sales>=3 & (lang.ru | lang.en>=2)` or its JSON form',
});
export const StepSchema = Type.Object({ requirement: Requirement, afterSeconds: Type.Number({ minimum: 0, maximum: 86_400 }) }, { additionalProperties: false });
export const StepsSchema = Type.Array(StepSchema, { minItems: 1, maxItems: 16 });

const PrioritySchema = Type.Object({
  tierBoostSeconds: Opt(Type.Record(Type.String({ maxLength: 64 }), Type.Number({ minimum: 0 }))),
  scoreBoostSecondsPerPoint: Opt(Type.Number({ minimum: 0 })),
  reasonBoostSeconds: Opt(Type.Record(Type.String({ maxLength: 64 }), Type.Number({ minimum: 0 }))),
  churnRiskBoostSeconds: Opt(Type.Number({ minimum: 0 })),
  maxBoostSeconds: Type.Number({ minimum: 0 }),
}, { additionalProperties: false, description: 'head start in seconds per value tier, score point, reason and churn risk; capped' });
const ServiceLevelSchema = Type.Object({ percent: Type.Number({ minimum: 0, maximum: 100 }), thresholdSeconds: Type.Number({ minimum: 0, maximum: 86_400 }) }, { additionalProperties: false });

export const QueueConfigSchema = Type.Object({
  id: Id,
  name: Opt(Str(200)),
  channel: Opt(Id),
  steps: StepsSchema,
  strategy: Opt(Type.Union(STRATEGIES.map((s) => Type.Literal(s)))),
  skillWeights: Opt(Type.Record(Type.String({ maxLength: 64 }), Type.Number({ minimum: 0 }))),
  serviceLevel: Opt(ServiceLevelSchema),
  maxWaitSeconds: Opt(Type.Number({ minimum: 0 })),
  maxLength: Opt(Type.Integer({ minimum: 0 })),
  overflowQueueId: Opt(Id),
  ringTimeoutSeconds: Opt(Type.Number({ minimum: 1, maximum: 600 })),
  wrapUpSeconds: Opt(Type.Number({ minimum: 0, maximum: 86_400 })),
  autoPauseAfterMissed: Opt(Type.Integer({ minimum: 0, maximum: 100 })),
  preferredWindowSeconds: Opt(Type.Number({ minimum: 0, maximum: 86_400 })),
  paused: Opt(Type.Boolean({ description: 'paused by a supervisor: contacts wait, nobody is offered one' })),
  priority: Opt(PrioritySchema),
}, { additionalProperties: false, $id: 'QueueConfig' });

/** What a queue's supervisors tune live (`PUT /v1/queues/:id/policy`); a field left out goes back to its default. */
export const PolicyBody = Type.Object({
  steps: StepsSchema,
  strategy: Opt(Type.Union(STRATEGIES.map((s) => Type.Literal(s)))),
  priority: Opt(PrioritySchema),
  serviceLevel: Opt(ServiceLevelSchema),
  maxWaitSeconds: Opt(Type.Number({ minimum: 0 })),
  ringTimeoutSeconds: Opt(Type.Number({ minimum: 1, maximum: 600 })),
  wrapUpSeconds: Opt(Type.Number({ minimum: 0, maximum: 86_400 })),
}, { additionalProperties: false });

const Absences = Type.Array(Type.Object({
  from: Type.Union([Type.String({ maxLength: 64 }), Type.Number()], { description: 'epoch ms or ISO-8601, inclusive' }),
  to: Type.Union([Type.String({ maxLength: 64 }), Type.Number()], { description: 'epoch ms or ISO-8601, exclusive' }),
}, { additionalProperties: false }), { maxItems: 1000 });

export const AgentConfigSchema = Type.Object({
  id: Id,
  name: Opt(Str(200)),
  team: Opt(Str(128)),
  center: Opt(Str(128)),
  skills: Levels,
  capacity: Opt(Type.Integer({ minimum: 1, maximum: 1000 })),
  maxPerChannel: Opt(Type.Record(Type.String({ maxLength: 64 }), Type.Integer({ minimum: 0 }))),
  weight: Opt(Type.Number({ minimum: 0.001, maximum: 1e6 })),
  absences: Opt(Absences),
}, { additionalProperties: false, $id: 'AgentConfig' });

export const AbsencesBody = Type.Object({ absences: Absences }, { additionalProperties: false });

export const SkillsBody = Type.Object({ skills: Levels }, { additionalProperties: false });
export const PausedBody = Type.Object({ paused: Type.Boolean() }, { additionalProperties: false });
export const StepsBody = Type.Object({ steps: StepsSchema }, { additionalProperties: false });

const Attributes = {
  caller: Opt(Type.String({ maxLength: 64, description: 'the caller-id; empty or a withheld marker (anonymous, restricted, private…) routes the call unidentified, as does text that is not a valid number' })),
  customerId: Opt(Id),
  reason: Opt(Type.String({ minLength: 1, maxLength: 128 })),
  data: Opt(Type.Record(Type.String({ maxLength: 64 }), Scalar, { maxProperties: 56, description: 'up to 56 fields: routing adds up to 8 of its own (routedBy, callerCountry, callerNumber, customerLookup, region, center, leadId, policy; a value sent under one of those names is dropped)' })),
};

export const ContactBody = Type.Object({
  id: Id,
  queueId: Id,
  ...Attributes,
  valueTier: Opt(Type.String({ minLength: 1, maxLength: 64 })),
  valueScore: Opt(Type.Number({ minimum: 0, maximum: 1e9 })),
  churnRisk: Opt(Type.Boolean()),
  preferredAgentIds: Opt(Type.Array(Id, { maxItems: 16 })),
  preferredWindowSeconds: Opt(Type.Number({ minimum: 0, maximum: 86_400 })),
  boostSeconds: Opt(Type.Number({ minimum: 0, maximum: 86_400 })),
  callbackAt: Opt(Type.Union([Type.Number(), Type.String({ maxLength: 64 })])),
  requiredSkills: Opt(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 16, description: 'skills the contact itself requires of its agent (any level), on top of its queue\'s steps' })),
}, { additionalProperties: false });

export const RouteBody = Type.Object({
  callId: Type.String({ minLength: 1, maxLength: 512, description: 'the SIP Call-ID: a retry with the same Call-ID gets the same answer' }),
  dnis: Opt(Type.String({ minLength: 1, maxLength: 64, description: 'the dialled number; picks the queue when queueId is absent' })),
  queueId: Opt(Id),
  ...Attributes,
  requiredSkills: Opt(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 16, description: 'skills the caller needs of the agent (a language: lang.en), on top of the queue\'s steps' })),
  waitSeconds: Opt(Type.Number({ minimum: 0, maximum: 30, description: 'long poll: wait this long for an agent when the call queues' })),
}, { additionalProperties: false });

export const WaitQuery = Type.Object({ waitSeconds: Opt(Type.Number({ minimum: 0, maximum: 30 })) }, { additionalProperties: false });
export const TokenBody = Type.Object({ token: Type.Integer({ minimum: 0, description: 'the fencing token of the offer' }) }, { additionalProperties: false });
export const QueueBody = Type.Object({ queueId: Id }, { additionalProperties: false });
export const PresenceBody = Type.Union([
  Type.Object({ state: Type.Literal('loggedIn') }, { additionalProperties: false }),
  Type.Object({ state: Type.Literal('ready') }, { additionalProperties: false }),
  Type.Object({ state: Type.Literal('notReady'), reason: Opt(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$', description: 'reason code' })) }, { additionalProperties: false }),
  Type.Object({ state: Type.Literal('loggedOut') }, { additionalProperties: false }),
]);
export const LoginBody = Type.Object({ user: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Id });
export const LimitQuery = Type.Object({ limit: Opt(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false });

// ── responses ───────────────────────────────────────────────────────────────

const AttributesOut = Type.Object({
  caller: Opt(Type.String()), customerId: Opt(Type.String()), reason: Opt(Type.String()), valueTier: Opt(Type.String()),
  valueScore: Opt(Type.Number()), churnRisk: Opt(Type.Boolean()), data: Opt(Type.Record(Type.String(), Scalar)),
});

export const ContactView = Type.Object({
  id: Type.String(), seq: Type.Integer(), state: Type.String(), queueId: Type.String(), channel: Type.String(), step: Type.Integer(),
  orderKey: Type.Number(), boostMs: Type.Number(), createdAt: Type.Number(), queueEnteredAt: Type.Number(), waitStartedAt: Type.Number(),
  agentId: Opt(Type.String()),
  reservation: Opt(Type.Object({ id: Type.String(), token: Type.Integer(), deadline: Type.Number() })),
  preferredAgentIds: Type.Array(Type.String()), preferredUntil: Type.Number(), declinedBy: Type.Array(Type.String()),
  requiredSkills: Type.Array(Type.String(), { description: 'skills the contact itself requires of its agent' }),
  callback: Type.Boolean(), callbackAt: Opt(Type.Number()), offers: Type.Integer(),
  answeredAt: Opt(Type.Number()), endedAt: Opt(Type.Number()), attributes: AttributesOut,
  script: Opt(Type.Object({ scriptId: Type.String(), title: Type.String(), ruleId: Type.String(), offersAllowed: Type.Boolean() }, { description: 'on the desk: the script selected for this contact' })),
  wrapUp: Opt(Type.Object({ dispositions: Type.Array(Type.String()), requireDisposition: Type.Boolean(), requireNote: Type.Boolean() }, { description: "on the desk: what this contact's wrap-up asks for (its queue's policy)" })),
}, { $id: 'Contact' });

export const AgentStats = Type.Object({
  agentId: Type.String(), handled: Type.Integer(), missedInARow: Type.Integer(), staffedMs: Type.Number(), occupiedMs: Type.Number(), occupancy: Nullable(Type.Number()),
});

export const AgentView = Type.Object({
  id: Type.String(), name: Type.String(), team: Opt(Type.String()), center: Opt(Type.String()),
  presence: Type.String(), activity: Type.String(), reason: Opt(Type.String()), presenceSince: Type.Number(),
  capacity: Type.Integer(), used: Type.Integer(), skills: Type.Record(Type.String(), Type.Integer()),
  memberships: Type.Array(Type.Object({ queueId: Type.String(), step: Type.Integer(), score: Type.Number() })),
  assignments: Type.Array(Type.Object({ contactId: Type.String(), queueId: Type.String(), phase: Type.String(), since: Type.Number() })),
  absences: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number() })),
  handled: Type.Integer(),
  stats: Opt(AgentStats),
}, { $id: 'Agent' });

export const QueueStats = Type.Object({
  queueId: Type.String(), waiting: Type.Integer(), waitingForPreferred: Type.Integer(), longestWaitMs: Type.Number(), readyAgents: Type.Integer(),
  offered: Type.Integer(), answered: Type.Integer(), abandoned: Type.Integer(), expired: Type.Integer(), refused: Type.Integer(),
  overflowed: Type.Integer(), transferred: Type.Integer(), serviceLevel: Nullable(Type.Number()), serviceLevel2: Nullable(Type.Number()),
  serviceLevelTarget: Type.Object({ percent: Type.Number(), thresholdSeconds: Type.Number() }),
  asaMs: Nullable(Type.Number()), ahtMs: Nullable(Type.Number()), abandonmentRate: Nullable(Type.Number()),
}, { $id: 'QueueStats' });

export const SubmitOutcome = Type.Object({
  kind: Type.Union(['reserved', 'queued', 'preferred', 'scheduled', 'refused'].map((k) => Type.Literal(k))),
  contactId: Type.String(), queueId: Type.String(),
  agentId: Opt(Type.String()), reservationId: Opt(Type.String()), token: Opt(Type.Integer()), deadline: Opt(Type.Number()),
  step: Opt(Type.Integer()), waiting: Opt(Type.Integer()), until: Opt(Type.Number()), callbackAt: Opt(Type.Number()),
});

/** Why the service sent a call where it went (`RoutingNote`). */
const RoutingNote = Type.Object({
  reason: Type.String({ description: 'account-team (owner, substitutes, team first), collections, lead, or queue' }),
  centerId: Opt(Type.String()), regionId: Opt(Type.String()), leadId: Opt(Type.String()), policyId: Opt(Type.String()),
  callerNumber: Opt(Type.String({ description: 'withheld or invalid: the caller-id held no usable number; routed unidentified' })),
  customerLookup: Opt(Type.String({ description: 'failed (the directory could not answer: routed unidentified, no lead) or fallback (its fallback named the customer)' })),
}, { description: 'why the call went where it went' });

export const RouteAnswer = Type.Object({
  status: Type.Union(['reserved', 'queued', 'connected', 'ended'].map((k) => Type.Literal(k))),
  contactId: Type.String(), queueId: Type.String(),
  agentId: Opt(Type.String()), sipUri: Opt(Type.String()), reservationId: Opt(Type.String()), deadline: Opt(Type.Number()),
  position: Opt(Type.Integer()), expectedWaitSeconds: Opt(Type.Number()), state: Opt(Type.String()),
  rtjson: Opt(Type.Object({
    version: Type.String(), routing: Type.String(),
    routes: Type.Array(Type.Object({ uri: Type.String(), headers: Type.Object({ extra: Type.String() }), fr_inv_timer: Type.Integer() })),
  }, { description: "Kamailio's rtjson route set to the reserved agent (X-Switchboard-Contact and -Reservation headers; ring timer ending before the router's deadline), for a PBX configured with rtjson: true" })),
  routing: Opt(RoutingNote),
}, { $id: 'RouteAnswer' });

/** A customer of the directory, as configured (or as the CRM answered). */
export const Customer = CustomerSchema;

export const AuditEntry = Type.Object({
  id: Type.String(), at: Type.String(), actor: Type.String(), action: Type.String(), kind: Type.String(), entityId: Type.String(),
  before: Type.Unknown(), after: Type.Unknown(),
});

export const Trace = Type.Object({
  decisions: Type.Array(Type.Object({
    at: Type.Number(), trigger: Type.String(), contactId: Type.String(), queueId: Type.String(), step: Type.Integer(), outcome: Type.String(),
    agentId: Opt(Type.String()), strategy: Type.String(),
    candidates: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), pool: Opt(Type.String()), key: Opt(Type.Array(Type.Number())), skipped: Opt(Type.String()) })),
    score: Opt(Type.Object({ total: Type.Number(), components: Type.Array(Type.Object({ skill: Type.String(), level: Type.Number(), weight: Type.Number(), contribution: Type.Number() })) })),
  })),
  eligibility: Type.Array(Type.Object({ agentId: Type.String(), eligibility: Type.String(), memberStep: Type.Integer(), score: Type.Number() })),
  routing: Opt(RoutingNote),
  script: Opt(Type.Object({
    scriptId: Type.String(), ruleId: Type.String(), offersAllowed: Type.Boolean(),
    matched: Type.Array(Type.Object({ ruleId: Type.String(), specificity: Type.Integer() })),
    nearMisses: Type.Array(Type.Object({ ruleId: Type.String(), failed: Type.String() })),
  }, { description: 'the script selected, the rules that matched and those that almost did' })),
});

/** A contact's script: the selection, the definition and the agent's run through it. */
export const ContactScript = Type.Object({
  selection: Type.Object({ scriptId: Type.String(), ruleId: Type.String(), offersAllowed: Type.Boolean() }, { additionalProperties: true }),
  script: Type.Object({ id: Type.String(), title: Type.String() }, { additionalProperties: true }),
  run: Opt(Type.Object({ scriptId: Type.String(), stepId: Opt(Type.String()), done: Type.Boolean() }, { additionalProperties: true })),
});
export const AnswerBody = Type.Object({ answer: Opt(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });

/**
 * Hands a service result to Fastify, which serialises it through the route's response schema
 * (dropping anything the schema does not name). The views' `x: T | undefined` fields do not
 * type-check against TypeBox's optional properties under `exactOptionalPropertyTypes`, so the
 * static check stops here; the schema and the API tests check the shape.
 */
export const reply = (v: Promise<unknown>): Promise<never> => v as Promise<never>; // the same promise: no async wrapper per request
