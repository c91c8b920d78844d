import { IvrError, startIvr, stepIvr, timeoutIfDue, type CompiledIvr, type IvrAction, type IvrInput, type IvrSession } from '@switchboard/ivr';
import { requirePbxOr, type Actor } from './access.js';
import type { LookupFunction, ServiceContext } from './context.js';
import { identifyCaller, type CallerIdentity } from './customers/caller-identity.js';
import { contactSkillsOf } from './ivr-requirements.js';
import { contactIdOfCall, currentAnswer, routeCall, type RouteAnswer } from './route-call.js';
import { ServiceError } from './service-errors.js';
import { OneAtATime } from './one-at-a-time.js';
import { ivrExitDraft, ivrExitPosition, ivrInputDraft, ivrInputKey, ivrInputPosition } from './history/ivr-history.js';

/** Lookups every service has; `ServiceOptions.lookups` adds or replaces them. */
export const BUILTIN_LOOKUPS: Readonly<Record<string, LookupFunction>> = {
  /** `yes` when the account's customer has overdue invoices, `no` when not, `unknown` for an unknown account. */
  accountOverdue: async (input, ctx) => {
    const c = input === undefined ? undefined : (await ctx.directory.byAccount(input)).customer;
    return c === undefined ? 'unknown' : c.flags?.overdueInvoices === true ? 'yes' : 'no';
  },
};

const SESSION_TTL_MS = 3_600_000;
/** The answer of a lookup that failed, timed out or is unknown: no branch is named so (it starts with `$`), so the default is taken. */
const FAILED = '$failed';
const LOOKUP_BUDGET_MS = 1_000;

/** An IVR call as stored: the session, the call, where the router sent it, and how many inputs it took. */
interface SessionRecord {
  readonly ivrId: string;
  readonly callId: string;
  /** The caller-id as the PBX sent it (E.164 in sessions stored by older versions). */
  readonly caller: string | undefined;
  readonly session: IvrSession;
  readonly route: RouteAnswer | undefined;
  readonly inputs: number;
  /** The last input was a timeout applied by reading the session, not one the PBX sent. */
  readonly timedOutOnRead?: boolean;
}

/** What the PBX gets: the session id, the next action and, after a route exit, the router's answer. */
export interface IvrReply {
  readonly sessionId: string;
  readonly ended: boolean;
  /** How many inputs the session has taken: the `seq` of the next one. */
  readonly inputs: number;
  readonly action: IvrAction;
  readonly route?: RouteAnswer;
}

const key = (id: string) => `ivr|${id}`;
const replyOf = (id: string, r: SessionRecord): IvrReply => ({
  sessionId: id, ended: r.session.ended, inputs: r.inputs, action: r.session.action, ...(r.route === undefined ? {} : { route: r.route }),
});

/** A reply to read again (a retry, a status): its route answer as the call is now, not as it was first answered. */
async function replyNow(ctx: ServiceContext, id: string, rec: SessionRecord): Promise<IvrReply> {
  return replyOf(id, rec.route === undefined ? rec : { ...rec, route: await currentAnswer(ctx, rec.route) });
}

/** One input at a time per session in this process (a retry arriving beside the original waits for it). */
const inputs = new OneAtATime();

async function ask(ctx: ServiceContext, fn: string, input: string | undefined): Promise<string> {
  const lookup = ctx.lookups[fn];
  if (lookup === undefined) return FAILED;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => { timer = setTimeout(() => resolve(FAILED), LOOKUP_BUDGET_MS); });
  try {
    const asked = Promise.resolve().then(() => lookup(input, ctx)).then((v) => (typeof v === 'string' ? v : FAILED), () => FAILED);
    return await Promise.race([asked, late]); // a slow, failing or odd lookup takes the default branch
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Who is calling: by caller-id, else by an account number keyed in the IVR (it is not
 * verified: it never overrides a customer recognised by caller-id).
 */
async function callerOf(ctx: ServiceContext, caller: string | undefined, account: string | undefined): Promise<CallerIdentity> {
  const who = await identifyCaller(ctx, caller === undefined ? {} : { caller });
  if (account === undefined || who.customer !== undefined) return who;
  const found = await ctx.directory.byAccount(account);
  if (found.customer === undefined) return who;
  return { ...who, customer: found.customer, directory: found.outcome === 'fallback' ? 'fallback' : undefined };
}

/** Runs what the PBX does not do itself: lookups, then the route or callback exit into the router. */
async function settle(ctx: ServiceContext, ivr: CompiledIvr, rec: SessionRecord): Promise<SessionRecord> {
  let session = rec.session;
  for (let i = 0; i < 16 && session.action.kind === 'lookup'; i++) {
    const a = session.action;
    session = stepIvr(ivr, session, { type: 'lookup', value: (await ask(ctx, a.function, a.input)).slice(0, 200) }, ctx.now());
  }
  const a = session.action;
  if (rec.route !== undefined || (a.kind !== 'route' && a.kind !== 'callback')) return { ...rec, session };
  const skills = a.attributes.requiredSkills;
  const data = {
    ...a.attributes.data, ...(a.attributes.language === undefined ? {} : { language: a.attributes.language }), ivr: rec.ivrId,
    ...(skills === undefined ? {} : { requiredSkills: skills.join(',') }),
  };
  const requiredSkills = contactSkillsOf(ctx.config, a.attributes);
  // A callback exit puts the contact on virtual hold from arrival: offered (now or later) as a
  // callback to make, never as a live call to a caller who has been told goodbye.
  const route = await routeCall(ctx, {
    callId: rec.callId, queueId: a.queueId, data, ...(requiredSkills.length === 0 ? {} : { requiredSkills }), ...(a.kind === 'callback' ? { callback: true } : {}),
    ...(rec.caller === undefined ? {} : { caller: rec.caller }), ...(a.attributes.reason === undefined ? {} : { reason: a.attributes.reason }),
  }, await callerOf(ctx, rec.caller, a.attributes.data.account));
  return { ...rec, session, route };
}

/**
 * Records the step from `rec` to `next` in the interaction history: the caller's input (when
 * there was one) and, when the session has just ended, its exit. Explicit positions and keys
 * make the order and a PBX's retries safe.
 */
async function recordStep(ctx: ServiceContext, id: string, rec: SessionRecord, next: SessionRecord, input: IvrInput | undefined): Promise<void> {
  const at = ctx.now();
  if (input !== undefined) {
    await ctx.history.append(ivrInputDraft(id, rec.ivrId, at, rec.session, input, next.session), { position: ivrInputPosition(rec.inputs), key: ivrInputKey(rec.inputs) });
  }
  if (next.session.ended && !rec.session.ended) {
    await ctx.history.append(ivrExitDraft(id, rec.ivrId, at, next.session), { position: ivrExitPosition(next.inputs), key: 'ivr' });
  }
}

async function save(ctx: ServiceContext, id: string, rec: SessionRecord): Promise<void> {
  await ctx.values.put(key(id), JSON.stringify(rec), SESSION_TTL_MS);
}

async function load(ctx: ServiceContext, id: string): Promise<SessionRecord> {
  const s = await ctx.values.get(key(id));
  if (s === undefined) throw new ServiceError('IVR_SESSION_UNKNOWN', `no IVR session '${id}'`);
  return JSON.parse(s) as SessionRecord;
}

function ivrOf(ctx: ServiceContext, ivrId: string | undefined): CompiledIvr {
  const id = ivrId ?? ctx.config.defaultIvr ?? ctx.ivrs.keys().next().value;
  const ivr = id === undefined ? undefined : ctx.ivrs.get(id);
  if (ivr === undefined) throw new ServiceError('REQUEST_INVALID', ivrId === undefined ? 'no IVR is configured' : `no IVR '${ivrId}'`);
  return ivr;
}

/**
 * A PBX starts an IVR session for a call (idempotent by Call-ID: a retry gets the session as it
 * is). The reply's action says what to play and collect next.
 */
export async function startIvrSession(ctx: ServiceContext, actor: Actor, call: { callId: string; caller?: string; ivrId?: string }): Promise<IvrReply> {
  requirePbxOr(actor, 'admin');
  const id = contactIdOfCall(call.callId);
  const existing = await ctx.values.get(key(id));
  if (existing !== undefined) return replyNow(ctx, id, JSON.parse(existing) as SessionRecord);
  const ivr = ivrOf(ctx, call.ivrId);
  // The caller-id as the PBX sent it: withheld or malformed, the call is still served (and routed unidentified).
  const first: SessionRecord = { ivrId: ivr.definition.id, callId: call.callId, caller: call.caller, session: startIvr(ivr, ctx.now()), route: undefined, inputs: 0 };
  const rec = await settle(ctx, ivr, first);
  // Kept only where no session is yet: a retry that raced the first start (and lost) answers
  // with the session as the first one left it, which the caller may have used meanwhile.
  if (!(await ctx.values.putIfAbsent(key(id), JSON.stringify(rec), SESSION_TTL_MS))) return replyNow(ctx, id, await load(ctx, id));
  await recordStep(ctx, id, { ...first, session: { ...first.session, ended: false } }, rec, undefined);
  return replyOf(id, rec);
}

/**
 * The caller's input (digits, speech, timeout, hang-up): the next action; a route exit puts the
 * call in the router. `seq` (how many inputs the PBX sent before this one) makes a retry safe:
 * the last input sent again gets its reply again, an older one is refused (IVR_INPUT_STALE).
 */
export function inputIvrSession(ctx: ServiceContext, actor: Actor, id: string, input: IvrInput, seq?: number): Promise<IvrReply> {
  requirePbxOr(actor, 'admin');
  return inputs.run(id, async () => {
    const rec = await load(ctx, id);
    // The PBX's next input after a timeout a read applied is late, not a retry: refused, so that a key press is never dropped unseen.
    if (seq !== undefined && seq === rec.inputs - 1 && rec.timedOutOnRead === true && input.type !== 'timeout') {
      throw new ServiceError('IVR_INPUT_STALE', `input ${seq} of '${id}' came after its collect timed out (the session is at ${rec.inputs}: play its action)`);
    }
    if (seq !== undefined && seq === rec.inputs - 1) return replyNow(ctx, id, rec);
    if (seq !== undefined && seq !== rec.inputs) throw new ServiceError('IVR_INPUT_STALE', `input ${seq} of '${id}' is not the next one (${rec.inputs})`);
    const ivr = ctx.ivrs.get(rec.ivrId);
    const session = ivr === undefined ? stepGone(rec, input) : stepCurrent(ivr, rec.session, input, ctx.now());
    const stepped = { ...rec, session, inputs: rec.inputs + 1, timedOutOnRead: false };
    const next = ivr === undefined ? stepped : await settle(ctx, ivr, stepped);
    await save(ctx, id, next);
    await recordStep(ctx, id, rec, next, input);
    return replyOf(id, next);
  });
}

/** Steps a stored session; one left on a node the IVR no longer has (edited since) ends, a hang-up always works. */
function stepCurrent(ivr: CompiledIvr, session: IvrSession, input: IvrInput, at: number): IvrSession {
  if (session.ended || session.node in ivr.definition.nodes) return stepIvr(ivr, session, input, at);
  if (input.type === 'hangup') return hungUp(session);
  throw new IvrError('IVR_SESSION_ENDED', `the IVR '${ivr.definition.id}' changed: it has no node '${session.node}' any more`);
}

/** A session whose IVR the configuration no longer has (a restart in Redis mode): a hang-up still ends it. */
function stepGone(rec: SessionRecord, input: IvrInput): IvrSession {
  if (input.type === 'hangup' && !rec.session.ended) return hungUp(rec.session);
  throw new IvrError('IVR_SESSION_ENDED', `the IVR '${rec.ivrId}' is no longer configured`);
}

const hungUp = (session: IvrSession): IvrSession => ({ ...session, ended: true, action: { kind: 'hangup', prompts: [], reason: 'caller-hung-up' } });

/** Where a session stands; a collect whose deadline passed with no input counts as a timeout. */
export function ivrSessionStatus(ctx: ServiceContext, actor: Actor, id: string): Promise<IvrReply> {
  requirePbxOr(actor, 'admin');
  return inputs.run(id, () => statusNow(ctx, id));
}

async function statusNow(ctx: ServiceContext, id: string): Promise<IvrReply> {
  const rec = await load(ctx, id);
  const ivr = ctx.ivrs.get(rec.ivrId);
  if (ivr === undefined || (!rec.session.ended && !(rec.session.node in ivr.definition.nodes))) return replyNow(ctx, id, rec); // as it stands: gone or edited
  const session = timeoutIfDue(ivr, rec.session, ctx.now());
  if (session === rec.session) return replyNow(ctx, id, rec);
  const next = await settle(ctx, ivr, { ...rec, session, inputs: rec.inputs + 1, timedOutOnRead: true });
  await save(ctx, id, next);
  await recordStep(ctx, id, rec, next, { type: 'timeout' });
  return replyOf(id, next);
}
