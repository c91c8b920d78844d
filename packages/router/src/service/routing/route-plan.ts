import type { QueueStats } from '../../core/stats.js';
import type { Customer } from '../config-schema.js';
import type { ServiceContext } from '../context.js';
import { leadOfNumber, type LeadCall } from '../leads/lead-ops.js';
import { leadIdOf } from '../leads/lead.js';
import { planFor, type PlanReason } from './call-plan.js';
import { preferredWindowSeconds } from './service-policy.js';
import { centerQueuesFor, chooseCenter, regionOf, type CallerPlace, type CenterChoice } from './follow-the-sun.js';
import { absentAt, liveView, teamMembers, type LiveView } from './live-view.js';
import { routerNow } from './router-clock.js'; // absences are read at the router's time

/** What the service decided about a call before the router sees it. */
export interface RoutePlan {
  readonly queueId: string;
  readonly preferredAgentIds: readonly string[];
  readonly reason: PlanReason | 'lead';
  readonly policyId: string | undefined;
  readonly policyMaxWaitSeconds: number | undefined;
  /** How long the preferred agents may hold the call, when the policy's service level shortens the queue's window. */
  readonly preferredWindowSeconds: number | undefined;
  readonly center: CenterChoice;
  readonly leadId: string | undefined;
  /**
   * The lead to make for an unknown caller's first call — made (and `lead.created` published)
   * only once the call is submitted, so a refused request leaves none.
   */
  readonly newLead: LeadCall | undefined;
}


/** A call as the plan sees it. */
export interface PlanCall {
  readonly contactId: string;
  readonly homeQueueId: string;
  readonly caller: CallerPlace | undefined;
  readonly customer: Customer | undefined;
  readonly reason: string | undefined;
  readonly data: Readonly<Record<string, string | number | boolean>>;
  /**
   * False when the customer directory could not say who the caller is: the call is neither a
   * known customer's nor a stranger's, so it goes to the queue asked for and makes no lead.
   */
  readonly identified: boolean;
}

async function longestWaits(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, number>> {
  const stats = await Promise.all(ids.map((q) => ctx.store.queueStats(q).catch((): QueueStats | undefined => undefined)));
  return new Map(ids.map((q, i) => [q, stats[i]?.longestWaitMs ?? 0]));
}

const NO_WAITS: ReadonlyMap<string, number> = new Map();

/**
 * Follow the sun from the queue the plan chose: the nearest open center's own queue for that
 * work. A queue no center serves reads no waits (and awaits nothing).
 */
async function placeInCenter(ctx: ServiceContext, view: LiveView, call: PlanCall, queueId: string, policyMaxWaitSeconds: number | undefined): Promise<CenterChoice> {
  const ids = [...new Set(centerQueuesFor(view.centers, queueId))];
  const waits = ids.length === 0 ? NO_WAITS : await longestWaits(ctx, ids);
  return chooseCenter(ctx.config.regions, view.centers, {
    homeQueueId: queueId, caller: call.caller, at: ctx.now(), longestWaitMs(q) { return waits.get(q) ?? 0; }, policyMaxWaitSeconds,
  });
}

/** Whether an unknown caller's call goes to the lead queue: not for a queue the domain does not have (it is refused as it is). */
function leadsTake(ctx: ServiceContext, view: LiveView, call: PlanCall): boolean {
  const leads = ctx.config.leads;
  if (leads === undefined || call.caller === undefined || call.customer !== undefined || !call.identified) return false;
  const asked = view.queueChannels.get(call.homeQueueId);
  if (asked === undefined) return false;
  if (leads.fromQueues !== undefined) return leads.fromQueues.includes(call.homeQueueId);
  return call.homeQueueId !== leads.queueId && asked === view.queueChannels.get(leads.queueId);
}

/** An unknown caller's call: their lead (made on the first call) and the lead queue, its salesperson first once assigned. */
async function planLead(ctx: ServiceContext, view: LiveView, call: PlanCall): Promise<RoutePlan> {
  const caller = call.caller as CallerPlace;
  const leadQueueId = (ctx.config.leads as { queueId: string }).queueId;
  const lead = await leadOfNumber(ctx, caller.e164);
  const newLead: LeadCall | undefined = lead !== undefined ? undefined : {
    number: caller.e164, country: caller.country, regionId: regionOf(ctx.config.regions, caller)?.id,
    contactId: call.contactId, askedQueueId: call.homeQueueId, reason: call.reason, data: call.data,
  };
  const owner = lead?.assignedAgentId;
  return {
    queueId: leadQueueId, preferredAgentIds: owner !== undefined && view.agents.has(owner) && !absentAt(view, owner, routerNow()) ? [owner] : [], reason: 'lead',
    policyId: undefined, policyMaxWaitSeconds: undefined, preferredWindowSeconds: undefined, center: await placeInCenter(ctx, view, call, leadQueueId, undefined),
    leadId: lead?.id ?? leadIdOf(caller.e164), newLead,
  };
}

/**
 * Plans a call from what is known of the caller: a debtor to collections and their credit
 * controller; a known customer to their owner, substitutes and team; an unknown number to a new
 * lead; then follow-the-sun picks the center. The service policy of the customer's segment
 * tightens the centers' wait bounds and (its service-level threshold) the account team's window.
 */
export async function planCall(ctx: ServiceContext, call: PlanCall): Promise<RoutePlan> {
  const view = await liveView(ctx);
  if (leadsTake(ctx, view, call)) return planLead(ctx, view, call);
  // Methods rather than arrow functions, here and in placeInCenter: under tsx (esbuild's
  // keepNames) every named arrow function gets its name by Object.defineProperty when created,
  // which on this path cost about 1.5 % of a routed call.
  const plan = planFor(call.customer, {
    homeQueueId: call.homeQueueId, collectionsQueueId: ctx.config.collections?.queueId, policies: view.policies,
    teamOf(id) { return teamMembers(view, id); }, known(id) { return view.agents.has(id); }, absent(id) { return absentAt(view, id, routerNow()); },
  });
  const maxWait = plan.policy?.maxWaitSeconds;
  const center = await placeInCenter(ctx, view, call, plan.queueId, maxWait);
  const queueWindow = view.preferredWindows.get(center.queueId);
  const window = queueWindow === undefined || plan.policy === undefined ? undefined : preferredWindowSeconds(queueWindow, plan.policy);
  return {
    queueId: plan.queueId, preferredAgentIds: plan.preferredAgentIds, reason: plan.reason, policyId: plan.policy?.id,
    policyMaxWaitSeconds: maxWait, preferredWindowSeconds: window === queueWindow ? undefined : window, center, leadId: undefined, newLead: undefined,
  };
}
