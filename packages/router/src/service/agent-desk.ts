import type { AgentView, ContactView } from '../core/views.js';
import { isRoutingError, RoutingError } from '../core/errors.js';
import { checkAgentAccess, checkContactAccess, ownAgent, requireRole, type Actor } from './access.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './service-errors.js';
import { scriptSelectionOf } from './script-selection.js';
import { requireShiftWrappedUp, requireWrapUpFiled, waiveForForcedLogout } from './history/wrap-up-desk.js';

/** A presence change an agent (or its supervisor) asks for: each is one atomic store operation. */
export type PresenceRequest =
  | { readonly state: 'loggedIn' }
  | { readonly state: 'ready' }
  | { readonly state: 'notReady'; readonly reason?: string }
  | { readonly state: 'loggedOut' };

async function setPresence(ctx: ServiceContext, agentId: string, p: PresenceRequest): Promise<AgentView> {
  if (p.state === 'loggedIn') await ctx.store.loginAgent(agentId);
  else if (p.state === 'ready') await ctx.store.readyAgent(agentId);
  else if (p.state === 'notReady') await ctx.store.pauseAgent(agentId, p.reason ?? 'not-ready');
  else await ctx.store.logoutAgent(agentId);
  ctx.pump.poke();
  return ctx.store.getAgent(agentId);
}

/**
 * An agent changes its own presence: log in, ready, not ready (with a reason code), log out.
 * Logging out is refused while contacts of the shift lack their required wrap-up (SHIFT_WRAP_UPS_PENDING).
 */
export async function setOwnPresence(ctx: ServiceContext, actor: Actor, p: PresenceRequest): Promise<AgentView> {
  if (p.state === 'loggedOut') await requireShiftWrappedUp(ctx, ownAgent(actor));
  return setPresence(ctx, ownAgent(actor), p);
}

/**
 * A supervisor forces the presence of an agent of its teams (admins: any agent). Forcing a
 * logout closes the agent's shift: the wrap-ups it still lacks are waived in the supervisor's
 * name (history and audit log), not silently left behind by the next shift's check.
 */
export async function forcePresence(ctx: ServiceContext, actor: Actor, agentId: string, p: PresenceRequest): Promise<AgentView> {
  requireRole(actor, 'supervisor', 'admin');
  checkAgentAccess(actor, await ctx.store.getAgent(agentId));
  const view = await setPresence(ctx, agentId, p);
  if (p.state === 'loggedOut') await waiveForForcedLogout(ctx, actor, agentId);
  return view;
}

/** What the wrap-up of a contact asks for: its queue's dispositions, and what is mandatory. */
export interface DeskWrapUp {
  readonly dispositions: readonly string[];
  readonly requireDisposition: boolean;
  readonly requireNote: boolean;
}

/** A contact on the desk, with the script its offer carries and what its wrap-up asks for. */
export type DeskContact = ContactView & {
  readonly script?: { readonly scriptId: string; readonly title: string; readonly ruleId: string; readonly offersAllowed: boolean };
  readonly wrapUp?: DeskWrapUp;
};

async function withScript(ctx: ServiceContext, c: ContactView): Promise<DeskContact> {
  const s = await scriptSelectionOf(ctx, c);
  const title = s === undefined ? undefined : ctx.config.scripts.find((x) => x.id === s.scriptId)?.title;
  const p = ctx.config.wrapUpPolicies.find((x) => x.queueId === c.queueId);
  const wrapUp = p === undefined ? undefined : { dispositions: p.dispositions, requireDisposition: p.requireDisposition === true, requireNote: p.requireNote === true };
  return {
    ...c,
    ...(s === undefined || title === undefined ? {} : { script: { scriptId: s.scriptId, title, ruleId: s.ruleId, offersAllowed: s.offersAllowed } }),
    ...(wrapUp === undefined ? {} : { wrapUp }),
  };
}

/** The agent's own desk: its view and the contacts it holds, each with its selected script. */
export async function ownDesk(ctx: ServiceContext, actor: Actor): Promise<{ agent: AgentView; contacts: DeskContact[] }> {
  const agent = await ctx.store.getAgent(ownAgent(actor));
  // A wrap-up can outlast the store's memory of its ended contact (it keeps the last 10,000): left out, not a failed desk.
  const held = await Promise.all(agent.assignments.map((x) => ctx.store.getContact(x.contactId).catch((e: unknown) => {
    if (isRoutingError(e, 'CONTACT_UNKNOWN')) return undefined;
    throw e;
  })));
  const contacts = held.filter((c): c is ContactView => c !== undefined);
  // A wrap-up of a contact transferred on is no longer ours to see.
  return { agent, contacts: await Promise.all(contacts.filter((c) => c.agentId === agent.id).map((c) => withScript(ctx, c))) };
}

async function ownReservation(ctx: ServiceContext, actor: Actor, contactId: string): Promise<ContactView> {
  const c = await ctx.store.getContact(contactId);
  checkContactAccess(actor, c);
  if (c.agentId !== ownAgent(actor)) throw new ServiceError('FORBIDDEN', `contact '${contactId}' is not offered to you`);
  if (c.reservation === undefined) throw new RoutingError('RESERVATION_UNKNOWN', `contact '${contactId}' has no offer`);
  return c;
}

/** The agent answers its offer (the fencing token must be the offer's current one). */
export async function acceptOffer(ctx: ServiceContext, actor: Actor, contactId: string, token: number): Promise<void> {
  ownAgent(actor);
  const c = await ownReservation(ctx, actor, contactId);
  await ctx.store.acceptReservation((c.reservation as NonNullable<ContactView['reservation']>).id, token);
  ctx.pump.poke();
}

/** The agent declines its offer: the contact keeps its place and goes to someone else. */
export async function rejectOffer(ctx: ServiceContext, actor: Actor, contactId: string, token: number): Promise<void> {
  ownAgent(actor);
  const c = await ownReservation(ctx, actor, contactId);
  await ctx.store.rejectReservation((c.reservation as NonNullable<ContactView['reservation']>).id, token);
  ctx.pump.poke();
}

/** The conversation ended: wrap-up starts. Only the agent holding the contact (or a supervisor of its queue). */
export async function completeContact(ctx: ServiceContext, actor: Actor, contactId: string): Promise<void> {
  checkContactAccess(actor, await ctx.store.getContact(contactId));
  await ctx.store.completeContact(contactId);
  ctx.pump.poke();
}

/** The agent ends its wrap-up of a contact early; refused while it lacks its queue's required disposition or note (WRAP_UP_INCOMPLETE). */
export async function finishWrapUp(ctx: ServiceContext, actor: Actor, contactId: string): Promise<void> {
  await requireWrapUpFiled(ctx, ownAgent(actor), contactId);
  await ctx.store.finishWrapUp(ownAgent(actor), contactId);
  ctx.pump.poke();
}
