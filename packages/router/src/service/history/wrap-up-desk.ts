import type { AgentView } from '../../core/views.js';
import { actorName, checkAgentAccess, ownAgent, requireRole, type Actor } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../service-errors.js';
import type { HistoryDetail, HistoryEntry } from './history-entry.js';
import {
  filingProblem, handlingsOf, missingWrapUp, needsAnything, needsOf, policyFor, wrapUpSettled,
  type MissingWrapUp, type WrapUpFiling, type WrapUpNeeds,
} from './wrap-up-rules.js';

/** The end-of-shift check: the contacts an agent handled this shift that still lack their wrap-up. */
export interface ShiftCheck {
  readonly agentId: string;
  /** When the shift started (the agent's last login), if the history noted it. */
  readonly shiftStartedAt: number | undefined;
  readonly missing: readonly MissingWrapUp[];
}

/** Interactions of one shift the check reads at most. */
const SHIFT_LIMIT = 500;

const describe = (n: WrapUpNeeds): string => [n.disposition ? 'a disposition' : '', n.note ? 'a note' : ''].filter((s) => s !== '').join(' and ');

/** The queue the agent handled the contact in: a contact it holds now, else its last answer in the history. */
async function handledQueue(ctx: ServiceContext, agent: AgentView, contactId: string): Promise<string | undefined> {
  const held = agent.assignments.find((x) => x.contactId === contactId && x.phase !== 'reserved');
  if (held !== undefined) return held.queueId;
  return handlingsOf(await ctx.history.entries(contactId), agent.id).at(-1)?.queueId;
}

/** What the filing entry says: disposition, note, and what is filled in for the agent (its name, the call's times, the customer). */
async function filingDetails(ctx: ServiceContext, agent: AgentView, contactId: string, f: WrapUpFiling): Promise<{ details: Record<string, HistoryDetail>; customerId: string | undefined }> {
  const contact = await ctx.store.getContact(contactId).catch(() => undefined);
  const customerId = contact?.attributes.customerId;
  const customer = customerId === undefined ? undefined : ctx.directory.peek(customerId);
  const details: Record<string, HistoryDetail> = { agentName: agent.name };
  if (f.disposition !== undefined) details.disposition = f.disposition;
  if (f.note !== undefined && f.note.trim() !== '') details.note = f.note.trim();
  if (contact !== undefined) details.callStartedAt = contact.createdAt;
  if (contact?.answeredAt !== undefined) details.answeredAt = contact.answeredAt;
  if (customer !== undefined) details.customerName = customer.name;
  return { details, customerId };
}

/**
 * The agent files the wrap-up of a contact it handled (during the call, in wrap-up, or later
 * for the end-of-shift check): a disposition and/or a note, checked against the queue's policy
 * (DISPOSITION_REQUIRED, DISPOSITION_UNKNOWN, WRAP_UP_NOTE_REQUIRED). Its name and the time are
 * filled in. A later filing amends an earlier one; both stay in the history.
 */
export async function fileWrapUp(ctx: ServiceContext, actor: Actor, contactId: string, f: WrapUpFiling): Promise<HistoryEntry> {
  const agent = await ctx.store.getAgent(ownAgent(actor));
  const queueId = await handledQueue(ctx, agent, contactId);
  if (queueId === undefined) throw new ServiceError('FORBIDDEN', `contact '${contactId}' was not handled by you`);
  const problem = filingProblem(policyFor(ctx.config.wrapUpPolicies, queueId), f);
  if (problem !== undefined) throw new ServiceError(problem.code, problem.detail);
  const { details, customerId } = await filingDetails(ctx, agent, contactId, f);
  const entry = await ctx.history.append({
    interactionId: contactId, at: ctx.now(), kind: 'wrapUp.filed', source: 'service', agentId: agent.id, queueId,
    ...(customerId === undefined ? {} : { customerId }), details,
  });
  return entry as HistoryEntry; // appended without a key: never a duplicate
}

/** Refuses to end a wrap-up early while it lacks what the contact's queue requires (WRAP_UP_INCOMPLETE). */
export async function requireWrapUpFiled(ctx: ServiceContext, agentId: string, contactId: string): Promise<void> {
  if (ctx.config.wrapUpPolicies.length === 0) return;
  const held = (await ctx.store.getAgent(agentId)).assignments.find((x) => x.contactId === contactId && x.phase === 'wrapUp');
  if (held === undefined) return; // not in wrap-up: the store says why it cannot end
  const needs = needsOf(policyFor(ctx.config.wrapUpPolicies, held.queueId));
  if (!needsAnything(needs) || wrapUpSettled(await ctx.history.entries(contactId), agentId, needs)) return;
  throw new ServiceError('WRAP_UP_INCOMPLETE', `file ${describe(needs)} for contact '${contactId}' first`);
}

/** Contacts the agent holds now whose queue requires a wrap-up the history has not flagged yet (its answer may not be recorded yet). */
async function heldMissing(ctx: ServiceContext, agent: AgentView, flagged: ReadonlySet<string>): Promise<MissingWrapUp[]> {
  const out: MissingWrapUp[] = [];
  for (const x of agent.assignments) {
    const needs = needsOf(policyFor(ctx.config.wrapUpPolicies, x.queueId));
    if (x.phase === 'reserved' || flagged.has(x.contactId) || !needsAnything(needs)) continue;
    if (!wrapUpSettled(await ctx.history.entries(x.contactId), agent.id, needs)) out.push({ contactId: x.contactId, queueId: x.queueId, answeredAt: x.since, needs });
  }
  return out;
}

async function checkShift(ctx: ServiceContext, agent: AgentView): Promise<ShiftCheck> {
  const policies = ctx.config.wrapUpPolicies;
  const since = await ctx.history.shiftStart(agent.id);
  if (policies.length === 0) return { agentId: agent.id, shiftStartedAt: since, missing: [] };
  const ids = await ctx.history.interactionsOfAgent(agent.id, SHIFT_LIMIT, since);
  const all = await ctx.history.entriesOf(ids);
  const missing = ids.map((id, i) => missingWrapUp(id, all[i] ?? [], agent.id, policies, since ?? -Infinity)).filter((m): m is MissingWrapUp => m !== undefined);
  const held = await heldMissing(ctx, agent, new Set(missing.map((m) => m.contactId)));
  return { agentId: agent.id, shiftStartedAt: since, missing: [...missing, ...held] };
}

/** The agent's own end-of-shift check. */
export async function ownShiftCheck(ctx: ServiceContext, actor: Actor): Promise<ShiftCheck> {
  return checkShift(ctx, await ctx.store.getAgent(ownAgent(actor)));
}

/** The end-of-shift check of an agent of the supervisor's teams (admins: any). */
export async function agentShiftCheck(ctx: ServiceContext, actor: Actor, agentId: string): Promise<ShiftCheck> {
  const agent = await ctx.store.getAgent(agentId);
  checkAgentAccess(actor, agent);
  return checkShift(ctx, agent);
}

/** Refuses the agent's own logout while contacts of its shift lack their wrap-up (SHIFT_WRAP_UPS_PENDING). */
export async function requireShiftWrappedUp(ctx: ServiceContext, agentId: string): Promise<void> {
  if (ctx.config.wrapUpPolicies.length === 0) return;
  const { missing } = await checkShift(ctx, await ctx.store.getAgent(agentId));
  if (missing.length === 0) return;
  const ids = missing.slice(0, 10).map((m) => m.contactId).join(', ');
  throw new ServiceError('SHIFT_WRAP_UPS_PENDING', `${missing.length} contact(s) lack their wrap-up (${ids}${missing.length > 10 ? ', …' : ''}); see GET /v1/me/wrap-ups/missing`);
}

/**
 * A supervisor of the agent's team (or an admin) waives missing wrap-ups of the agent's shift:
 * all, or those named. Each waiver is an entry in the contact's history and the whole is one
 * audit-log entry. Resolves to the contacts waived.
 */
export async function waiveWrapUps(ctx: ServiceContext, actor: Actor, agentId: string, req: { contactIds?: readonly string[]; reason?: string }): Promise<{ waived: string[] }> {
  requireRole(actor, 'supervisor', 'admin');
  const agent = await ctx.store.getAgent(agentId);
  checkAgentAccess(actor, agent);
  return waiveMissing(ctx, actor, agent, req);
}

/**
 * A supervisor forced the agent out: the shift is closed for it, so whatever wrap-up it still
 * lacks is waived in the supervisor's name (reason `forced-logout`) — recorded in each
 * contact's history and the audit log, never silently dropped by the next shift's check. The
 * agent may still file them later. The caller has checked the actor's access to the agent.
 */
export async function waiveForForcedLogout(ctx: ServiceContext, actor: Actor, agentId: string): Promise<{ waived: string[] }> {
  if (ctx.config.wrapUpPolicies.length === 0) return { waived: [] };
  return waiveMissing(ctx, actor, await ctx.store.getAgent(agentId), { reason: 'forced-logout' });
}

async function waiveMissing(ctx: ServiceContext, actor: Actor, agent: AgentView, req: { contactIds?: readonly string[]; reason?: string }): Promise<{ waived: string[] }> {
  const { missing } = await checkShift(ctx, agent);
  const chosen = missing.filter((m) => req.contactIds === undefined || req.contactIds.includes(m.contactId));
  const by = actorName(actor);
  for (const m of chosen) {
    const details = { by, ...(req.reason === undefined ? {} : { reason: req.reason }) };
    await ctx.history.append({ interactionId: m.contactId, at: ctx.now(), kind: 'wrapUp.waived', source: 'service', agentId: agent.id, queueId: m.queueId, details });
  }
  const waived = chosen.map((m) => m.contactId);
  if (waived.length > 0) {
    await ctx.audit.append({
      at: new Date(ctx.now()).toISOString(), actor: by, action: 'update', kind: 'wrap-up-waiver', entityId: agent.id,
      before: { missing: missing.map((m) => m.contactId) }, after: { waived, ...(req.reason === undefined ? {} : { reason: req.reason }) },
    });
  }
  return { waived };
}
