import { actorName, checkAgentAccess, requireRole, type Actor } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../service-errors.js';
import { leadIdOf, type Lead, type LeadData } from './lead.js';

/** What a call from an unknown number tells of its lead. */
export interface LeadCall {
  readonly number: string;
  readonly country: string | undefined;
  readonly regionId: string | undefined;
  readonly contactId: string;
  readonly askedQueueId: string;
  readonly reason: string | undefined;
  readonly data: LeadData;
}

/**
 * The lead of an unknown caller's number: found, or created from this first call — then
 * `lead.created` is published (the head of sales is told, to assign it).
 */
export async function leadForCall(ctx: ServiceContext, call: LeadCall, leadQueueId: string): Promise<Lead> {
  const fresh: Lead = {
    id: leadIdOf(call.number), number: call.number, country: call.country, regionId: call.regionId,
    createdAt: new Date(ctx.now()).toISOString(), firstContactId: call.contactId, askedQueueId: call.askedQueueId,
    reason: call.reason, data: call.data, status: 'new',
  };
  const { lead, created } = await ctx.leads.create(fresh);
  if (created) {
    await ctx.bus.publish({ type: 'lead.created', at: ctx.now(), leadId: lead.id, contactId: call.contactId, queueId: leadQueueId, askedQueueId: call.askedQueueId });
  }
  return lead;
}

/** The lead of a number, if that number called before. */
export function leadOfNumber(ctx: ServiceContext, e164: string): Promise<Lead | undefined> {
  return ctx.leads.get(leadIdOf(e164));
}

/** Supervisors and admins see every lead; an agent those assigned to it. */
const visible = (actor: Extract<Actor, { kind: 'user' }>, lead: Lead): boolean =>
  actor.role !== 'agent' || (lead.assignedAgentId !== undefined && lead.assignedAgentId === actor.agentId);

/** The newest leads: supervisors and admins see all, an agent those assigned to it. */
export async function listLeads(ctx: ServiceContext, actor: Actor, limit: number): Promise<Lead[]> {
  requireRole(actor, 'agent', 'supervisor', 'admin');
  const all = await ctx.leads.latest(actor.role === 'agent' ? 1_000 : limit);
  return all.filter((l) => visible(actor, l)).slice(0, limit);
}

/** One lead (an agent only its own). */
export async function getLead(ctx: ServiceContext, actor: Actor, id: string): Promise<Lead> {
  requireRole(actor, 'agent', 'supervisor', 'admin');
  const lead = await ctx.leads.get(id);
  if (lead === undefined || !visible(actor, lead)) throw new ServiceError('LEAD_UNKNOWN', `no lead '${id}'`);
  return lead;
}

/**
 * A supervisor (of the agent's team) or an admin assigns a lead to an agent: that agent gets
 * the number's next calls first, and the assignment is audited and published.
 */
export async function assignLead(ctx: ServiceContext, actor: Actor, id: string, agentId: string): Promise<Lead> {
  requireRole(actor, 'supervisor', 'admin');
  checkAgentAccess(actor, await ctx.store.getAgent(agentId));
  const before = await ctx.leads.get(id);
  if (before === undefined) throw new ServiceError('LEAD_UNKNOWN', `no lead '${id}'`);
  const by = actor.id;
  const at = new Date(ctx.now()).toISOString();
  const lead = await ctx.leads.assign(id, { agentId, by, at });
  if (lead === undefined) throw new ServiceError('LEAD_UNKNOWN', `no lead '${id}'`);
  await ctx.audit.append({ at, actor: actorName(actor), action: 'update', kind: 'lead', entityId: id, before: { assignedAgentId: before.assignedAgentId ?? null }, after: { assignedAgentId: agentId } });
  await ctx.bus.publish({ type: 'lead.assigned', at: ctx.now(), leadId: id, agentId, by });
  return lead;
}
