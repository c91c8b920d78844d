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
    holidays: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), { maxItems: 366, description: 'local dates (YYYY-MM-DD) the center is closed' })),
  }, { additionalProperties: false, description: 'open (inclusive) to close (exclusive) local time; close before open spans midnight (07:00–02:00)' })),
  queues: Type.Optional(Type.Record(Type.String(), Id, { description: 'home queue id → this center\'s own queue for that work (follow-the-sun)' })),
  maxWaitSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400, description: 'over this longest wait the center passes new calls to the next one' })),
}, { additionalProperties: false });
export type CenterConfig = Static<typeof CenterSchema>;

/** A region of callers (by number prefix or country) and its centers, nearest first. */
export const RegionSchema = Type.Object({
  id: Id,
  prefixes: Type.Optional(Type.Array(Type.String({ pattern: '^\\+[0-9]{1,14}$', description: 'an E.164 prefix, e.g. +7812' }), { maxItems: 10_000 })),
  countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 300 })),
  default: Type.Optional(Type.Boolean({ description: 'the region of callers no other region matches' })),
  centers: Type.Array(Id, { minItems: 1, maxItems: 100, description: 'center ids, nearest first' }),
}, { additionalProperties: false });
export type RegionConfig = Static<typeof RegionSchema>;

/** The customer's "circle": how far the relationship has come. */
export const SEGMENTS = ['prospect', 'contacted', 'bought', 'core'] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * Service targets for a customer segment — a value tier, a circle, or both (`policyOf` in
 * routing/service-policy.ts: tier and circle > tier > circle): the service-level threshold caps
 * how long the account team holds the call, `maxWaitSeconds` tightens the centers' wait bounds,
 * `expectedHandleSeconds` estimates waits until the queue has measured its handle time.
 */
export const ServicePolicySchema = Type.Object({
  id: Id,
  valueTier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  segment: Type.Optional(Type.Enum(SEGMENTS, { description: 'the circle: prospect, contacted, bought, core' })),
  serviceLevel: Type.Object({
    percent: Type.Number({ minimum: 0, maximum: 100 }),
    thresholdSeconds: Type.Number({ minimum: 0, maximum: 86_400 }),
  }, { additionalProperties: false }),
  maxWaitSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 604_800 })),
  expectedHandleSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 86_400 })),
}, { additionalProperties: false });
export type ServicePolicy = Static<typeof ServicePolicySchema>;

const PhoneNumbers = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'phone numbers, any format libphonenumber reads (E.164 preferred)' });
/** Account numbers a caller can key in the IVR. */
const Accounts = Type.Array(Type.String({ pattern: '^[0-9]{4,16}$' }), { maxItems: 100 });

/** A legal entity of a customer (a holding is one customer owning many): its numbers and accounts resolve to that customer. */
export const LegalEntitySchema = Type.Object({
  id: Id,
  name: Name,
  taxId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  numbers: Type.Optional(PhoneNumbers),
  accounts: Type.Optional(Accounts),
}, { additionalProperties: false });
export type LegalEntity = Static<typeof LegalEntitySchema>;

/**
 * A customer of the directory: many numbers and legal entities, a value tier and score, a
 * segment, an account owner and ordered substitutes, flags, cross-sell propensity and offers.
 */
export const CustomerSchema = Type.Object({
  id: Id,
  name: Name,
  numbers: PhoneNumbers,
  legalEntities: Type.Optional(Type.Array(LegalEntitySchema, { maxItems: 1000 })),
  segment: Type.Optional(Type.Enum(SEGMENTS, { description: 'the circle: prospect, contacted, bought, core' })),
  valueTier: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  valueScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })),
  churnRisk: Type.Optional(Type.Boolean()),
  ownerAgentId: Type.Optional(Id),
  /** Who takes the customer's calls when the owner cannot, in this order. */
  substituteAgentIds: Type.Optional(Type.Array(Id, { maxItems: 16 })),
  /** The credit controller who takes this customer's calls while invoices are overdue. */
  creditControllerAgentId: Type.Optional(Id),
  accounts: Type.Optional(Accounts),
  flags: Type.Optional(Type.Object({
    overdueInvoices: Type.Optional(Type.Boolean()), openComplaint: Type.Optional(Type.Boolean()),
    unfulfilledObligation: Type.Optional(Type.Boolean()), churnRisk: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false })),
  crossSellPropensity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  readinessToBuy: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  offers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
}, { additionalProperties: false });
export type Customer = Static<typeof CustomerSchema>;

/**
 * An external CRM the directory asks over HTTP (contract: docs/customer-directory.md), with a
 * budget per lookup and a cache; when it is slow, down or answers garbage, the embedded
 * directory answers (or no one: the caller is unknown).
 */
export const CrmSchema = Type.Object({
  url: Type.String({ pattern: '^https?://', maxLength: 2048, description: 'base URL; lookups are GET {url}/customers/…' }),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 10_000, description: 'budget of one lookup (default 250)' })),
  cacheTtlSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400, description: 'how long a customer found stays cached (default 60; 0: no cache)' })),
  negativeCacheTtlSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 3_600, description: 'how long "no such customer" stays cached (default 10)' })),
  cacheMaxEntries: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'default 10000' })),
  fallback: Type.Optional(Type.Union([Type.Literal('embedded'), Type.Literal('unknown')], { description: 'who answers when the CRM cannot (default embedded)' })),
  headers: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }), Type.String({ maxLength: 4096 }), { description: 'sent with every lookup, e.g. authorization' })),
}, { additionalProperties: false });
export type CrmConfig = Static<typeof CrmSchema>;

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
  rtjson: Type.Optional(Type.Boolean({ description: "Kamailio: route answers naming an agent carry the rtjson route set to it (default false)" })),
}, { additionalProperties: false });
export type PbxClient = Static<typeof PbxSchema>;

/**
 * The SIP server agents' softphones register to, and how the service issues their credentials
 * (`GET /v1/me/sip`): with a shared secret, ephemeral ones the PBX checks without a database
 * (Kamailio `auth_ephemeral`: user `<expiry>:<sip user>`, password base64(HMAC-SHA1(secret, user))).
 */
export const SipSchema = Type.Object({
  wsUri: Type.String({ pattern: '^wss?://', maxLength: 2048, description: 'SIP over WebSocket address of the PBX, e.g. wss://pbx.example.com:8089' }),
  domain: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: "domain of agents' addresses (default sipDomain)" })),
  sharedSecret: Type.Optional(Type.String({ minLength: 16, maxLength: 1024, description: 'shared with the PBX (auth_ephemeral secret); better set by SIP_SHARED_SECRET. Without one the service issues addresses only, for a PBX that trusts its network' })),
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 604_800, description: 'how long issued credentials stay valid (default 43200: a 12-hour shift)' })),
}, { additionalProperties: false });
export type SipConfig = Static<typeof SipSchema>;

/**
 * What an agent must file when it wraps up a contact of a queue: a disposition from the queue's
 * list and/or a free-text note. A queue without a policy asks for nothing (a filing is optional).
 */
export const WrapUpPolicySchema = Type.Object({
  queueId: Id,
  dispositions: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200, uniqueItems: true, description: 'the dispositions an agent may pick' }),
  requireDisposition: Type.Optional(Type.Boolean({ description: 'ending wrap-up (and logging out) is refused until a disposition is filed' })),
  requireNote: Type.Optional(Type.Boolean({ description: 'ending wrap-up (and logging out) is refused until a note is filed' })),
}, { additionalProperties: false });
export type WrapUpPolicy = Static<typeof WrapUpPolicySchema>;

/**
 * The service configuration file (`switchboard serve --config file.json`): the routing domain
 * (validated by the router), plus what only the service knows about.
 */
export const ServiceConfigSchema = Type.Object({
  domainId: Type.Optional(Id),
  domain: Type.Object({}, { additionalProperties: true, description: 'the routing domain: skills, channels, queues, agents (see the router README)' }),
  centers: Type.Optional(Type.Array(CenterSchema, { maxItems: 1000 })),
  regions: Type.Optional(Type.Array(RegionSchema, { maxItems: 1000 })),
  collections: Type.Optional(Type.Object({
    queueId: Id,
  }, { additionalProperties: false, description: 'calls of customers with overdue invoices go to this queue, their credit controller first' })),
  leads: Type.Optional(Type.Object({
    queueId: Id,
    fromQueues: Type.Optional(Type.Array(Id, { maxItems: 1000, description: 'home queues whose unknown callers become leads (default: every queue of the lead queue\'s channel)' })),
  }, { additionalProperties: false, description: 'calls from numbers no customer or lead owns create a lead and go to this queue' })),
  servicePolicies: Type.Optional(Type.Array(ServicePolicySchema, { maxItems: 1000 })),
  customers: Type.Optional(Type.Array(CustomerSchema)),
  /** More customers, in a JSON array or NDJSON file (a relative path is read from the configuration file's folder). */
  customersFile: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
  crm: Type.Optional(CrmSchema),
  users: Type.Array(UserSchema, { minItems: 1 }),
  pbx: Type.Optional(Type.Array(PbxSchema, { maxItems: 1000 })),
  dnis: Type.Optional(Type.Record(Type.String(), Id, { description: 'dialled number (E.164) → queue id' })),
  defaultCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO country for national caller numbers' })),
  sipDomain: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  sipUris: Type.Optional(Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 512, pattern: '^sips?:[^@;?]+@[^@]+$', description: 'sip:user@host[;params]: where calls for the agent go; its user part names the agent to the PBX' }))),
  sip: Type.Optional(SipSchema),
  ivrs: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 100, description: 'IVR definitions (packages/ivr/README.md), validated at start' })),
  scripts: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 500, description: 'conversation scripts (packages/ivr), validated at start' })),
  scriptRules: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 5000, description: 'rules that pick a script for a contact' })),
  /** The IVR a session uses when the PBX names none. */
  defaultIvr: Type.Optional(Id),
  wrapUpPolicies: Type.Optional(Type.Array(WrapUpPolicySchema, { maxItems: 1000, description: 'per queue: dispositions, and whether a disposition or note is required' })),
}, { additionalProperties: false });
