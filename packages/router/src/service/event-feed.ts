import type { RoutingEvent } from '../core/events.js';
import type { ServiceEvent } from './service-events.js';
import type { Actor } from './access.js';
import { ownDesk } from './agent-desk.js';
import type { ServiceContext } from './context.js';
import { agentGrid, allQueueStats } from './queries.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

const inScope = (scope: UserActor['teams'], name: string | undefined): boolean =>
  scope === 'all' || (name !== undefined && scope.has(name));

function queuesOf(e: RoutingEvent | ServiceEvent): string[] {
  const out: string[] = [];
  if ('queueId' in e) out.push(e.queueId);
  if ('fromQueueId' in e) out.push(e.fromQueueId, e.toQueueId);
  return out;
}

/**
 * Which events an actor may see on its stream: an agent those about itself (its presence, its
 * offers, contacts that prefer it, leads assigned to it); a supervisor those about agents of its
 * teams or contacts (and new leads) of its queues; an admin all.
 */
export class EventFilter {
  private readonly teams = new Map<string, string | undefined>();

  constructor(private readonly ctx: ServiceContext, private readonly actor: UserActor) {}

  /** Loads each agent's team (supervisors filter by team). */
  async init(): Promise<void> {
    if (this.actor.role !== 'supervisor') return;
    for (const a of await this.ctx.store.listAgents()) this.teams.set(a.id, a.team);
  }

  accepts(e: RoutingEvent | ServiceEvent): boolean {
    const a = this.actor;
    if (a.role === 'admin') return true;
    if (e.type === 'agent.updated' && a.role === 'supervisor') this.teams.set(e.agentId, e.team); // it comes before the offers the change makes
    if (a.role === 'agent') return ('agentId' in e && e.agentId === a.agentId) || (e.type === 'contact.preferred' && e.agentIds.includes(a.agentId ?? ''));
    if ('agentId' in e && inScope(a.teams, this.teams.get(e.agentId))) return true;
    return queuesOf(e).some((q) => inScope(a.queues, q));
  }
}

/** What a client gets first on (re)connecting: its desk (agents) or its agents and queues (supervisors). */
export async function snapshotFor(ctx: ServiceContext, actor: UserActor): Promise<unknown> {
  if (actor.role === 'agent') return { desk: await ownDesk(ctx, actor), queues: await allQueueStats(ctx, actor) };
  const queues = (await allQueueStats(ctx, actor)).filter((q) => inScope(actor.queues, q.queueId));
  return { agents: await agentGrid(ctx, actor), queues };
}
