import type { Customer, ServicePolicy } from '../config-schema.js';
import { policyOf } from './service-policy.js';

/** The most agents a contact can name as preferred (the router's limit). */
export const MAX_PREFERRED = 16;

/** Why a known customer's call goes where it goes. */
export type PlanReason = 'collections' | 'account-team' | 'queue';

/** Where a known customer's call goes first: a queue and the agents who get it before the queue. */
export interface CallPlan {
  readonly queueId: string;
  /** In order: owner, substitutes, then the owner's team (or the credit controller for a debtor). */
  readonly preferredAgentIds: readonly string[];
  readonly reason: PlanReason;
  /** The service policy of the customer's segment, when one is configured. */
  readonly policy: ServicePolicy | undefined;
}

/** What the plan reads besides the customer. */
export interface PlanInput {
  readonly homeQueueId: string;
  readonly collectionsQueueId: string | undefined;
  readonly policies: readonly ServicePolicy[];
  /** Agents of a team, in a stable order (the owner's team follows its substitutes). */
  readonly teamOf: (agentId: string) => readonly string[];
  /** Agents that exist now (an owner removed from the domain is skipped, not an error). */
  readonly known: (agentId: string) => boolean;
  /** Agents away now by their absence calendar (holiday, leave): skipped, whatever their presence says. */
  readonly absent: (agentId: string) => boolean;
}

function ordered(ids: ReadonlyArray<string | undefined>, input: PlanInput): string[] {
  const out: string[] = [];
  for (const id of ids) if (id !== undefined && input.known(id) && !input.absent(id) && !out.includes(id) && out.length < MAX_PREFERRED) out.push(id);
  return out;
}

/**
 * A known customer's call: a debtor (overdue invoices) goes to the collections queue, its credit
 * controller first; anyone else to the asked queue, their account owner first, then the
 * substitutes in order, then the rest of the owner's team. Whoever the absence calendar says is
 * away is left out (an owner on holiday whose softphone is still logged in and ready does not
 * get the call: the substitute does); the router skips the logged out among the rest and
 * queues the call when none is free within the queue's window.
 */
export function planFor(customer: Customer | undefined, input: PlanInput): CallPlan {
  const policy = policyOf(input.policies, customer);
  if (customer === undefined) return { queueId: input.homeQueueId, preferredAgentIds: [], reason: 'queue', policy };
  if (customer.flags?.overdueInvoices === true && input.collectionsQueueId !== undefined) {
    const ids = ordered([customer.creditControllerAgentId], input);
    return { queueId: input.collectionsQueueId, preferredAgentIds: ids, reason: 'collections', policy };
  }
  const owner = customer.ownerAgentId;
  const team = owner === undefined ? [] : input.teamOf(owner);
  const ids = ordered([owner, ...(customer.substituteAgentIds ?? []), ...team], input);
  return { queueId: input.homeQueueId, preferredAgentIds: ids, reason: ids.length === 0 ? 'queue' : 'account-team', policy };
}
