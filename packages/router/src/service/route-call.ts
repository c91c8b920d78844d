import { createHash } from 'node:crypto';
import type { ContactInput } from '../core/contact-input.js';
import { isRoutingError } from '../core/errors.js';
import { ID_PATTERN } from '../core/ids.js';
import type { SubmitOutcome } from '../core/routing-engine.js';
import type { ContactView } from '../core/views.js';
import type { CallerNumberProblem } from './caller-number.js';
import type { ServiceContext } from './context.js';
import { identifyCaller, type CallerIdentity, type DirectoryAnswer } from './customers/caller-identity.js';
import { normalizeNumber } from './phone.js';
import { liveView } from './routing/live-view.js';
import { planCall, type RoutePlan } from './routing/route-plan.js';
import { routerNow } from './routing/router-clock.js';
import { rtjsonOf, type RtjsonDocument } from './routing/rtjson.js';
import type { Actor } from './access.js';
import type { ServiceConfig } from './service-config.js';
import { expectedWaitSeconds } from './routing/service-policy.js';
import { forgetScriptSelection, rememberScriptSelection } from './script-selection.js';
import { answerKeyOf, endIfHungUpEarly, HUNG_UP } from './early-hangup.js';
import { leadForCall } from './leads/lead-ops.js';
import { ServiceError } from './service-errors.js';
import { agentSipUri } from './sip-credentials.js';

/** A PBX asks where to send a call. `callId` (the SIP Call-ID) makes the request idempotent. */
export interface RouteCallInput {
  readonly callId: string;
  readonly caller?: string;
  readonly dnis?: string;
  readonly queueId?: string;
  readonly customerId?: string;
  readonly reason?: string;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
  /** Skills the caller needs of the agent (a language, `lang.en`), whatever queue the call lands in. */
  readonly requiredSkills?: readonly string[];
  /** Long poll: wait up to this many seconds for an agent when the call queues. */
  readonly waitSeconds?: number;
  /** The caller chose to be called back (an IVR's callback exit): the contact is on virtual hold from arrival. */
  readonly callback?: boolean;
}

/** Where the call goes now, and (when the service planned it) why. */
export type RouteAnswer = RouteStatus & { readonly routing?: RoutingNote };

/** Where the call goes now. */
export type RouteStatus =
  | { readonly status: 'reserved'; readonly contactId: string; readonly queueId: string; readonly agentId: string; readonly sipUri: string; readonly reservationId: string; readonly deadline: number; readonly rtjson?: RtjsonDocument }
  | { readonly status: 'queued'; readonly contactId: string; readonly queueId: string; readonly position: number; readonly expectedWaitSeconds: number }
  | { readonly status: 'connected'; readonly contactId: string; readonly queueId: string; readonly agentId: string; readonly sipUri: string }
  | { readonly status: 'ended'; readonly contactId: string; readonly queueId: string; readonly state: string };

const ANSWER_TTL_MS = 3_600_000;
/** The longest long poll of a route request. */
const MAX_WAIT_SECONDS = 30;

/** The contact id of a call: the Call-ID itself when it is a valid id, else a digest of it. */
export function contactIdOfCall(callId: string): string {
  if (ID_PATTERN.test(callId)) return callId;
  return `sip-${createHash('sha256').update(callId).digest('hex').slice(0, 40)}`;
}


/** An answer made here, with the routing note when there is one (the answer is fresh: no copy). */
function noted(answer: RouteStatus, note: RoutingNote | undefined): RouteAnswer {
  if (note !== undefined) (answer as { routing?: RoutingNote }).routing = note;
  return answer;
}

/**
 * The answer for an offer: the agent and its address. Spelled out rather than spread from `o`:
 * V8 took its slow path adding properties after the spread, about 1 % of a routed call.
 */
function reservedAnswer(ctx: ServiceContext, o: { contactId: string; queueId: string; agentId: string; reservationId: string; deadline: number }, note: RoutingNote | undefined): RouteAnswer {
  const { contactId, queueId, agentId, reservationId, deadline } = o;
  return noted({ status: 'reserved', contactId, queueId, agentId, reservationId, deadline, sipUri: agentSipUri(ctx.config, agentId) }, note);
}

const routeSetPbx = new WeakMap<ServiceConfig, ReadonlySet<string>>();

/**
 * A route answer as `actor` gets it: a PBX configured with `rtjson: true` (Kamailio) gets the
 * rtjson route set to the reserved agent, made now (its ring timer ends just before the
 * deadline, also for a retry); every other caller gets the answer as it is. Answers are kept
 * (idempotency, IVR sessions) without it.
 */
export function withRouteSet(ctx: ServiceContext, actor: Actor, answer: RouteAnswer): RouteAnswer {
  if (answer.status !== 'reserved' || actor.kind !== 'pbx') return answer;
  let ids = routeSetPbx.get(ctx.config);
  if (ids === undefined) routeSetPbx.set(ctx.config, (ids = new Set(ctx.config.pbx.filter((p) => p.rtjson === true).map((p) => p.id))));
  return ids.has(actor.id) ? { ...answer, rtjson: rtjsonOf(answer, routerNow()) } : answer; // the deadline is on the router's clock
}

function queueOfCall(ctx: ServiceContext, input: RouteCallInput): string {
  if (input.queueId !== undefined) return input.queueId;
  const dnis = input.dnis === undefined ? undefined : normalizeNumber(input.dnis, ctx.config.defaultCountry).e164;
  const q = dnis === undefined ? undefined : ctx.config.dnis[dnis];
  if (q === undefined) throw new ServiceError('REQUEST_INVALID', `no queueId, and no queue configured for dnis '${input.dnis ?? ''}'`);
  return q;
}

/** Why the call went where it went (also kept in the contact's data, so status answers carry it too). */
export interface RoutingNote {
  readonly reason: RoutePlan['reason'];
  readonly centerId?: string;
  readonly regionId?: string;
  readonly leadId?: string;
  readonly policyId?: string;
  /** The caller-id held no usable number: withheld, or invalid. The call is routed unidentified. */
  readonly callerNumber?: CallerNumberProblem;
  /**
   * The customer directory could not answer: `failed` (nobody named the customer: routed to the
   * queue asked for, no account team, no lead), `fallback` (its fallback named them).
   */
  readonly customerLookup?: DirectoryAnswer;
}

/**
 * The data fields routing writes (the routing note). A caller's own values for them are dropped:
 * they would read back as the router's decision (a lead, a policy it never chose). With them, a
 * contact's data stays within the router's 64 fields whatever the PBX sent (at most 56).
 */
const ROUTING_DATA_KEYS: ReadonlySet<string> = new Set(['routedBy', 'callerCountry', 'callerNumber', 'customerLookup', 'region', 'center', 'leadId', 'policy']);

/** The contact's data, with what the plan decided (read back by {@link routingNoteOf}). */
function dataOf(input: RouteCallInput, who: CallerIdentity, plan: RoutePlan): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(input.data ?? {})) if (!ROUTING_DATA_KEYS.has(k)) out[k] = v;
  out.routedBy = plan.reason;
  if (who.number?.country !== undefined) out.callerCountry = who.number.country;
  if (who.numberProblem !== undefined) out.callerNumber = who.numberProblem;
  if (who.directory !== undefined) out.customerLookup = who.directory;
  if (plan.center.regionId !== undefined) out.region = plan.center.regionId;
  if (plan.center.centerId !== undefined) out.center = plan.center.centerId;
  if (plan.leadId !== undefined) out.leadId = plan.leadId;
  if (plan.policyId !== undefined) out.policy = plan.policyId;
  return out;
}

/** A text field of a contact's data (a top-level function: a closure here would be named, by defineProperty, on every call under tsx). */
function textOf(d: NonNullable<ContactView['attributes']['data']>, k: string): string | undefined {
  const v = d[k];
  return typeof v === 'string' ? v : undefined;
}

/** The routing note a contact's data keeps, if the service planned it. */
export function routingNoteOf(data: ContactView['attributes']['data']): RoutingNote | undefined {
  const d = data ?? {};
  const reason = textOf(d, 'routedBy') as RoutingNote['reason'] | undefined;
  if (reason === undefined) return undefined;
  const [centerId, regionId, leadId, policyId] = [textOf(d, 'center'), textOf(d, 'region'), textOf(d, 'leadId'), textOf(d, 'policy')];
  const callerNumber = textOf(d, 'callerNumber') as CallerNumberProblem | undefined;
  const customerLookup = textOf(d, 'customerLookup') as DirectoryAnswer | undefined;
  return {
    reason, ...(centerId === undefined ? {} : { centerId }), ...(regionId === undefined ? {} : { regionId }),
    ...(leadId === undefined ? {} : { leadId }), ...(policyId === undefined ? {} : { policyId }),
    ...(callerNumber === undefined ? {} : { callerNumber }), ...(customerLookup === undefined ? {} : { customerLookup }),
  };
}

/**
 * The router's contact for a call: caller identified (number normalised, customer looked up),
 * then planned — a debtor to collections, a known customer to their owner, substitutes and
 * team, an unknown number to a new lead — and follow-the-sun picks the center's queue. A
 * withheld or malformed caller-id, or a directory that cannot answer, routes the call
 * unidentified to the queue asked for (and makes no lead).
 */
async function contactOfCall(ctx: ServiceContext, input: RouteCallInput, homeQueueId: string, who: CallerIdentity): Promise<{ contact: ContactInput; plan: RoutePlan }> {
  const caller = who.number;
  const cu = who.customer;
  const id = contactIdOfCall(input.callId);
  const plan = await planCall(ctx, {
    contactId: id, homeQueueId, customer: cu, reason: input.reason, data: input.data ?? {},
    caller: caller === undefined ? undefined : { e164: caller.e164, country: caller.country },
    identified: who.directory !== 'failed',
  });
  const contact: ContactInput = {
    id, queueId: plan.center.queueId,
    ...(caller === undefined ? {} : { caller: caller.e164 }),
    ...(cu === undefined ? {} : { customerId: cu.id }),
    ...(cu?.valueTier === undefined ? {} : { valueTier: cu.valueTier }),
    ...(cu?.valueScore === undefined ? {} : { valueScore: cu.valueScore }),
    ...(cu?.churnRisk === undefined ? {} : { churnRisk: cu.churnRisk }),
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    ...(input.requiredSkills === undefined || input.requiredSkills.length === 0 ? {} : { requiredSkills: input.requiredSkills }),
    data: dataOf(input, who, plan),
    ...(input.callback === true ? { callback: true } : {}),
    ...(plan.preferredAgentIds.length === 0 ? {} : { preferredAgentIds: plan.preferredAgentIds }),
    ...(plan.preferredAgentIds.length === 0 || plan.preferredWindowSeconds === undefined ? {} : { preferredWindowSeconds: plan.preferredWindowSeconds }),
  };
  return { contact, plan };
}

const staffing = new WeakMap<ServiceContext, { at: number; perQueue: Promise<Map<string, number>> }>();

/**
 * Logged-in agents per queue, counted at most once a second (listing agents is O(agents)); a
 * second of this process's monotonic clock, not of the service's wall clock (tests and demos pin it).
 */
function staffedPerQueue(ctx: ServiceContext): Promise<Map<string, number>> {
  const now = performance.now();
  const cached = staffing.get(ctx);
  if (cached !== undefined && now - cached.at < 1_000) return cached.perQueue;
  const perQueue = ctx.store.listAgents().then((agents) => {
    const m = new Map<string, number>();
    for (const a of agents) if (a.presence !== 'offline') for (const q of new Set(a.memberships.map((x) => x.queueId))) m.set(q, (m.get(q) ?? 0) + 1);
    return m;
  });
  staffing.set(ctx, { at: now, perQueue });
  return perQueue;
}

/** The expected handle time (seconds) of the service policy the call was planned with, if it names one. */
async function expectedHandleOf(ctx: ServiceContext, c: ContactView): Promise<number | undefined> {
  const id = routingNoteOf(c.attributes.data)?.policyId;
  return id === undefined ? undefined : (await liveView(ctx)).policies.find((p) => p.id === id)?.expectedHandleSeconds;
}

/**
 * Position (1 = next) of a waiting contact in its queue, and an expected wait: position × handle
 * time over the logged-in agents — the queue's measured AHT, or before it has one the expected
 * handle time of the caller's service policy (`expectedWaitSeconds`).
 */
async function placeOf(ctx: ServiceContext, c: ContactView): Promise<{ position: number; expectedWaitSeconds: number }> {
  const [{ position }, staffed, stats, expectedHandleSeconds] = await Promise.all([
    ctx.store.queuePosition(c.id), staffedPerQueue(ctx), ctx.store.queueStats(c.queueId), expectedHandleOf(ctx, c),
  ]);
  return { position, expectedWaitSeconds: expectedWaitSeconds({ position, staffed: staffed.get(c.queueId) ?? 0, measuredHandleMs: stats.ahtMs, expectedHandleSeconds }) };
}

/** The answer for a contact as it is now. */
export async function answerOf(ctx: ServiceContext, c: ContactView): Promise<RouteAnswer> {
  const note = routingNoteOf(c.attributes.data);
  const base = { contactId: c.id, queueId: c.queueId, ...(note === undefined ? {} : { routing: note }) };
  if (c.state === 'reserved' && c.agentId !== undefined && c.reservation !== undefined) {
    return reservedAnswer(ctx, { contactId: c.id, queueId: c.queueId, agentId: c.agentId, reservationId: c.reservation.id, deadline: c.reservation.deadline }, note);
  }
  if (c.state === 'active' && c.agentId !== undefined) return { status: 'connected', ...base, agentId: c.agentId, sipUri: agentSipUri(ctx.config, c.agentId) };
  if (c.state === 'scheduled') {
    const stats = await ctx.store.queueStats(c.queueId); // a callback not yet due joins behind those waiting now
    return { status: 'queued', ...base, position: stats.waiting + 1, expectedWaitSeconds: Math.max(0, Math.ceil(((c.callbackAt ?? 0) - routerNow()) / 1000)) };
  }
  if (c.state === 'queued' || c.state === 'preferred') {
    try {
      return { status: 'queued', ...base, ...(await placeOf(ctx, c)) };
    } catch (e) {
      if (!isRoutingError(e, 'CONTACT_STATE_INVALID')) throw e;
      return answerOf(ctx, await ctx.store.getContact(c.id)); // offered (or ended) meanwhile: answer what it is now
    }
  }
  return { status: 'ended', ...base, state: c.state };
}

/** The first answer for a submitted call, with the routing note of its plan. */
async function answerOfOutcome(ctx: ServiceContext, o: SubmitOutcome, note: RoutingNote | undefined): Promise<RouteAnswer> {
  if (o.kind === 'reserved') return reservedAnswer(ctx, o, note);
  if (o.kind === 'refused') return noted({ status: 'ended', contactId: o.contactId, queueId: o.queueId, state: 'refused' }, note);
  return noted(await answerOf(ctx, await ctx.store.getContact(o.contactId)), note);
}

/** Submits a contact, timing the decision for the metrics. */
export async function submitTimed(ctx: ServiceContext, input: ContactInput): Promise<SubmitOutcome> {
  const t0 = performance.now();
  const outcome = await ctx.store.enqueueContact(input);
  ctx.observer.decided((performance.now() - t0) / 1000, outcome.kind);
  ctx.pump.poke();
  return outcome;
}

/** An account owner or substitute removed from the domain since must not stop the customer's calls. */
async function submitPreferringKnownAgents(ctx: ServiceContext, contact: ContactInput): Promise<SubmitOutcome> {
  try {
    return await submitTimed(ctx, contact);
  } catch (e) {
    if (!isRoutingError(e, 'AGENT_UNKNOWN') || contact.preferredAgentIds === undefined) throw e;
    const known = (await ctx.store.listAgents()).map((a) => a.id);
    const { preferredAgentIds, ...rest } = contact;
    const still = preferredAgentIds.filter((a) => known.includes(a));
    return submitTimed(ctx, still.length === 0 ? rest : { ...rest, preferredAgentIds: still });
  }
}

/**
 * Keeps a call's first answer for its retries without waiting for it: sent ahead of anything
 * this process sends later on the same connection (a retry's GET finds it). Should it be lost
 * (reported to `onError`), a retry submits again, gets CONTACT_DUPLICATE and answers from the
 * contact while the store still holds it.
 */
function keepAnswer(ctx: ServiceContext, key: string, answer: RouteAnswer): void {
  ctx.values.putIfAbsent(key, JSON.stringify(answer), ANSWER_TTL_MS)
    .then((kept) => (kept ? undefined : endIfHungUpEarly(ctx, answer.contactId))) // not kept: a retry's, or the caller hung up meanwhile
    .catch(ctx.onError);
}

/** A kept answer as a retry gets it: where the call is now, or `ended` for a caller who hung up before it was routed. */
async function keptAnswer(ctx: ServiceContext, kept: string, input: RouteCallInput): Promise<RouteAnswer> {
  if (kept !== HUNG_UP) return currentAnswer(ctx, JSON.parse(kept) as RouteAnswer);
  const contactId = contactIdOfCall(input.callId);
  try {
    return await answerOf(ctx, await ctx.store.getContact(contactId));
  } catch (e) {
    if (!isRoutingError(e, 'CONTACT_UNKNOWN')) throw e;
    return { status: 'ended', contactId, queueId: queueOfCall(ctx, input), state: 'abandoned' }; // gone before it was routed: nothing submitted
  }
}

async function firstAnswer(ctx: ServiceContext, input: RouteCallInput, known: CallerIdentity | undefined): Promise<RouteAnswer> {
  const key = answerKeyOf(contactIdOfCall(input.callId));
  const cached = await ctx.values.get(key);
  if (cached !== undefined) return keptAnswer(ctx, cached, input); // a retry (or a caller gone already): plan nothing again
  const homeQueueId = queueOfCall(ctx, input); // a call with no queue is refused before the directory is asked
  const who = known ?? await identifyCaller(ctx, input);
  const { contact, plan } = await contactOfCall(ctx, input, homeQueueId, who);
  // Sent before the contact is submitted (an offer's desk reads it), answered alongside: one
  // round trip for both. Should it fail, the first reader chooses the script (scriptSelectionOf).
  const selecting = rememberScriptSelection(ctx, contact.id, contact, who.customer).catch(ctx.onError);
  try {
    const answer = await answerOfOutcome(ctx, await submitPreferringKnownAgents(ctx, contact), routingNoteOf(contact.data));
    keepAnswer(ctx, key, answer); // also ends the call if the caller hung up while it was planned
    if (plan.newLead !== undefined) await leadForCall(ctx, plan.newLead, plan.queueId).catch(ctx.onError); // an unknown caller's first call, taken
    await selecting;
    return answer;
  } catch (e) {
    await selecting;
    if (!isRoutingError(e, 'CONTACT_DUPLICATE')) {
      await forgetScriptSelection(ctx, contact.id); // nothing was submitted: a corrected retry chooses again
      throw e;
    }
    const again = await ctx.values.get(key); // a concurrent retry stored it meanwhile
    return again === undefined ? answerOf(ctx, await ctx.store.getContact(contact.id)) : keptAnswer(ctx, again, input);
  }
}

/**
 * What a retry of a routed call gets: where the call is now (an offer taken back and given to
 * another agent, a call connected or ended since), never an agent it is no longer offered to;
 * the first answer itself once the contact is no longer held.
 */
export async function currentAnswer(ctx: ServiceContext, first: RouteAnswer): Promise<RouteAnswer> {
  try {
    return await answerOf(ctx, await ctx.store.getContact(first.contactId));
  } catch (e) {
    if (!isRoutingError(e, 'CONTACT_UNKNOWN')) throw e;
    return first;
  }
}

/**
 * "Route this call": the reserved agent, or the call's place in the queue. A retry with the
 * same Call-ID (for an hour) submits nothing and gets where the call is now. With
 * `waitSeconds`, a queued call waits (long poll) until an agent is reserved or it ends.
 * `known`: the caller as already identified (an IVR that asked for an account number).
 */
export async function routeCall(ctx: ServiceContext, input: RouteCallInput, known?: CallerIdentity): Promise<RouteAnswer> {
  const answer = await firstAnswer(ctx, input, known);
  const wait = input.waitSeconds ?? 0;
  return answer.status === 'queued' && wait > 0 ? callStatus(ctx, answer.contactId, wait) : answer;
}

/** The current answer for a call's contact, optionally waiting (long poll) while it is queued. */
export async function callStatus(ctx: ServiceContext, contactId: string, waitSeconds: number): Promise<RouteAnswer> {
  // The schema says 0–30, but a query string's '1e400' is coerced to Infinity past it.
  if (!(waitSeconds >= 0 && waitSeconds <= MAX_WAIT_SECONDS)) throw new ServiceError('REQUEST_INVALID', `waitSeconds must be a number from 0 to ${MAX_WAIT_SECONDS}`);
  const w = ctx.waiters.wait(contactId, waitSeconds * 1000);
  try {
    const now = await answerOf(ctx, await ctx.store.getContact(contactId));
    if (now.status !== 'queued' || waitSeconds <= 0) return now;
    await w.done;
    return await answerOf(ctx, await ctx.store.getContact(contactId));
  } finally {
    w.cancel();
  }
}
