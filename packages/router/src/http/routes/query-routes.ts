import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import * as q from '../../service/queries.js';
import { actorOf } from '../authenticate.js';
import { AgentView, Customer, IdParams, QueueStats, errorReplies, reply } from '../schemas.js';

const sec = [{ bearer: [] }];

/** Queue statistics, the agent grid, customers. */
export const queryRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get('/v1/queues/stats', { schema: { tags: ['queries'], security: sec, summary: 'Live statistics of every queue', response: { 200: Type.Array(QueueStats), ...errorReplies } } },
    async (req) => reply(q.allQueueStats(ctx, actorOf(req))));
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
