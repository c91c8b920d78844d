import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceContext } from '../../service/context.js';
import * as wrapUp from '../../service/history/wrap-up-desk.js';
import { actorOf } from '../authenticate.js';
import { IdParams, errorReplies, reply } from '../schemas.js';
import { HistoryEntry, ShiftCheck, WaiveBody, Waived, WrapUpBody } from './history-schemas.js';

const sec = [{ bearer: [] }];

/** Mandatory wrap-up: filing a disposition and note, the end-of-shift check, and supervisors' waivers. */
export const wrapUpRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post('/v1/me/wrap-ups/:id', {
    schema: {
      tags: ['agent'], security: sec, params: IdParams, body: WrapUpBody, response: { 200: HistoryEntry, ...errorReplies },
      summary: "File the wrap-up of contact :id I handled: a disposition from its queue's list and/or a note (my name and the time are filled in)",
    },
  }, async (req) => reply(wrapUp.fileWrapUp(ctx, actorOf(req), req.params.id, req.body)));
  app.get('/v1/me/wrap-ups/missing', {
    schema: { tags: ['agent'], security: sec, summary: 'End-of-shift check: contacts I handled this shift still lacking their required wrap-up', response: { 200: ShiftCheck, ...errorReplies } },
  }, async (req) => reply(wrapUp.ownShiftCheck(ctx, actorOf(req))));
  app.get('/v1/agents/:id/wrap-ups/missing', {
    schema: { tags: ['supervisor'], security: sec, summary: 'End-of-shift check of an agent of my teams', params: IdParams, response: { 200: ShiftCheck, ...errorReplies } },
  }, async (req) => reply(wrapUp.agentShiftCheck(ctx, actorOf(req), req.params.id)));
  app.post('/v1/agents/:id/wrap-ups/waive', {
    schema: { tags: ['supervisor'], security: sec, summary: "Waive missing wrap-ups of an agent of my teams (all, or those listed), so it can log out; recorded in the history and the audit log", params: IdParams, body: WaiveBody, response: { 200: Waived, ...errorReplies } },
  }, async (req) => reply(wrapUp.waiveWrapUps(ctx, actorOf(req), req.params.id, req.body)));
};
