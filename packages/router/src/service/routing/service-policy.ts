import type { Customer, ServicePolicy } from '../config-schema.js';

/**
 * Service policies per customer segment, pure: which policy a customer gets, what it changes in
 * the call's plan, and the expected wait it implies.
 */

/** The handle time assumed before a queue has measured one and no policy names one. */
export const DEFAULT_HANDLE_SECONDS = 180;

/**
 * How closely a policy fits a customer: 3 when it names the customer's value tier and segment,
 * 2 the tier alone, 1 the segment alone, 0 when it does not fit (it names another tier or
 * segment, or neither).
 */
function fit(p: ServicePolicy, c: Customer): number {
  const tier = p.valueTier === undefined ? undefined : p.valueTier === c.valueTier;
  const segment = p.segment === undefined ? undefined : p.segment === c.segment;
  if (tier === false || segment === false || (tier === undefined && segment === undefined)) return 0;
  return (tier === true ? 2 : 0) + (segment === true ? 1 : 0);
}

/**
 * The service policy of a customer: the one naming both its value tier and its segment, else
 * the one naming its tier (and no segment), else the one naming its segment (and no tier); the
 * first listed among equals. None for an unknown caller.
 *
 * @example
 * policyOf([{ id: 'core', segment: 'core', … }, { id: 'plat', valueTier: 'platinum', … }],
 *   { id: 'c', valueTier: 'platinum', segment: 'core', … })?.id; // 'plat': the tier beats the segment
 */
export function policyOf(policies: readonly ServicePolicy[], customer: Customer | undefined): ServicePolicy | undefined {
  if (customer === undefined) return undefined;
  let best: ServicePolicy | undefined;
  let bestFit = 0;
  for (const p of policies) {
    const f = fit(p, customer);
    if (f > bestFit) [best, bestFit] = [p, f];
  }
  return best;
}

/** What is wrong with a policy on its own: it must name a value tier, a segment, or both. */
export function policyProblems(p: ServicePolicy, path: string): string[] {
  return p.valueTier === undefined && p.segment === undefined ? [`${path}: names neither a valueTier nor a segment (it would fit nobody)`] : [];
}

/**
 * How long the account team may hold a call before it joins the queue: the queue's window, but
 * never past the policy's service-level threshold (a platinum caller promised an answer within
 * 10 s does not wait 30 s for a busy owner).
 */
export function preferredWindowSeconds(queueWindowSeconds: number, policy: ServicePolicy | undefined): number {
  const threshold = policy?.serviceLevel.thresholdSeconds;
  return threshold === undefined ? queueWindowSeconds : Math.min(queueWindowSeconds, threshold);
}

/** What an expected wait is estimated from. */
export interface WaitEstimateInput {
  /** Place in the queue, 1 = next. */
  readonly position: number;
  /** Agents logged in to the queue. */
  readonly staffed: number;
  /** The queue's measured average handle time (ms), once it has handled calls. */
  readonly measuredHandleMs: number | null | undefined;
  /** The expected handle time of the caller's service policy (seconds), if it names one. */
  readonly expectedHandleSeconds: number | undefined;
}

/**
 * The expected wait (seconds) of a queued call: position × handle time over the logged-in
 * agents. The handle time is the queue's measured one; before the queue has measured any, the
 * expected handle time of the caller's service policy, else {@link DEFAULT_HANDLE_SECONDS}.
 */
export function expectedWaitSeconds(w: WaitEstimateInput): number {
  const handleS = w.measuredHandleMs != null ? w.measuredHandleMs / 1000 : (w.expectedHandleSeconds ?? DEFAULT_HANDLE_SECONDS);
  return Math.ceil((w.position * handleS) / Math.max(1, w.staffed));
}
