import { agentOf } from './agent-ops.js';
import type { DomainState } from './domain-state.js';
import { RoutingError } from './errors.js';
import type { AgentId, ContactId } from './ids.js';
import { boostMs } from './priority.js';
import { queueOf } from './queue-ops.js';
import type { ContactAttributes, ContactRec, RequiredSkills } from './records.js';
import { checkId, checkNumber, checkTime, fail, isRecord, optNumber, optString } from './validate.js';

/** A contact as submitted by a PBX, chat gateway or CRM: its attributes, plus routing hints. Times are epoch ms or ISO-8601. */
export interface ContactInput extends ContactAttributes {
  readonly id: string;
  readonly queueId: string;
  /** Account owner first, then substitutes: they get the contact first, for a window. */
  readonly preferredAgentIds?: readonly string[];
  readonly preferredWindowSeconds?: number;
  /** Extra head start in seconds (still capped by the queue's bound). */
  readonly boostSeconds?: number;
  /** A scheduled callback: the contact enters the queue at this time. */
  readonly callbackAt?: number | string;
  /**
   * Virtual hold from arrival: the caller has left the line (an IVR's "call me back") and an
   * agent calls back. It takes its place like any contact and is offered as a callback; it never
   * expires at max wait, as after {@link RoutingEngine.requestCallback}.
   */
  readonly callback?: boolean;
  /**
   * Skills the contact itself requires (at any level), on top of its queue's steps: only agents
   * with all of them may take it — the language a caller chose in the IVR (`lang.en`), say.
   */
  readonly requiredSkills?: readonly string[];
}

const KEYS = [
  'id', 'queueId', 'caller', 'customerId', 'reason', 'valueTier', 'valueScore', 'churnRisk', 'data',
  'preferredAgentIds', 'preferredWindowSeconds', 'boostSeconds', 'callbackAt', 'requiredSkills', 'callback',
] as const;

const KEY_SET: ReadonlySet<string> = new Set(KEYS);
/** The preferred agents of every contact that names none (shared: a snapshot carries it by name). */
export const NO_AGENTS: readonly AgentId[] = Object.freeze([]);

/** Validates the attributes. Each field is read by name (not in a loop over keys): this runs once per contact. */
function attributesOf(v: Record<string, unknown>): ContactAttributes {
  const attrs: { -readonly [K in keyof ContactAttributes]: ContactAttributes[K] } = {};
  const caller = optString(v.caller, 'contact.caller', 'INPUT_INVALID');
  if (caller !== undefined) attrs.caller = caller;
  const customerId = optString(v.customerId, 'contact.customerId', 'INPUT_INVALID');
  if (customerId !== undefined) attrs.customerId = customerId;
  const reason = optString(v.reason, 'contact.reason', 'INPUT_INVALID');
  if (reason !== undefined) attrs.reason = reason;
  const valueTier = optString(v.valueTier, 'contact.valueTier', 'INPUT_INVALID');
  if (valueTier !== undefined) attrs.valueTier = valueTier;
  if (v.valueScore !== undefined) attrs.valueScore = checkNumber(v.valueScore, 'contact.valueScore', { min: 0, max: 1e9, code: 'INPUT_INVALID' });
  if (v.churnRisk !== undefined) {
    if (typeof v.churnRisk !== 'boolean') fail('INPUT_INVALID', 'contact.churnRisk', 'must be true or false');
    attrs.churnRisk = v.churnRisk;
  }
  if (v.data !== undefined) attrs.data = dataOf(v.data);
  return attrs;
}

function dataOf(v: unknown): Record<string, string | number | boolean> {
  if (!isRecord(v) || Object.keys(v).length > 64) fail('INPUT_INVALID', 'contact.data', 'must be an object of at most 64 fields');
  for (const [k, x] of Object.entries(v)) {
    const ok = typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x.length <= 1024);
    if (!ok) fail('INPUT_INVALID', `contact.data.${k}`, 'must be a string (≤1024), a finite number or a boolean');
  }
  return v as Record<string, string | number | boolean>;
}

function preferredOf(d: DomainState, v: unknown): readonly AgentId[] {
  if (v === undefined) return NO_AGENTS;
  if (!Array.isArray(v) || v.length > 16) fail('INPUT_INVALID', 'contact.preferredAgentIds', 'must be a list of at most 16 agent ids');
  const ids = v.map((id) => agentOf(d, id).id);
  if (new Set(ids).size !== ids.length) fail('INPUT_INVALID', 'contact.preferredAgentIds', 'must not repeat an agent');
  return ids;
}

/** The most skills a contact may require of its agent. */
const MAX_REQUIRED = 16;

/** The contact's own required skills (undefined for none); SKILL_INVALID for a skill the catalogue lacks. */
function requiredOf(d: DomainState, v: unknown): RequiredSkills | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > MAX_REQUIRED) fail('INPUT_INVALID', 'contact.requiredSkills', `must be a list of at most ${MAX_REQUIRED} skill ids`);
  const at: number[] = [];
  v.forEach((s: unknown, i) => {
    if (typeof s !== 'string') fail('INPUT_INVALID', `contact.requiredSkills[${i}]`, 'must be a skill id');
    const idx = d.catalogue.indexOf(s);
    if (idx < 0) throw new RoutingError('SKILL_INVALID', `contact.requiredSkills[${i}]: no skill '${s.slice(0, 64)}' in the catalogue`);
    if (at.includes(idx)) fail('INPUT_INVALID', `contact.requiredSkills[${i}]`, `names '${s}' twice`);
    at.push(idx);
  });
  return at.length === 0 ? undefined : { ids: Object.freeze([...(v as string[])]), at };
}

/** The first checks of a contact input, in the engine's order: an object, known fields, a valid id. */
export function contactId(input: unknown): string {
  if (!isRecord(input)) fail('INPUT_INVALID', 'contact', 'must be an object');
  for (const k in input) if (!KEY_SET.has(k)) fail('INPUT_INVALID', `contact.${k}`, 'is not a known field');
  return checkId(input.id, 'contact.id');
}

/** Validates a contact input completely and builds its record (state new). Changes nothing. */
export function newContact(d: DomainState, input: unknown): ContactRec {
  const id = contactId(input);
  if (!isRecord(input)) fail('INPUT_INVALID', 'contact', 'must be an object');
  if (d.contacts.has(id)) throw new RoutingError('CONTACT_DUPLICATE', `contact '${id}' exists`);
  const q = queueOf(d, input.queueId);
  const attributes = attributesOf(input);
  const preferred = preferredOf(d, input.preferredAgentIds);
  const required = requiredOf(d, input.requiredSkills);
  const windowMs = optNumber(input.preferredWindowSeconds, q.config.preferredWindowMs / 1000, 'contact.preferredWindowSeconds', { min: 0, max: 86_400, code: 'INPUT_INVALID' }) * 1000;
  const explicit = optNumber(input.boostSeconds, 0, 'contact.boostSeconds', { min: 0, max: 86_400, code: 'INPUT_INVALID' }) * 1000;
  const callbackAt = input.callbackAt === undefined ? undefined : checkTime(input.callbackAt, 'contact.callbackAt');
  if (input.callback !== undefined && typeof input.callback !== 'boolean') fail('INPUT_INVALID', 'contact.callback', 'must be true or false');
  const start = callbackAt !== undefined && callbackAt > d.now ? callbackAt : d.now;
  const boost = boostMs(q.config.priority, attributes, explicit);
  return {
    id: id as ContactId, seq: d.contactSeq++, channelName: q.config.channel, queue: q, state: 'new',
    createdAt: d.now, queueEnteredAt: start, waitStartedAt: start, boostMs: boost, orderKey: start - boost, step: 0,
    heapPos: -1, version: 0, preferred, preferredUntil: preferred.length > 0 ? start + windowMs : 0,
    declinedBy: undefined, required, agent: undefined, assignment: undefined, callback: input.callback === true,
    callbackAt: callbackAt !== undefined && callbackAt > d.now ? callbackAt : undefined,
    overflowHops: 0, offers: 0, answeredAt: undefined, endedAt: undefined, attributes, decisions: undefined,
  };
}
