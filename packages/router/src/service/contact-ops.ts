import type { ContactInput } from '../core/contact-input.js';
import type { SubmitOutcome } from '../core/routing-engine.js';
import type { DecisionRecord } from '../core/trace.js';
import type { ContactView } from '../core/views.js';
import type { AgentEligibility } from '../core/explain.js';
import { checkAgentAccess, checkContactAccess, checkQueueAccess, permits, requirePbxOr, requireRole, type Actor } from './access.js';
import type { ServiceContext } from './context.js';
import { readCallerNumber } from './caller-number.js';
import { checkNamedCustomer } from './queries.js';
import { routingNoteOf, submitTimed, type RoutingNote } from './route-call.js';
import { scriptSelectionOf } from './script-selection.js';
import type { ScriptSelection } from '@switchboard/ivr';

/**
 * A PBX, chat gateway or supervisor submits a contact; a caller number is normalised to E.164.
 * A withheld or malformed caller-id is dropped (the contact is submitted without a caller) and
 * noted as `data.callerNumber`: a contact is never refused over its caller-id. A supervisor
 * names only customers it may see (its agents would see them while they hold the contact) and
 * preferred agents of its teams. A paused queue's contact gets no preferred window.
 */
export async function submitContact(ctx: ServiceContext, actor: Actor, input: ContactInput): Promise<SubmitOutcome> {
  requirePbxOr(actor, 'supervisor', 'admin');
  if (actor.kind === 'user') {
    checkQueueAccess(actor, input.queueId);
    if (input.customerId !== undefined) await checkNamedCustomer(ctx, actor, input.customerId);
    // The agents it names would see the contact (a callback on their day list): its own agents only.
    if (actor.role === 'supervisor') for (const id of input.preferredAgentIds ?? []) checkAgentAccess(actor, await ctx.store.getAgent(id));
  }
  const contact = await withoutWindowWhilePaused(ctx, input);
  if (contact.caller === undefined) return submitTimed(ctx, contact);
  const read = readCallerNumber(contact.caller, ctx.config.defaultCountry);
  if (read.kind === 'number') return submitTimed(ctx, { ...contact, caller: read.number.e164 });
  const { caller: _, ...rest } = contact;
  return submitTimed(ctx, { ...rest, data: { ...(contact.data ?? {}), callerNumber: read.kind } });
}

/** A paused queue offers its contacts to nobody, preferred agents included: a contact's own preferred window is dropped. */
async function withoutWindowWhilePaused(ctx: ServiceContext, input: ContactInput): Promise<ContactInput> {
  if (input.preferredWindowSeconds === undefined) return input;
  const doc = (await ctx.docs.get('queue', input.queueId)) as { paused?: boolean } | undefined;
  if (doc?.paused !== true) return input;
  const { preferredWindowSeconds: _, ...rest } = input;
  return rest;
}

/** A contact as it is now, for whoever may see it. */
export async function contactStatus(ctx: ServiceContext, actor: Actor, contactId: string): Promise<ContactView> {
  const c = await ctx.store.getContact(contactId);
  checkContactAccess(actor, c);
  return c;
}

/** The caller hung up while waiting or ringing (the PBX says so; a supervisor may too). */
export async function abandonContact(ctx: ServiceContext, actor: Actor, contactId: string): Promise<void> {
  requirePbxOr(actor, 'supervisor', 'admin');
  await contactStatus(ctx, actor, contactId);
  await ctx.store.abandonContact(contactId);
  ctx.pump.poke();
}

/** The agent holding an active contact (or a supervisor of its queue) transfers it to another queue. */
export async function transferContact(ctx: ServiceContext, actor: Actor, contactId: string, queueId: string): Promise<void> {
  await contactStatus(ctx, actor, contactId);
  if (actor.kind === 'user' && actor.role === 'supervisor') checkQueueAccess(actor, queueId);
  await ctx.store.transferContact(contactId, queueId);
  ctx.pump.poke();
}

/** A supervisor moves a waiting contact to another of its queues; the contact keeps its place by order key. */
export async function moveContact(ctx: ServiceContext, actor: Actor, contactId: string, queueId: string): Promise<void> {
  requireRole(actor, 'supervisor', 'admin');
  await contactStatus(ctx, actor, contactId);
  checkQueueAccess(actor, queueId);
  await ctx.store.moveContact(contactId, queueId);
  ctx.pump.poke();
}

/** Virtual hold: the waiting caller asks to be called back and keeps its place. */
export async function requestCallback(ctx: ServiceContext, actor: Actor, contactId: string): Promise<void> {
  requirePbxOr(actor, 'supervisor', 'admin');
  await contactStatus(ctx, actor, contactId);
  await ctx.store.requestCallback(contactId);
  ctx.pump.poke();
}

/** Why a contact went where it went: the router's decisions, who could take it now, the service's routing note, the script. */
export interface ContactTrace {
  readonly decisions: readonly DecisionRecord[];
  readonly eligibility: AgentEligibility[];
  /** Why the service planned the call so (caller identification, account team, center…). */
  readonly routing?: RoutingNote;
  readonly script: ScriptSelection | undefined;
}

/** Why the router decided what it did about a contact: its decision records and who could take it now. */
export async function contactTrace(ctx: ServiceContext, actor: Actor, contactId: string): Promise<ContactTrace> {
  requireRole(actor, 'supervisor', 'admin');
  const c = await contactStatus(ctx, actor, contactId);
  const [decisions, eligibility, script] = await Promise.all([ctx.store.decisionTrace(contactId), ctx.store.explainContact(contactId), scriptSelectionOf(ctx, c)]);
  const routing = routingNoteOf(c.attributes.data);
  return { decisions, eligibility, ...(routing === undefined ? {} : { routing }), script };
}

/** The contacts a supervisor may see (its queues), or all for admins. */
export async function listContacts(ctx: ServiceContext, actor: Actor): Promise<ContactView[]> {
  requireRole(actor, 'supervisor', 'admin');
  const all = await ctx.store.listContacts();
  return all.filter((c) => permits(() => checkContactAccess(actor, c)));
}
