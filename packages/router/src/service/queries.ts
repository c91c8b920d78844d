import type { AgentStats, QueueStats } from '../core/stats.js';
import type { AgentView } from '../core/views.js';
import { checkAgentAccess, checkCustomerAccess, permits, requireRole, type Actor } from './access.js';
import type { Customer } from './config-schema.js';
import type { ServiceContext } from './context.js';
import { requireCustomer } from './customers/customer-directory.js';
import { customersHandledNow } from './customers/handling-now.js';
import type { ConfigDocs } from './ports.js';
import { isRoutingError } from '../core/errors.js';
import { KEEP_MS, type TimelinePoint } from './timeline/queue-timeline.js';

/** Ids of every configured queue. */
export async function queueIds(docs: ConfigDocs): Promise<string[]> {
  return ((await docs.list('queue')) as Array<{ id: string }>).map((q) => q.id).sort();
}

/** Live statistics of every queue (any logged-in user: wallboards show them to agents too). */
export async function allQueueStats(ctx: ServiceContext, actor: Actor): Promise<QueueStats[]> {
  requireRole(actor, 'agent', 'supervisor', 'admin');
  return Promise.all((await queueIds(ctx.docs)).map((id) => ctx.store.queueStats(id)));
}

/** Each queue's waiting count and service level by minute from `since` (default: the last 24 hours). */
export async function queueTimeline(ctx: ServiceContext, actor: Actor, since: number | undefined): Promise<Record<string, TimelinePoint[]>> {
  requireRole(actor, 'agent', 'supervisor', 'admin');
  const from = Math.max(since ?? 0, ctx.now() - KEEP_MS);
  return ctx.timeline.since(from, await queueIds(ctx.docs));
}

/** Live statistics of one queue. */
export async function oneQueueStats(ctx: ServiceContext, actor: Actor, queueId: string): Promise<QueueStats> {
  requireRole(actor, 'agent', 'supervisor', 'admin');
  return ctx.store.queueStats(queueId);
}

/** The agent grid: agents of the supervisor's teams (admins: all), with their statistics. */
export async function agentGrid(ctx: ServiceContext, actor: Actor): Promise<Array<AgentView & { stats: AgentStats }>> {
  requireRole(actor, 'supervisor', 'admin');
  const agents = (await ctx.store.listAgents()).filter((a) => permits(() => checkAgentAccess(actor, a)));
  const stats = await Promise.all(agents.map((a) => ctx.store.agentStats(a.id)));
  return agents.map((a, i) => ({ ...a, stats: stats[i] as AgentStats }));
}

/** One agent: itself, or an agent of the supervisor's teams. */
export async function oneAgent(ctx: ServiceContext, actor: Actor, agentId: string): Promise<AgentView & { stats: AgentStats }> {
  const a = await ctx.store.getAgent(agentId);
  checkAgentAccess(actor, a);
  return { ...a, stats: await ctx.store.agentStats(agentId) };
}

/** The team of the customer's owner; an owner removed from the domain has none. */
async function ownerTeam(ctx: ServiceContext, c: Customer): Promise<string | undefined> {
  if (c.ownerAgentId === undefined) return undefined;
  try {
    return (await ctx.store.getAgent(c.ownerAgentId)).team;
  } catch (e) {
    if (isRoutingError(e, 'AGENT_UNKNOWN')) return undefined;
    throw e;
  }
}

/** A customer, for whoever is responsible for it. */
export async function customer(ctx: ServiceContext, actor: Actor, id: string): Promise<Customer> {
  const c = requireCustomer(await ctx.directory.byId(id), id);
  checkCustomerAccess(actor, c, await ownerTeam(ctx, c), (await customersHandledNow(ctx, actor)).has(c.id));
  return c;
}

/**
 * A user submitting a contact may name only a customer it may see: the contact's agent then
 * sees that customer and its past interactions (the screen pop). A customer the directory does
 * not know gives access to nothing, and may be named; while the directory cannot tell, none may.
 */
export async function checkNamedCustomer(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  if (actor.kind === 'user' && actor.role === 'admin') return; // sees every customer: nothing to ask the directory
  const l = await ctx.directory.byId(id);
  if (l.customer === undefined && l.outcome === 'miss') return;
  const c = requireCustomer(l, id); // a directory that cannot tell: refused, not waved through
  checkCustomerAccess(actor, c, await ownerTeam(ctx, c));
}

/** The customers the actor is responsible for (an agent: those it owns or substitutes for). */
export async function customers(ctx: ServiceContext, actor: Actor): Promise<Customer[]> {
  requireRole(actor, 'agent', 'supervisor', 'admin'); // a PBX reads none (checkCustomerAccess)
  const out: Customer[] = [];
  for (const c of await ctx.directory.list()) {
    const team = await ownerTeam(ctx, c).catch(() => undefined);
    if (permits(() => checkCustomerAccess(actor, c, team))) out.push(c);
  }
  return out;
}
