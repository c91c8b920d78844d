import type { ContactView } from '../core/views.js';
import type { Customer, Role, User } from './config-schema.js';
import { ServiceError } from './service-errors.js';

/** Everyone in a supervisor's scope, or only the named teams / queues. */
export type Scope = 'all' | ReadonlySet<string>;

/** Who is calling: a logged-in user (from the JWT) or a PBX (from its API key). */
export type Actor =
  | { readonly kind: 'user'; readonly id: string; readonly role: Role; readonly agentId: string | undefined; readonly teams: Scope; readonly queues: Scope }
  | { readonly kind: 'pbx'; readonly id: string };

/** A supervisor's teams or queues: only those listed; `*` for all. A missing list grants nothing. */
const scopeOf = (names: readonly string[] | undefined): Scope =>
  names?.includes('*') === true ? 'all' : new Set(names ?? []);

const inScope = (scope: Scope, name: string | undefined): boolean =>
  scope === 'all' || (name !== undefined && scope.has(name));

/** The actor of a configured user; admins see everything, supervisors their teams and queues. */
export function actorOfUser(u: User): Actor {
  const all = u.role === 'admin';
  return {
    kind: 'user', id: u.id, role: u.role, agentId: u.agentId,
    teams: all ? 'all' : u.role === 'supervisor' ? scopeOf(u.teams) : new Set(),
    queues: all ? 'all' : u.role === 'supervisor' ? scopeOf(u.queues) : new Set(),
  };
}

/** A short name for logs and the audit log: `user:sue`, `pbx:kamailio`. */
export const actorName = (a: Actor): string => `${a.kind}:${a.id}`;

function forbid(why: string): never {
  throw new ServiceError('FORBIDDEN', why);
}

/** Whether an access check passes (for filtering lists rather than refusing). */
export function permits(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

/** Throws FORBIDDEN unless the actor is a user with one of the roles. */
export function requireRole(a: Actor, ...roles: Role[]): asserts a is Extract<Actor, { kind: 'user' }> {
  if (a.kind !== 'user' || !roles.includes(a.role)) forbid(`needs role ${roles.join(' or ')}`);
}

/** Throws FORBIDDEN unless the actor is a PBX, or a user with one of the roles. */
export function requirePbxOr(a: Actor, ...roles: Role[]): void {
  if (a.kind !== 'pbx') requireRole(a, ...roles);
}

/** The agent id of an agent user (their own desk). */
export function ownAgent(a: Actor): string {
  if (a.kind !== 'user' || a.agentId === undefined) forbid('only an agent user has an agent desk');
  return a.agentId;
}

/** Supervisors act on agents of their teams; admins on all; an agent only on itself. */
export function checkAgentAccess(a: Actor, agent: { readonly id: string; readonly team: string | undefined }): void {
  if (a.kind === 'pbx') forbid('a PBX does not act on agents');
  if (a.role === 'agent' ? a.agentId === agent.id : inScope(a.teams, agent.team)) return;
  forbid(`agent '${agent.id}' is outside your ${a.role === 'agent' ? 'desk' : 'teams'}`);
}

/** Supervisors act on their queues; admins on all. */
export function checkQueueAccess(a: Actor, queueId: string): void {
  requireRole(a, 'supervisor', 'admin');
  if (!inScope(a.queues, queueId)) forbid(`queue '${queueId}' is outside your queues`);
}

/** PBXs and admins see every contact; supervisors those of their queues; an agent those it holds or held. */
export function checkContactAccess(a: Actor, c: ContactView): void {
  if (a.kind === 'pbx') return;
  const ok = a.role === 'agent' ? a.agentId !== undefined && c.agentId === a.agentId : inScope(a.queues, c.queueId);
  if (!ok) forbid(`contact '${c.id}' is not yours to see`);
}

/**
 * An agent sees the customers it owns or substitutes for, and one whose contact it is handling
 * now (`handlingNow`: the screen pop); supervisors those owned in their teams, or unowned; admins
 * all; a PBX none.
 */
export function checkCustomerAccess(a: Actor, c: Customer, ownerTeam: string | undefined, handlingNow = false): void {
  if (a.kind === 'pbx') forbid('a PBX does not read customers (it names them on the calls it routes)');
  if (a.role === 'admin') return;
  const mine = a.role === 'agent'
    ? a.agentId !== undefined && (handlingNow || c.ownerAgentId === a.agentId || (c.substituteAgentIds ?? []).includes(a.agentId))
    : c.ownerAgentId === undefined || inScope(a.teams, ownerTeam);
  if (!mine) forbid(`customer '${c.id}' is not yours to see`);
}
