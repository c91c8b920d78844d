import type { QueueConfig } from '../../core/config.js';
import type { AgentView } from '../../core/views.js';
import type { CenterConfig, ServicePolicy } from '../config-schema.js';
import type { ServiceContext } from '../context.js';

const MAX_AGE_MS = 1_000;

/** What routing by customer data reads of the live domain: agents' teams, centers, policies, queues' windows. */
export interface LiveView {
  readonly agents: ReadonlyMap<string, Pick<AgentView, 'id' | 'team' | 'absences'>>;
  readonly centers: readonly CenterConfig[];
  readonly policies: readonly ServicePolicy[];
  /** Each queue's preferred window (seconds), as configured; 0 while the queue is paused. */
  readonly preferredWindows: ReadonlyMap<string, number>;
  /** Each queue's channel (`voice` unless configured): the queues the domain has. */
  readonly queueChannels: ReadonlyMap<string, string>;
}

/** The core's default preferred window, for a queue that names none. */
const DEFAULT_WINDOW_S = 30;

const cache = new WeakMap<ServiceContext, { at: number; view: Promise<LiveView> }>();

async function load(ctx: ServiceContext): Promise<LiveView> {
  const [agents, centers, policies, queues] = await Promise.all([ctx.store.listAgents(), ctx.docs.list('center'), ctx.docs.list('policy'), ctx.docs.list('queue')]);
  return {
    agents: new Map(agents.map((a) => [a.id, { id: a.id, team: a.team, absences: a.absences }])),
    centers: centers as CenterConfig[],
    policies: policies as ServicePolicy[],
    // A paused queue has none: its account owners are offered nothing (routedQueue), whatever a policy says.
    preferredWindows: new Map((queues as Array<QueueConfig & { paused?: boolean }>).map((q) => [q.id, q.paused === true ? 0 : q.preferredWindowSeconds ?? DEFAULT_WINDOW_S])),
    queueChannels: new Map((queues as QueueConfig[]).map((q) => [q.id, q.channel ?? 'voice'])),
  };
}

/**
 * The live view, read at most once a second per service (listing agents is O(agents)); centers
 * and policies as supervisors last edited them. A failed read is not kept.
 */
export function liveView(ctx: ServiceContext): Promise<LiveView> {
  const now = performance.now(); // not ctx.now: tests and demos pin the service's wall clock
  const hit = cache.get(ctx);
  if (hit !== undefined && now - hit.at < MAX_AGE_MS) return hit.view;
  const view = load(ctx);
  cache.set(ctx, { at: now, view });
  view.catch(() => cache.delete(ctx));
  return view;
}

/** Agents of a team in id order (a stable order for "the rest of the owner's team"). */
export function teamMembers(view: LiveView, agentId: string): string[] {
  const team = view.agents.get(agentId)?.team;
  if (team === undefined) return [];
  return [...view.agents.values()].filter((a) => a.team === team && a.id !== agentId).map((a) => a.id).sort();
}

/** Drops this process's cached view (after an edit here; other processes see it within a second). */
export function forgetLiveView(ctx: ServiceContext): void {
  cache.delete(ctx);
}

/** Whether the agent is away at `at` (ms) by its absence calendar (from inclusive, to exclusive). */
export function absentAt(view: LiveView, agentId: string, at: number): boolean {
  return (view.agents.get(agentId)?.absences ?? []).some((x) => at >= x.from && at < x.to);
}
