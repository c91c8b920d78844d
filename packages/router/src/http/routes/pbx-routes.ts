import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import { callAnswered, callHungUp, callNotAnswered } from '../../service/pbx-calls.js';
import { withRouteSet } from '../../service/route-call.js';
import { actorOf } from '../authenticate.js';
import { RouteAnswer, errorReplies, reply } from '../schemas.js';

const sec = [{ apiKey: [] }, { basic: [] }];
const CallParams = Type.Object({ callId: Type.String({ minLength: 1, maxLength: 512, description: 'the SIP Call-ID the call was routed with' }) });
const ReservationId = Type.String({ minLength: 1, maxLength: 64, description: "the offer's reservation id (the route answer's reservationId, sent to the agent as X-Switchboard-Reservation)" });
const AnsweredBody = Type.Object({ reservationId: ReservationId }, { additionalProperties: false });
const NoAnswerBody = Type.Object({
  reservationId: ReservationId,
  cause: Type.Union(['timeout', 'declined', 'busy', 'unreachable'].map((c) => Type.Literal(c)), {
    description: 'timeout: rang out (a missed offer); declined/busy: turned down; unreachable: no registered phone (the agent is set not ready)',
  }),
}, { additionalProperties: false });
const answer = { 200: RouteAnswer, ...errorReplies };

/**
 * The PBX adapter: what a SIP server tells the router about a call it routed — the agent's
 * phone answered, did not answer, or the call ended. Each answers where the call stands now
 * (the route answer), so the PBX can act on it at once; all are idempotent by Call-ID.
 */
export const pbxRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['pbx'];
  app.post('/v1/pbx/calls/:callId/answered', {
    schema: { tags, security: sec, params: CallParams, body: AnsweredBody, response: answer, summary: "The agent's phone answered the offered call: the offer is accepted (RESERVATION_STALE if the router gave it to someone else)" },
  }, async (req) => {
    const actor = actorOf(req);
    return reply(callAnswered(ctx, actor, req.params.callId, req.body.reservationId).then((a) => withRouteSet(ctx, actor, a)));
  });
  app.post('/v1/pbx/calls/:callId/no-answer', {
    schema: { tags, security: sec, params: CallParams, body: NoAnswerBody, response: answer, summary: 'The offered call did not connect: the call goes back to its place, and the answer names the next agent (or queued)' },
  }, async (req) => {
    const actor = actorOf(req);
    return reply(callNotAnswered(ctx, actor, req.params.callId, req.body.reservationId, req.body.cause as 'timeout').then((a) => withRouteSet(ctx, actor, a)));
  });
  app.post('/v1/pbx/calls/:callId/hangup', {
    schema: { tags, security: sec, params: CallParams, response: answer, summary: 'The call ended at the PBX: abandoned if it was waiting or ringing, completed (wrap-up starts) if connected' },
  }, async (req) => {
    const actor = actorOf(req);
    return reply(callHungUp(ctx, actor, req.params.callId).then((a) => withRouteSet(ctx, actor, a)));
  });
};
