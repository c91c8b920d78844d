import { isRoutingError } from '../core/errors.js';
import type { ContactView } from '../core/views.js';
import type { ServiceContext } from './context.js';

/**
 * A caller can hang up while its route request is still being planned (a CRM lookup): the
 * PBX reports the hang-up, the service knows no contact for the call yet, and the route
 * request then submits one for a caller who has gone. So a hang-up for an unknown call leaves
 * {@link HUNG_UP} where the route request keeps its answer (for this long, as long as an answer
 * is kept: an IVR session left open can route its call up to an hour later), then looks for the contact again. The route request keeps its answer
 * only where nothing is kept yet, and on finding the word ends its contact. Each side looks at
 * the other's after writing its own, so one of them sees the other whatever the order; a route
 * request pays nothing for it unless its answer could not be kept.
 */
const EARLY_HANGUP_TTL_MS = 3_600_000;

/** Kept instead of a route answer: the PBX reported the caller gone before the call was routed. */
export const HUNG_UP = 'hung-up';

/** Where a call's first route answer is kept (for retries), or {@link HUNG_UP}. */
export const answerKeyOf = (contactId: string): string => `route|${contactId}`;

/**
 * The contact of a call the PBX says hung up. For a call with no contact yet, leaves word
 * first, then looks again: a contact submitted meanwhile is returned (and ended by the caller),
 * else CONTACT_UNKNOWN as before.
 */
export async function contactOfHungUpCall(ctx: ServiceContext, contactId: string): Promise<ContactView> {
  try {
    return await ctx.store.getContact(contactId);
  } catch (e) {
    if (!isRoutingError(e, 'CONTACT_UNKNOWN')) throw e;
    await ctx.values.putIfAbsent(answerKeyOf(contactId), HUNG_UP, EARLY_HANGUP_TTL_MS); // kept already: routed, found below
    return ctx.store.getContact(contactId);
  }
}

/**
 * Ends a call the PBX says hung up: a waiting or ringing call is abandoned, a connected one
 * completed (the agent's wrap-up starts); a caller who asked to be called back keeps their
 * place. When the contact changes under it (the agent accepts as the caller hangs up), it acts
 * on the new state, three times at most.
 */
export async function endHungUpCall(ctx: ServiceContext, contactId: string, first?: ContactView): Promise<void> {
  let c = first ?? await ctx.store.getContact(contactId);
  for (let attempt = 1; ; attempt++) {
    try {
      if (c.state === 'active') await ctx.store.completeContact(c.id);
      else if (c.endedAt === undefined && c.state !== 'completed' && !c.callback) await ctx.store.abandonContact(c.id);
      break;
    } catch (e) {
      if (!isRoutingError(e, 'CONTACT_STATE_INVALID')) throw e;
      if (attempt >= 3) break; // it keeps moving: the caller's answer says where it is
    }
    c = await ctx.store.getContact(contactId);
  }
  ctx.pump.poke();
}

/** A route request could not keep its answer: when that is because the caller hung up meanwhile, its contact ends now. */
export async function endIfHungUpEarly(ctx: ServiceContext, contactId: string): Promise<void> {
  if ((await ctx.values.get(answerKeyOf(contactId))) === HUNG_UP) await endHungUpCall(ctx, contactId);
}
