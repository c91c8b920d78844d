import { compileRequirement, SkillCatalogue, type SkillDefinition, type SkillLevels } from '@switchboard/skills';
import type { AgentConfig, QueueConfig, RequirementStepConfig } from '../core/config.js';
import { RoutingError } from '../core/errors.js';
import { withSkills } from '../core/skill-errors.js';
import { actorName, checkAgentAccess, checkQueueAccess, requireRole, type Actor } from './access.js';
import type { CenterConfig, ServicePolicy } from './config-schema.js';
import { policyProblems } from './routing/service-policy.js';
import type { ServiceContext } from './context.js';
import type { AuditEntry, DocKind } from './ports.js';
import { ServiceError } from './service-errors.js';
import { OneAtATime } from './one-at-a-time.js';
import { forgetLiveView } from './routing/live-view.js';
import { centerQueueProblems, channelOf } from './routing/routing-config-check.js';

/** Records a change in the audit log: who, what, before → after, when. */
async function record(ctx: ServiceContext, actor: Actor, kind: DocKind, entityId: string, before: unknown, after: unknown): Promise<AuditEntry> {
  const action = before === undefined ? 'create' : after === undefined ? 'delete' : 'update';
  return ctx.audit.append({ at: new Date(ctx.now()).toISOString(), actor: actorName(actor), action, kind, entityId, before: before ?? null, after: after ?? null });
}

/**
 * Applies a change to the router first (it validates and is atomic), then keeps the document
 * and records the change. A change the router refuses leaves documents and audit untouched.
 */
async function change(ctx: ServiceContext, actor: Actor, kind: DocKind, id: string, after: unknown, apply: () => Promise<void>): Promise<void> {
  const before = await ctx.docs.get(kind, id);
  await apply();
  if (after === undefined) await ctx.docs.remove(kind, id);
  else await ctx.docs.put(kind, id, after);
  forgetLiveView(ctx); // the next call plans with the change (queues, centers, policies, absences); other processes within a second
  await record(ctx, actor, kind, id, before, after);
  ctx.pump.poke();
}

/** A queue as the service keeps it: the router's configuration, and whether a supervisor paused it. */
export type QueueDoc = QueueConfig & { readonly paused?: boolean };

/**
 * What the router gets for a queue document. A paused queue keeps taking and holding contacts
 * (their wait, steps and max wait go on) but no agent qualifies for it, so nobody is offered
 * one until it is resumed; resuming re-files the agents and offers the waiting contacts at once.
 */
export function routedQueue(ctx: ServiceContext, doc: QueueDoc): QueueConfig {
  const { paused, ...config } = doc;
  const skill = ctx.config.domain.skills[0]?.id;
  if (paused !== true || skill === undefined) return config;
  checkRequirements(ctx, config);
  const nobody = `${skill} & !${skill}`;
  // No preferred window either: an account owner is not offered a contact of a paused queue.
  return { ...config, preferredWindowSeconds: 0, steps: config.steps.map((s) => ({ ...s, requirement: nobody })) };
}

const catalogues = new WeakMap<ServiceContext['config'], SkillCatalogue>();

/**
 * The router sees a paused queue's placeholder steps, so it cannot check the real ones: they are
 * checked here, as the router would (SKILL_INVALID), so that resuming cannot fail on them.
 */
function checkRequirements(ctx: ServiceContext, config: QueueConfig): void {
  const catalogue = catalogues.get(ctx.config) ?? SkillCatalogue.create(ctx.config.domain.skills as SkillDefinition[]);
  catalogues.set(ctx.config, catalogue);
  config.steps.forEach((s, i) => withSkills(`queue '${config.id}' step ${i}`, () => compileRequirement(catalogue, s.requirement)));
}

const MAX_STEPS_BYTES = 16_384;

/** Requirement steps are small: a bound on their size keeps live edits and their audit entries cheap. */
function checkStepsSize(steps: unknown): void {
  const size = JSON.stringify(steps)?.length ?? 0;
  if (size > MAX_STEPS_BYTES) throw new ServiceError('REQUEST_INVALID', `requirement steps take ${size} bytes; at most ${MAX_STEPS_BYTES}`);
}

const edits = new OneAtATime();

const LOCK_TTL_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/**
 * Holds the entry's lock in the service's shared values while `edit` runs, so processes sharing
 * a Redis domain edit one entry one after another too. A lock outlives a crashed holder by at
 * most 10 s; a waiter gives up after 5 s with STORE_UNAVAILABLE (nothing was changed).
 */
async function locked<T>(ctx: ServiceContext, key: string, edit: () => Promise<T>): Promise<T> {
  const token = `${process.pid}:${Math.random()}`;
  const deadline = performance.now() + LOCK_WAIT_MS; // not ctx.now: a pinned service clock would wait forever
  while (!(await ctx.values.putIfAbsent(`lock|${key}`, token, LOCK_TTL_MS))) {
    if (performance.now() > deadline) throw new RoutingError('STORE_UNAVAILABLE', `'${key}' is being edited elsewhere; try again`);
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    return await edit();
  } finally {
    const held = await ctx.values.take(`lock|${key}`);
    // Past its TTL another process may hold it now: give it back.
    if (held !== undefined && held !== token) await ctx.values.putIfAbsent(`lock|${key}`, held, LOCK_TTL_MS);
  }
}

/**
 * Runs edits of one entry one after another — in this process by a promise chain, across the
 * processes of a Redis domain by a lock — so a read-modify-write (steps, pause, skills) never
 * loses a concurrent one.
 */
function serially<T>(ctx: ServiceContext, kind: DocKind, id: string, edit: () => Promise<T>): Promise<T> {
  const key = `${kind}|${id}`;
  return edits.run(key, () => (ctx.mode === 'redis' ? locked(ctx, key, edit) : edit()));
}

/** Adds or replaces a queue (admin). */
export async function putQueue(ctx: ServiceContext, actor: Actor, q: QueueDoc): Promise<void> {
  requireRole(actor, 'admin');
  checkStepsSize(q.steps);
  await serially(ctx, 'queue', q.id, () => change(ctx, actor, 'queue', q.id, q, () => ctx.store.upsertQueue(routedQueue(ctx, q))));
}

async function queueDoc(ctx: ServiceContext, queueId: string): Promise<QueueDoc> {
  const doc = (await ctx.docs.get('queue', queueId)) as QueueDoc | undefined;
  if (doc === undefined) throw new RoutingError('QUEUE_UNKNOWN', `no queue '${queueId}'`);
  return doc;
}

/** Pauses or resumes a queue, live (supervisors of the queue, admins). */
export async function setQueuePaused(ctx: ServiceContext, actor: Actor, queueId: string, paused: boolean): Promise<void> {
  checkQueueAccess(actor, queueId);
  await serially(ctx, 'queue', queueId, async () => {
    const next = { ...(await queueDoc(ctx, queueId)), paused };
    await change(ctx, actor, 'queue', queueId, next, () => ctx.store.upsertQueue(routedQueue(ctx, next)));
  });
}

/** Removes a queue (admin); refused while it holds contacts or is an overflow target. */
export async function deleteQueue(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  await change(ctx, actor, 'queue', id, undefined, () => ctx.store.removeQueue(id));
}

/** Replaces a queue's requirement steps, live (supervisors of the queue, admins). */
export async function setQueueSteps(ctx: ServiceContext, actor: Actor, queueId: string, steps: readonly RequirementStepConfig[]): Promise<void> {
  checkQueueAccess(actor, queueId);
  checkStepsSize(steps);
  await serially(ctx, 'queue', queueId, async () => {
    const next = { ...(await queueDoc(ctx, queueId)), steps };
    await change(ctx, actor, 'queue', queueId, next, () => ctx.store.upsertQueue(routedQueue(ctx, next)));
  });
}

/**
 * What a queue's supervisors may tune live: requirement steps, agent selection, head start per
 * value tier and the service targets. Structure (channel, overflow, capacity costs, wrap-up
 * policies) stays with admins.
 */
export type QueuePolicy = Pick<QueueConfig, 'steps' | 'strategy' | 'priority' | 'serviceLevel' | 'maxWaitSeconds' | 'ringTimeoutSeconds' | 'wrapUpSeconds'>;
const POLICY_FIELDS = ['steps', 'strategy', 'priority', 'serviceLevel', 'maxWaitSeconds', 'ringTimeoutSeconds', 'wrapUpSeconds'] as const;

/** Replaces a queue's policy live (its supervisors, admins): a policy field left out goes back to its default. */
export async function setQueuePolicy(ctx: ServiceContext, actor: Actor, queueId: string, policy: QueuePolicy): Promise<void> {
  checkQueueAccess(actor, queueId);
  checkStepsSize(policy.steps);
  await serially(ctx, 'queue', queueId, async () => {
    const doc: Record<string, unknown> = { ...(await queueDoc(ctx, queueId)) };
    for (const f of POLICY_FIELDS) delete doc[f];
    const next = { ...doc, ...policy } as QueueDoc;
    await change(ctx, actor, 'queue', queueId, next, () => ctx.store.upsertQueue(routedQueue(ctx, next)));
  });
}

/** Adds or replaces an agent (admin). */
export async function putAgent(ctx: ServiceContext, actor: Actor, a: AgentConfig): Promise<void> {
  requireRole(actor, 'admin');
  await change(ctx, actor, 'agent', a.id, a, () => ctx.store.upsertAgent(a));
}

/** Removes an agent (admin); refused while it is logged in. */
export async function deleteAgent(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  await change(ctx, actor, 'agent', id, undefined, () => ctx.store.removeAgent(id));
}

/** Edits an agent's skill levels live (supervisors of its team, admins). */
export async function setAgentSkills(ctx: ServiceContext, actor: Actor, agentId: string, skills: SkillLevels): Promise<void> {
  requireRole(actor, 'supervisor', 'admin');
  checkAgentAccess(actor, await ctx.store.getAgent(agentId));
  await serially(ctx, 'agent', agentId, async () => {
    const doc = (await ctx.docs.get('agent', agentId)) as AgentConfig | undefined;
    const next = { ...(doc ?? { id: agentId }), skills };
    await change(ctx, actor, 'agent', agentId, next, () => ctx.store.setAgentSkills(agentId, skills));
  });
}

/** An absence: from (inclusive) to (exclusive), epoch ms or ISO-8601. */
export type Absence = NonNullable<AgentConfig['absences']>[number];

/**
 * Replaces an agent's absence calendar (holidays, sick leave), live: supervisors of its team,
 * admins. While absent, the agent's customers' calls go to the substitutes at once — even if
 * the agent is still logged in and ready (a softphone left on over a holiday).
 */
export async function setAgentAbsences(ctx: ServiceContext, actor: Actor, agentId: string, absences: readonly Absence[]): Promise<void> {
  requireRole(actor, 'supervisor', 'admin');
  checkAgentAccess(actor, await ctx.store.getAgent(agentId));
  await serially(ctx, 'agent', agentId, async () => {
    const doc = (await ctx.docs.get('agent', agentId)) as AgentConfig | undefined;
    if (doc === undefined) throw new ServiceError('ENTRY_UNKNOWN', `no agent '${agentId}' in the configuration documents`);
    const next: AgentConfig = { ...doc, absences: [...absences] };
    await change(ctx, actor, 'agent', agentId, next, () => ctx.store.upsertAgent(next));
  });
}

const none = (): Promise<void> => Promise.resolve();

/** Adds or replaces a center (admin). */
export async function putCenter(ctx: ServiceContext, actor: Actor, c: CenterConfig): Promise<void> {
  requireRole(actor, 'admin');
  const queues = new Map(((await ctx.docs.list('queue')) as QueueConfig[]).map((q) => [q.id, channelOf(q)] as const));
  const problems = centerQueueProblems(c, queues, 'center');
  if (problems.length > 0) throw new ServiceError('REQUEST_INVALID', problems.join('; '));
  await change(ctx, actor, 'center', c.id, c, none);
}

/** Adds or replaces a service policy (admin). */
export async function putPolicy(ctx: ServiceContext, actor: Actor, p: ServicePolicy): Promise<void> {
  requireRole(actor, 'admin');
  const problems = policyProblems(p, 'policy');
  if (problems.length > 0) throw new ServiceError('REQUEST_INVALID', problems.join('; '));
  await change(ctx, actor, 'policy', p.id, p, none);
}

/** Removes a center or a service policy (admin); unknown ids are a 404. */
export async function deleteDoc(ctx: ServiceContext, actor: Actor, kind: 'center' | 'policy', id: string): Promise<void> {
  requireRole(actor, 'admin');
  if ((await ctx.docs.get(kind, id)) === undefined) throw new ServiceError('ENTRY_UNKNOWN', `no ${kind} '${id}'`);
  await change(ctx, actor, kind, id, undefined, none);
}

/** The documents of one kind, as configured (supervisors and admins). */
export async function listDocs(ctx: ServiceContext, actor: Actor, kind: DocKind): Promise<unknown[]> {
  requireRole(actor, 'supervisor', 'admin');
  return ctx.docs.list(kind);
}

/** The newest audit entries, newest first (supervisors and admins). */
export async function auditLog(ctx: ServiceContext, actor: Actor, limit: number): Promise<AuditEntry[]> {
  requireRole(actor, 'supervisor', 'admin');
  return ctx.audit.latest(limit);
}
