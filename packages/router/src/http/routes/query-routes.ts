import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import * as q from '../../service/queries.js';
import { actorOf } from '../authenticate.js';
import { AgentView, Customer, IdParams, QueueStats, errorReplies, reply } from '../schemas.js';

const sec = [{ bearer: [] }];
const TimelineQuery = Type.Object({ since: Type.Optional(Type.Number({ minimum: 0, description: 'from this time on (epoch ms); default and earliest: 24 hours ago' })) }, { additionalProperties: false });
const TimelinePoint = Type.Object({ t: Type.Number({ description: 'start of the minute (epoch ms)' }), waiting: Type.Integer(), serviceLevel: Type.Union([Type.Number(), Type.Null()]) });

/** Queue statistics, the agent grid, customers. */
export const queryRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get('/v1/queues/stats', { schema: { tags: ['queries'], security: sec, summary: 'Live statistics of every queue', response: { 200: Type.Array(QueueStats), ...errorReplies } } },
    async (req) => reply(q.allQueueStats(ctx, actorOf(req))));
  app.get('/v1/queues/timeline', {
    schema: {
      tags: ['queries'], security: sec, querystring: TimelineQuery, response: { 200: Type.Record(Type.String(), Type.Array(TimelinePoint)), ...errorReplies },
      summary: "Each queue's day by minute: the most contacts waiting, and the service level (for the wallboard's charts)",
    },
  }, async (req) => reply(q.queueTimeline(ctx, actorOf(req), req.query.since)));
  app.get('/v1/queues/:id/stats', { schema: { tags: ['queries'], security: sec, summary: 'Live statistics of a queue: waiting, SL, ASA, AHT, abandonment', params: IdParams, response: { 200: QueueStats, ...errorReplies } } },
    async (req) => reply(q.oneQueueStats(ctx, actorOf(req), req.params.id)));
  app.get('/v1/agents', { schema: { tags: ['queries'], security: sec, summary: 'The agent grid: agents of my teams with state and statistics', response: { 200: Type.Array(AgentView), ...errorReplies } } },
    async (req) => reply(q.agentGrid(ctx, actorOf(req))));
  app.get('/v1/agents/:id', { schema: { tags: ['queries'], security: sec, summary: 'An agent (agents: only themselves)', params: IdParams, response: { 200: AgentView, ...errorReplies } } },
    async (req) => reply(q.oneAgent(ctx, actorOf(req), req.params.id)));
  app.get('/v1/customers', { schema: { tags: ['customers'], security: sec, summary: 'Customers I am responsible for', response: { 200: Type.Array(Customer), ...errorReplies } } },
    async (req) => reply(q.customers(ctx, actorOf(req))));
  app.get('/v1/customers/:id', { schema: { tags: ['customers'], security: sec, summary: 'A customer (agents: only those they own or substitute for)', params: IdParams, response: { 200: Customer, ...errorReplies } } },
    async (req) => reply(q.customer(ctx, actorOf(req), req.params.id)));
};
