import { isRoutingError } from '../core/errors.js';
import type { ContactView } from '../core/views.js';
import type { ServiceContext } from './context.js';

/**
 * A caller can hang up while its route request is still being planned (a CRM lookup): the
 * PBX reports the hang-up, the service knows no contact for the call yet, and the route
 * request then submits one for a caller who has gone. So a hang-up for an unknown call leaves
 * word for this long (longer than any route request plans), and the route request, once its
 * contact is submitted, ends it if there is word. Each side looks at the other's after
 * writing its own, so one of them sees the other whatever the order.
 */
const EARLY_HANGUP_TTL_MS = 60_000;

const keyOf = (contactId: string): string => `hungup|${contactId}`;

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
    await ctx.values.put(keyOf(contactId), '1', EARLY_HANGUP_TTL_MS);
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

/** After a route request submitted its contact: a hang-up reported meanwhile ends it now. */
export async function endIfHungUpEarly(ctx: ServiceContext, contactId: string): Promise<void> {
  if ((await ctx.values.get(keyOf(contactId))) !== undefined) await endHungUpCall(ctx, contactId);
}
