import type { ContactView } from '../core/views.js';
import { ownAgent, type Actor } from './access.js';
import type { ServiceContext } from './context.js';

/** How far ahead the day's list reaches. */
const DAY_MS = 24 * 3_600_000;

/**
 * The agent's callbacks for the day: scheduled callbacks ("call me at 15:00") it is a preferred
 * agent of — its own customers', and those it substitutes for — due within a day or overdue,
 * soonest first. Callbacks of the queue at large stay with the router, which offers each to
 * whoever is free when it falls due.
 */
export async function ownCallbacks(ctx: ServiceContext, actor: Actor): Promise<ContactView[]> {
  const me = ownAgent(actor);
  const until = ctx.now() + DAY_MS;
  const contacts = await ctx.store.listContacts();
  return contacts
    .filter((c) => c.state === 'scheduled' && c.preferredAgentIds.includes(me) && (c.callbackAt ?? 0) <= until)
    .sort((a, b) => (a.callbackAt ?? 0) - (b.callbackAt ?? 0));
}
