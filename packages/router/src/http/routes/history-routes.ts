import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import * as history from '../../service/history/history-queries.js';
import { actorOf } from '../authenticate.js';
import { IdParams, errorReplies, reply } from '../schemas.js';
import { AgentListQuery, ExportQuery, InteractionRecord, InteractionSummary, ListQuery } from './history-schemas.js';

const sec = [{ bearer: [] }];
const tags = ['history'];

/** The interaction history: one interaction, a customer's, an agent's, and the NDJSON export. */
export const historyRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get('/v1/interactions/export', {
    schema: {
      tags, security: sec, querystring: ExportQuery,
      summary: 'The history as NDJSON, one entry per line in append order (admins: all; supervisors: their queues and teams). Resume with `after` = the last id.',
      produces: ['application/x-ndjson'],
      response: { 200: { description: 'one entry per line', content: { 'application/x-ndjson': { schema: Type.String() } } }, ...errorReplies },
    },
  }, async (req, res) => {
    const lines = await history.exportHistory(ctx, actorOf(req), { after: req.query.after, limit: req.query.limit ?? 10_000 });
    // A stream is sent as it is read (no serialisation); the schema documents the lines' media type.
    return res.type('application/x-ndjson; charset=utf-8').send(Readable.from(lines) as never);
  });
  app.get('/v1/interactions/:id', {
    schema: { tags, security: sec, summary: "An interaction's history, in order (its agents, its customer's owner, their supervisors)", params: IdParams, response: { 200: InteractionRecord, ...errorReplies } },
  }, async (req) => reply(history.interactionHistory(ctx, actorOf(req), req.params.id)));
  app.get('/v1/customers/:id/interactions', {
    schema: { tags, security: sec, summary: "A customer's interactions, newest first (those I may read)", params: IdParams, querystring: ListQuery, response: { 200: Type.Array(InteractionSummary), ...errorReplies } },
  }, async (req) => reply(history.customerInteractions(ctx, actorOf(req), req.params.id, req.query.limit)));
  app.get('/v1/agents/:id/interactions', {
    schema: { tags, security: sec, summary: "An agent's interactions, newest first (the agent, its supervisors, admins)", params: IdParams, querystring: AgentListQuery, response: { 200: Type.Array(InteractionSummary), ...errorReplies } },
  }, async (req) => reply(history.agentInteractions(ctx, actorOf(req), req.params.id, req.query.limit, req.query.since)));
};
