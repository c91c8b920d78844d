import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AgentConfig, QueueConfig, RequirementStepConfig } from '../../core/config.js';
import { CenterSchema, ServicePolicySchema } from '../../service/config-schema.js';
import * as ops from '../../service/config-ops.js';
import { requireRole } from '../../service/access.js';
import type { ServiceContext } from '../../service/context.js';
import { actorOf } from '../authenticate.js';
import { AbsencesBody, AgentConfigSchema, AuditEntry, IdParams, LimitQuery, Ok, PausedBody, PolicyBody, QueueConfigSchema, SkillsBody, StepsBody, errorReplies, reply } from '../schemas.js';

const sec = [{ bearer: [] }];
const list = (item: Parameters<typeof Type.Array>[0]) => ({ 200: Type.Array(item), ...errorReplies });
const ok = { 200: Ok, ...errorReplies };

/** Domain configuration (admins write, supervisors read), live edits by supervisors, the audit log. */
export const configRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['configuration'];
  app.get('/v1/config/skills', { schema: { tags, security: sec, summary: 'The skill catalogue', response: list(Type.Object({ id: Type.String(), name: Type.Optional(Type.String()), description: Type.Optional(Type.String()) })) } }, async (req) => {
    requireRole(actorOf(req), 'supervisor', 'admin');
    return ctx.config.domain.skills.map((s) => ({ ...s }));
  });

  app.get('/v1/config/queues', { schema: { tags, security: sec, summary: 'Every queue as configured', response: list(QueueConfigSchema) } },
    async (req) => (await ops.listDocs(ctx, actorOf(req), 'queue')) as QueueConfig[]);
  app.put('/v1/config/queues/:id', { schema: { tags, security: sec, summary: 'Add or replace a queue (admin)', params: IdParams, body: QueueConfigSchema, response: ok } }, async (req) => {
    await ops.putQueue(ctx, actorOf(req), { ...(req.body as ops.QueueDoc), id: req.params.id });
    return { ok: true as const };
  });
  app.delete('/v1/config/queues/:id', { schema: { tags, security: sec, summary: 'Remove an empty queue (admin)', params: IdParams, response: ok } }, async (req) => {
    await ops.deleteQueue(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.get('/v1/config/agents', { schema: { tags, security: sec, summary: 'Every agent as configured', response: list(AgentConfigSchema) } },
    async (req) => (await ops.listDocs(ctx, actorOf(req), 'agent')) as AgentConfig[]);
  app.put('/v1/config/agents/:id', { schema: { tags, security: sec, summary: 'Add or replace an agent (admin)', params: IdParams, body: AgentConfigSchema, response: ok } }, async (req) => {
    await ops.putAgent(ctx, actorOf(req), { ...(req.body as AgentConfig), id: req.params.id });
    return { ok: true as const };
  });
  app.delete('/v1/config/agents/:id', { schema: { tags, security: sec, summary: 'Remove a logged-out agent (admin)', params: IdParams, response: ok } }, async (req) => {
    await ops.deleteAgent(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  for (const [path, kind, schema] of [['centers', 'center', CenterSchema], ['service-policies', 'policy', ServicePolicySchema]] as const) {
    app.get(`/v1/config/${path}`, { schema: { tags, security: sec, summary: `Every ${kind}`, response: list(schema) } }, async (req) => reply(ops.listDocs(ctx, actorOf(req), kind)));
    app.put(`/v1/config/${path}/:id`, { schema: { tags, security: sec, summary: `Add or replace a ${kind} (admin)`, params: IdParams, body: schema, response: ok } }, async (req) => {
      const body = { ...(req.body as object), id: req.params.id };
      if (kind === 'center') await ops.putCenter(ctx, actorOf(req), body as never);
      else await ops.putPolicy(ctx, actorOf(req), body as never);
      return { ok: true as const };
    });
    app.delete(`/v1/config/${path}/:id`, { schema: { tags, security: sec, summary: `Remove a ${kind} (admin)`, params: IdParams, response: ok } }, async (req) => {
      await ops.deleteDoc(ctx, actorOf(req), kind, req.params.id);
      return { ok: true as const };
    });
  }

  app.put('/v1/queues/:id/steps', { schema: { tags: ['supervisor'], security: sec, summary: "Replace a queue's requirement steps, live (its supervisors)", params: IdParams, body: StepsBody, response: ok } }, async (req) => {
    await ops.setQueueSteps(ctx, actorOf(req), req.params.id, req.body.steps as RequirementStepConfig[]);
    return { ok: true as const };
  });
  app.put('/v1/queues/:id/policy', { schema: { tags: ['supervisor'], security: sec, summary: "Replace a queue's policy live (its supervisors): steps, strategy, head start per tier, targets", params: IdParams, body: PolicyBody, response: ok } }, async (req) => {
    await ops.setQueuePolicy(ctx, actorOf(req), req.params.id, req.body as ops.QueuePolicy);
    return { ok: true as const };
  });
  app.put('/v1/queues/:id/paused', { schema: { tags: ['supervisor'], security: sec, summary: 'Pause (contacts wait, nobody is offered one) or resume a queue, live', params: IdParams, body: PausedBody, response: ok } }, async (req) => {
    await ops.setQueuePaused(ctx, actorOf(req), req.params.id, req.body.paused);
    return { ok: true as const };
  });
  app.put('/v1/agents/:id/skills', { schema: { tags: ['supervisor'], security: sec, summary: "Replace an agent's skill levels, live (supervisors of its team)", params: IdParams, body: SkillsBody, response: ok } }, async (req) => {
    await ops.setAgentSkills(ctx, actorOf(req), req.params.id, req.body.skills);
    return { ok: true as const };
  });

  app.put('/v1/agents/:id/absences', { schema: { tags: ['supervisor'], security: sec, summary: "Replace an agent's absence calendar, live (supervisors of its team): its customers' calls then go to the substitutes", params: IdParams, body: AbsencesBody, response: ok } }, async (req) => {
    await ops.setAgentAbsences(ctx, actorOf(req), req.params.id, req.body.absences);
    return { ok: true as const };
  });

  app.get('/v1/audit', { schema: { tags, security: sec, summary: 'Configuration changes, newest first (supervisors, admins)', querystring: LimitQuery, response: list(AuditEntry) } },
    async (req) => reply(ops.auditLog(ctx, actorOf(req), req.query.limit ?? 100)));
};
