import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import { assignLead, getLead, listLeads } from '../../service/leads/lead-ops.js';
import { actorOf } from '../authenticate.js';
import { IdParams, LimitQuery, errorReplies, reply } from '../schemas.js';

const sec = [{ bearer: [] }];
const Opt = Type.Optional;
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

const Lead = Type.Object({
  id: Type.String(), number: Type.String(), country: Opt(Type.String()), regionId: Opt(Type.String()), createdAt: Type.String(),
  firstContactId: Type.String(), askedQueueId: Type.String(), reason: Opt(Type.String()), data: Type.Record(Type.String(), Scalar),
  status: Type.Union([Type.Literal('new'), Type.Literal('assigned')]),
  assignedAgentId: Opt(Type.String()), assignedBy: Opt(Type.String()), assignedAt: Opt(Type.String()),
}, { $id: 'Lead' });

const AssignBody = Type.Object({ agentId: Type.String({ pattern: '^[A-Za-z0-9._:@+-]{1,128}$' }) }, { additionalProperties: false });

/** Leads: unknown callers, made by their first call; supervisors assign them to salespeople. */
export const leadRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get('/v1/leads', { schema: { tags: ['leads'], security: sec, summary: 'The newest leads (agents: those assigned to them)', querystring: LimitQuery, response: { 200: Type.Array(Lead), ...errorReplies } } },
    async (req) => reply(listLeads(ctx, actorOf(req), req.query.limit ?? 100)));
  app.get('/v1/leads/:id', { schema: { tags: ['leads'], security: sec, summary: 'A lead', params: IdParams, response: { 200: Lead, ...errorReplies } } },
    async (req) => reply(getLead(ctx, actorOf(req), req.params.id)));
  app.post('/v1/leads/:id/assign', { schema: { tags: ['leads'], security: sec, summary: 'Assign a lead to an agent (supervisor of its team, admin): it gets the number\'s calls first', params: IdParams, body: AssignBody, response: { 200: Lead, ...errorReplies } } },
    async (req) => reply(assignLead(ctx, actorOf(req), req.params.id, req.body.agentId)));
};
