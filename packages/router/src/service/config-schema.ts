import { Type, type Static } from 'typebox';

/** Ids everywhere in Switchboard: 1–128 characters of A–Z a–z 0–9 . _ : @ + - */
export const Id = Type.String({ pattern: '^[A-Za-z0-9._:@+-]{1,128}$', description: 'an id: 1–128 characters of A–Z a–z 0–9 . _ : @ + -' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour' });

/** A contact center (site) with its time zone and opening hours; agents name it in `center`. */
export const CenterSchema = Type.Object({
  id: Id,
  name: Type.Optional(Name),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Moscow' }),
  hours: Type.Optional(Type.Object({
    open: Clock, close: Clock,
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: 'ISO weekdays, 1 = Monday' }),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export type CenterConfig = Static<typeof CenterSchema>;

/** Service targets for a customer segment (value tier): what supervisors are measured against. */
export const ServicePolicySchema = Type.Object({
  id: Id,
  valueTier: Type.String({ minLength: 1, maxLength: 64 }),
  serviceLevel: Type.Object({
    percent: Type.Number({ minimum: 0, maximum: 100 }),
    thresholdSeconds: Type.Number({ minimum: 0, maximum: 86_400 }),
  }, { additionalProperties: false }),
  maxWaitSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 604_800 })),
  expectedHandleSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 86_400 })),
}, { additionalProperties: false });
export type ServicePolicy = Static<typeof ServicePolicySchema>;

/** A customer of the directory: many numbers, one value tier, an account owner and substitutes. */
export const CustomerSchema = Type.Object({
  id: Id,
  name: Name,
  numbers: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 }),
  valueTier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  valueScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  churnRisk: Type.Optional(Type.Boolean()),
  ownerAgentId: Type.Optional(Id),
  substituteAgentIds: Type.Optional(Type.Array(Id, { maxItems: 16 })),
  /** Account numbers a caller can key in the IVR. */
  accounts: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{4,16}$' }), { maxItems: 100 })),
  flags: Type.Optional(Type.Object({
    overdueInvoices: Type.Optional(Type.Boolean()), openComplaint: Type.Optional(Type.Boolean()),
    unfulfilledObligation: Type.Optional(Type.Boolean()), churnRisk: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false })),
  crossSellPropensity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  readinessToBuy: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  offers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
}, { additionalProperties: false });
export type Customer = Static<typeof CustomerSchema>;

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
/** Who a user is to the service. */
export type Role = (typeof ROLES)[number];

/**
 * A user who logs in with a password. Agents name their agent id; supervisors the teams and
 * queues they supervise (`*` for all). `passwordHash` is `scrypt:<salt>:<hash>` (base64), as
 * `switchboard hash-password` prints.
 */
export const UserSchema = Type.Object({
  id: Id,
  name: Type.Optional(Name),
  role: Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')]),
  passwordHash: Type.String({ pattern: '^scrypt:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' }),
  agentId: Type.Optional(Id),
  teams: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 })),
  queues: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 1000 })),
}, { additionalProperties: false });
export type User = Static<typeof UserSchema>;

/** A PBX (or chat gateway) that submits and routes contacts, with its API key (sent as `x-api-key`). */
export const PbxSchema = Type.Object({
  id: Id,
  apiKey: Type.String({ minLength: 16, maxLength: 256 }),
}, { additionalProperties: false });
export type PbxClient = Static<typeof PbxSchema>;

/**
 * The service configuration file (`switchboard serve --config file.json`): the routing domain
 * (validated by the router), plus what only the service knows about.
 */
export const ServiceConfigSchema = Type.Object({
  domainId: Type.Optional(Id),
  domain: Type.Object({}, { additionalProperties: true, description: 'the routing domain: skills, channels, queues, agents (see the router README)' }),
  centers: Type.Optional(Type.Array(CenterSchema, { maxItems: 1000 })),
  servicePolicies: Type.Optional(Type.Array(ServicePolicySchema, { maxItems: 1000 })),
  customers: Type.Optional(Type.Array(CustomerSchema)),
  users: Type.Array(UserSchema, { minItems: 1 }),
  pbx: Type.Optional(Type.Array(PbxSchema, { maxItems: 1000 })),
  dnis: Type.Optional(Type.Record(Type.String(), Id, { description: 'dialled number (E.164) → queue id' })),
  defaultCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO country for national caller numbers' })),
  sipDomain: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  sipUris: Type.Optional(Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 512 }))),
  ivrs: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 100, description: 'IVR definitions (packages/ivr/README.md), validated at start' })),
  scripts: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500, description: 'conversation scripts (packages/ivr), validated at start' })),
  scriptRules: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 5000, description: 'rules that pick a script for a contact' })),
  /** The IVR a session uses when the PBX names none. */
  defaultIvr: Type.Optional(Id),
}, { additionalProperties: false });
