import type { Actor } from '../access.js';
import type { ServiceContext } from '../context.js';

/**
 * The customers whose contacts an agent user holds right now — offered (ringing), talking or
 * wrapping up: while it does, it may see them (the screen pop, their past interactions). Empty
 * for anyone but an agent.
 */
export async function customersHandledNow(ctx: ServiceContext, actor: Actor): Promise<ReadonlySet<string>> {
  if (actor.kind !== 'user' || actor.role !== 'agent' || actor.agentId === undefined) return new Set();
  const agent = await ctx.store.getAgent(actor.agentId);
  const held = await Promise.all(agent.assignments.map((x) => ctx.store.getContact(x.contactId).catch(() => undefined)));
  const out = new Set<string>();
  for (const c of held) if (c !== undefined && c.agentId === actor.agentId && c.attributes.customerId !== undefined) out.add(c.attributes.customerId);
  return out;
}
