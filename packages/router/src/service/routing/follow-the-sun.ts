import { isOpen } from '@switchboard/ivr';
import type { CenterConfig, RegionConfig } from '../config-schema.js';

/** What the choice knows of a caller's number. */
export interface CallerPlace {
  readonly e164: string;
  readonly country: string | undefined;
}

/** Why a center was or was not chosen for a call. */
export type CenterOutcome = 'chosen' | 'closed' | 'over-wait-bound' | 'no-queue' | 'unknown-center';

/** One center looked at, in the region's order. */
export interface CenterConsidered {
  readonly centerId: string;
  readonly outcome: CenterOutcome;
  /** The center's queue for the call (absent when it has none). */
  readonly queueId?: string;
  /** The longest wait in that queue when it was looked at (open centers only). */
  readonly longestWaitSeconds?: number;
}

/** Where follow-the-sun sends a call, and why: `queueId` is the home queue when no center takes it. */
export interface CenterChoice {
  readonly queueId: string;
  readonly regionId: string | undefined;
  readonly centerId: string | undefined;
  readonly reason: 'nearest-open' | 'overflow' | 'all-over-bound' | 'all-closed' | 'no-region' | 'not-center-routed';
  readonly considered: readonly CenterConsidered[];
}

/**
 * The caller's region by the declarative table: the longest matching E.164 prefix, else a region
 * listing the caller's country, else the region marked `default`.
 */
export function regionOf(regions: readonly RegionConfig[], caller: CallerPlace | undefined): RegionConfig | undefined {
  if (caller !== undefined) {
    let best: RegionConfig | undefined;
    let bestLength = 0;
    for (const r of regions) {
      for (const p of r.prefixes ?? []) if (p.length > bestLength && caller.e164.startsWith(p)) [best, bestLength] = [r, p.length];
    }
    if (best !== undefined) return best;
    const byCountry = caller.country === undefined ? undefined : regions.find((r) => r.countries?.includes(caller.country as string));
    if (byCountry !== undefined) return byCountry;
  }
  return regions.find((r) => r.default === true);
}

/** True when the center takes new contacts at `at` (no hours: always open). */
export function centerOpen(c: CenterConfig, at: number): boolean {
  const h = c.hours;
  if (h === undefined) return true;
  return isOpen({ timeZone: c.timeZone, days: h.days, from: h.open, to: h.close, holidays: h.holidays ?? [] }, at);
}

/** The queues, over all centers, that the centers use for a home queue's work. */
export function centerQueuesFor(centers: readonly CenterConfig[], homeQueueId: string): string[] {
  return centers.flatMap((c) => (c.queues !== undefined && Object.hasOwn(c.queues, homeQueueId) ? [c.queues[homeQueueId] as string] : []));
}

/** What the choice reads besides the configuration. */
export interface ChoiceInput {
  readonly homeQueueId: string;
  readonly caller: CallerPlace | undefined;
  readonly at: number;
  /** Longest current wait (ms) of each center queue in question. */
  readonly longestWaitMs: (queueId: string) => number;
  /** A tighter wait bound for this caller's segment (service policy), in seconds. */
  readonly policyMaxWaitSeconds?: number | undefined;
}

/**
 * Follow the sun: the nearest center of the caller's region that is open and not over its wait
 * bound takes the call in its own queue for the home queue's work; a closed center, or one whose
 * longest wait exceeds its bound (or the caller's segment's, whichever is tighter), passes the
 * call to the next. All open ones over their bound: the open one waiting least. All closed: the
 * home queue (its own after-hours handling). A home queue no center serves is not center-routed.
 */
export function chooseCenter(regions: readonly RegionConfig[], centers: readonly CenterConfig[], input: ChoiceInput): CenterChoice {
  if (centerQueuesFor(centers, input.homeQueueId).length === 0) return homeChoice(input, undefined, 'not-center-routed', []);
  const region = regionOf(regions, input.caller);
  if (region === undefined) return homeChoice(input, undefined, 'no-region', []);
  const byId = new Map(centers.map((c) => [c.id, c]));
  const considered: CenterConsidered[] = [];
  let fallback: { c: CenterConsidered; wait: number } | undefined;
  for (const id of region.centers) {
    const c = byId.get(id);
    const queueId = c?.queues !== undefined && Object.hasOwn(c.queues, input.homeQueueId) ? c.queues[input.homeQueueId] : undefined;
    if (c === undefined || queueId === undefined) {
      considered.push({ centerId: id, outcome: c === undefined ? 'unknown-center' : 'no-queue' });
      continue;
    }
    if (!centerOpen(c, input.at)) {
      considered.push({ centerId: id, outcome: 'closed', queueId });
      continue;
    }
    const wait = input.longestWaitMs(queueId);
    const entry = { centerId: id, queueId, longestWaitSeconds: Math.floor(wait / 1000) };
    if (wait > boundMs(c, input.policyMaxWaitSeconds)) {
      considered.push({ ...entry, outcome: 'over-wait-bound' });
      if (fallback === undefined || wait < fallback.wait) fallback = { c: { ...entry, outcome: 'chosen' }, wait };
      continue;
    }
    considered.push({ ...entry, outcome: 'chosen' });
    const reason = considered.length === 1 ? 'nearest-open' : 'overflow';
    return { queueId, regionId: region.id, centerId: id, reason, considered };
  }
  if (fallback === undefined) return homeChoice(input, region.id, 'all-closed', considered);
  const pick = fallback.c;
  return {
    queueId: pick.queueId as string, regionId: region.id, centerId: pick.centerId, reason: 'all-over-bound',
    considered: considered.map((x) => (x.centerId === pick.centerId ? pick : x)),
  };
}

/**
 * The home queue as the choice. Spelled out, not spread from a shared object: V8 took its slow
 * path adding properties after such a spread, about 2 % of a routed call.
 */
function homeChoice(input: ChoiceInput, regionId: string | undefined, reason: CenterChoice['reason'], considered: readonly CenterConsidered[]): CenterChoice {
  return { queueId: input.homeQueueId, regionId, centerId: undefined, reason, considered };
}

function boundMs(c: CenterConfig, policyMaxWaitSeconds: number | undefined): number {
  const own = c.maxWaitSeconds ?? Number.POSITIVE_INFINITY;
  return Math.min(own, policyMaxWaitSeconds ?? Number.POSITIVE_INFINITY) * 1000;
}
