import { checkCustomerAccess, permits, requireRole, type Actor } from '../access.js';
import type { ServiceContext } from '../context.js';
import { customersHandledNow } from '../customers/handling-now.js';
import type { HistoryEntry } from './history-entry.js';
import type { InteractionSummary } from './interaction-summary.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

const inScope = (scope: UserActor['teams'], name: string | undefined): boolean =>
  scope === 'all' || (name !== undefined && scope.has(name));

/**
 * Who may read which interactions: admins all; a supervisor those that touched a queue of
 * its or an agent of its teams; an agent those it took part in (offered, answered, wrapped up)
 * and those of the customers it owns, substitutes for, or is handling a contact of now. PBXs
 * read no history.
 */
export class HistoryAccess {
  /** The customers an agent actor handles now, read once per request. */
  private handling: Promise<ReadonlySet<string>> | undefined;

  private constructor(
    private readonly actor: UserActor,
    /** Each agent's team (supervisors only). */
    private readonly teams: ReadonlyMap<string, string | undefined>,
    private readonly ctx: ServiceContext,
  ) {}

  /** The access rules of one request's actor. Throws FORBIDDEN for a PBX. */
  static async of(ctx: ServiceContext, actor: Actor): Promise<HistoryAccess> {
    requireRole(actor, 'agent', 'supervisor', 'admin');
    const teams = actor.role === 'supervisor' ? new Map((await ctx.store.listAgents()).map((a) => [a.id, a.team] as const)) : new Map<string, string | undefined>();
    return new HistoryAccess(actor, teams, ctx);
  }

  /** The actor's role. */
  get role(): UserActor['role'] {
    return this.actor.role;
  }

  /** Whether the actor may read this interaction. */
  async canSee(s: InteractionSummary): Promise<boolean> {
    const a = this.actor;
    if (a.role === 'admin') return true;
    if (a.role === 'supervisor') return s.queueIds.some((q) => inScope(a.queues, q)) || s.agentIds.some((x) => inScope(a.teams, this.teams.get(x)));
    if (a.agentId !== undefined && s.agentIds.includes(a.agentId)) return true;
    return s.customerId !== undefined && this.ownsCustomer(s.customerId);
  }

  /**
   * Whether the actor is responsible for the customer: an agent that owns or substitutes for it,
   * or holds one of its contacts now (ringing, talking, wrapping up — it loses the customer's
   * past interactions once that contact's wrap-up ends); admins all.
   */
  async ownsCustomer(customerId: string): Promise<boolean> {
    if (this.actor.role === 'admin') return true;
    if (this.actor.role !== 'agent') return false;
    this.handling ??= customersHandledNow(this.ctx, this.actor);
    const handlingNow = (await this.handling).has(customerId);
    const c = (await this.ctx.directory.byId(customerId)).customer;
    return c !== undefined && permits(() => checkCustomerAccess(this.actor, c, undefined, handlingNow));
  }

  /**
   * Whether an entry may go into the actor's export (admins: all; supervisors: entries naming
   * a queue of theirs or an agent of their teams). Agents export nothing.
   */
  exports(e: HistoryEntry): boolean {
    const a = this.actor;
    if (a.role === 'admin') return true;
    if (a.role !== 'supervisor') return false;
    return (e.queueId !== undefined && inScope(a.queues, e.queueId)) || (e.agentId !== undefined && inScope(a.teams, this.teams.get(e.agentId)));
  }
}
