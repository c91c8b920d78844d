import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import * as desk from '../../service/agent-desk.js';
import type { ServiceContext } from '../../service/context.js';
import { actorOf } from '../authenticate.js';
import { AgentView, ContactView, IdParams, Ok, PresenceBody, TokenBody, errorReplies, reply } from '../schemas.js';
import { ownCallbacks } from '../../service/agent-callbacks.js';

const sec = [{ bearer: [] }];
const ok = { 200: Ok, ...errorReplies };

/** The agent's desk: presence with reason codes, offers (accept / reject), complete, wrap-up; forced presence for supervisors. */
export const agentRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['agent'];
  app.get('/v1/me/desk', { schema: { tags, security: sec, summary: 'My agent, and the contacts I hold (offers, calls, wrap-ups)', response: { 200: Type.Object({ agent: AgentView, contacts: Type.Array(ContactView) }), ...errorReplies } } },
    async (req) => reply(desk.ownDesk(ctx, actorOf(req))));

  app.get('/v1/me/callbacks', { schema: { tags, security: sec, summary: "My callbacks of the day: scheduled callbacks of my customers (owner or substitute), due within a day, soonest first", response: { 200: Type.Array(ContactView), ...errorReplies } } },
    async (req) => reply(ownCallbacks(ctx, actorOf(req))));

  app.put('/v1/me/presence', { schema: { tags, security: sec, summary: 'Log in, get ready, go not-ready with a reason code, or log out', body: PresenceBody, response: { 200: AgentView, ...errorReplies } } },
    async (req) => reply(desk.setOwnPresence(ctx, actorOf(req), req.body)));

  app.post('/v1/me/offers/:id/accept', { schema: { tags, security: sec, summary: 'Answer the offer of contact :id (with its fencing token)', params: IdParams, body: TokenBody, response: ok } }, async (req) => {
    await desk.acceptOffer(ctx, actorOf(req), req.params.id, req.body.token);
    return { ok: true as const };
  });
  app.post('/v1/me/offers/:id/reject', { schema: { tags, security: sec, summary: 'Decline the offer of contact :id; it goes to someone else', params: IdParams, body: TokenBody, response: ok } }, async (req) => {
    await desk.rejectOffer(ctx, actorOf(req), req.params.id, req.body.token);
    return { ok: true as const };
  });
  app.post('/v1/contacts/:id/complete', { schema: { tags, security: sec, summary: 'The conversation ended: wrap-up starts (the agent holding it, or its supervisor)', params: IdParams, response: ok } }, async (req) => {
    await desk.completeContact(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  app.post('/v1/me/wrap-ups/:id/finish', { schema: { tags, security: sec, summary: 'End my wrap-up of contact :id early', params: IdParams, response: ok } }, async (req) => {
    await desk.finishWrapUp(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  app.put('/v1/agents/:id/presence', { schema: { tags: ['supervisor'], security: sec, summary: 'Force the presence of an agent of my teams', params: IdParams, body: PresenceBody, response: { 200: AgentView, ...errorReplies } } },
    async (req) => reply(desk.forcePresence(ctx, actorOf(req), req.params.id, req.body)));
};
