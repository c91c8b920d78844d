import { isRoutingError, RoutingError } from '../core/errors.js';
import type { ContactView } from '../core/views.js';
import { requirePbxOr, type Actor } from './access.js';
import type { ServiceContext } from './context.js';
import { answerOf, contactIdOfCall, type RouteAnswer } from './route-call.js';
import { routerNow } from './routing/router-clock.js';
import { contactOfHungUpCall, endHungUpCall } from './early-hangup.js';

/**
 * Why the PBX could not connect an offered call to its agent:
 * - `timeout`: the agent's phone rang out (counts as a missed offer, as the router's own ring timeout does);
 * - `declined` / `busy`: the agent (or its phone) turned it down;
 * - `unreachable`: the agent has no registered phone, or it did not answer the INVITE at all —
 *   the agent is set not ready (`phone-unreachable`) so no more calls are sent to a dead phone.
 */
export type NoAnswerCause = 'timeout' | 'declined' | 'busy' | 'unreachable';

/** How long past an offer's deadline the router's own ring timer is waited for before the service declines the offer itself. */
const TIMER_GRACE_MS = 2_000;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function contactOf(ctx: ServiceContext, callId: string): Promise<ContactView> {
  return ctx.store.getContact(contactIdOfCall(callId));
}

/** The offer of the call is still this reservation. */
const holds = (c: ContactView, reservationId: string): boolean => c.state === 'reserved' && c.reservation?.id === reservationId;

/**
 * The agent's phone answered the offered call (SIP 200 OK): the offer is accepted with its
 * fencing token. Idempotent: a call already connected through this offer (the agent accepted
 * on its desk first) answers `connected` again. An answer for an offer that is no longer current
 * is refused (`RESERVATION_STALE`): the router gave the call to someone else meanwhile, or
 * another offer of it connected — the PBX must not put the caller through to this phone.
 */
export async function callAnswered(ctx: ServiceContext, actor: Actor, callId: string, reservationId: string): Promise<RouteAnswer> {
  requirePbxOr(actor, 'admin');
  const c = await contactOf(ctx, callId);
  if (holds(c, reservationId)) {
    try {
      await ctx.store.acceptReservation(reservationId, (c.reservation as NonNullable<ContactView['reservation']>).token);
    } catch (e) {
      if (!isRoutingError(e)) throw e; // lost a race with the desk's own accept: the answer below says what won
    }
    ctx.pump.poke();
  }
  const current = await contactOf(ctx, callId);
  const now = await answerOf(ctx, current);
  const via = current.connectedVia; // the offer it was answered through, as the store keeps it
  if (now.status === 'connected' && via === reservationId) return now;
  const what = now.status === 'connected' ? `connected through '${via ?? ''}'` : now.status;
  throw new RoutingError('RESERVATION_STALE', `reservation '${reservationId}' of call '${callId}' is no longer the call's offer (it is ${what})`);
}

/** Waits for the router's own ring timer to take the offer back (it fires at the deadline), a little past it at most. */
async function awaitRingTimeout(ctx: ServiceContext, callId: string, reservationId: string): Promise<ContactView> {
  for (;;) {
    const c = await contactOf(ctx, callId);
    const deadline = c.reservation?.deadline ?? 0;
    if (!holds(c, reservationId) || routerNow() > deadline + TIMER_GRACE_MS) return c; // the deadline is on the router's clock
    ctx.pump.poke();
    await sleep(Math.min(POLL_MS, Math.max(1, deadline + TIMER_GRACE_MS - routerNow())));
  }
}

async function decline(ctx: ServiceContext, c: ContactView): Promise<void> {
  const r = c.reservation as NonNullable<ContactView['reservation']>;
  try {
    await ctx.store.rejectReservation(r.id, r.token);
  } catch (e) {
    if (!isRoutingError(e)) throw e; // taken back meanwhile (ring timeout, desk reject): nothing left to decline
  }
}

/**
 * The PBX could not connect the offered call (ring-no-answer, busy, declined, unreachable):
 * the contact goes back to its place and the router offers it to the next agent. Answers
 * where the call goes now — the next reserved agent, `queued`, or `ended` — so the PBX can
 * relay it at once. Idempotent: for an offer already taken back, it answers the current state.
 */
export async function callNotAnswered(ctx: ServiceContext, actor: Actor, callId: string, reservationId: string, cause: NoAnswerCause): Promise<RouteAnswer> {
  requirePbxOr(actor, 'admin');
  let c = await contactOf(ctx, callId);
  if (holds(c, reservationId) && cause === 'timeout') c = await awaitRingTimeout(ctx, callId, reservationId);
  if (holds(c, reservationId)) {
    // A dead phone's agent is paused first, so the declined offer (or another waiting call) is not sent back to it.
    if (cause === 'unreachable' && c.agentId !== undefined) await pauseUnreachable(ctx, c.agentId);
    await decline(ctx, c);
    ctx.pump.poke();
  }
  return answerOf(ctx, await contactOf(ctx, callId));
}

async function pauseUnreachable(ctx: ServiceContext, agentId: string): Promise<void> {
  try {
    const a = await ctx.store.getAgent(agentId);
    if (a.presence === 'ready') await ctx.store.pauseAgent(agentId, 'phone-unreachable');
  } catch (e) {
    if (!isRoutingError(e)) throw e; // removed or logged out meanwhile
  }
}

/**
 * The call ended at the PBX (the caller hung up, or either side after the conversation): a
 * waiting or ringing call is abandoned, a connected one completed (the agent's wrap-up starts).
 * A caller who asked to be called back keeps their place: hanging up is how virtual hold ends
 * the call. Idempotent: a call that already ended answers `ended`. When the contact changes
 * under it (the agent accepts on its desk as the caller hangs up), it acts on the new state.
 * A call not routed yet answers CONTACT_UNKNOWN, and its route request ends it once submitted.
 */
export async function callHungUp(ctx: ServiceContext, actor: Actor, callId: string): Promise<RouteAnswer> {
  requirePbxOr(actor, 'admin');
  const id = contactIdOfCall(callId);
  await endHungUpCall(ctx, id, await contactOfHungUpCall(ctx, id));
  return answerOf(ctx, await ctx.store.getContact(id));
}
