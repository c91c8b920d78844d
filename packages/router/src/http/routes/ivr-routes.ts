import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import type { Actor } from '../../service/access.js';
import { inputIvrSession, ivrSessionStatus, startIvrSession, type IvrReply } from '../../service/ivr-sessions.js';
import { withRouteSet } from '../../service/route-call.js';
import { actorOf } from '../authenticate.js';
import { IdParams, RouteAnswer, errorReplies, reply } from '../schemas.js';

const sec = [{ apiKey: [] }, { bearer: [] }];

const StartBody = Type.Object({
  callId: Type.String({ minLength: 1, maxLength: 512, description: 'the SIP Call-ID: the session id derives from it, a retry gets the same session' }),
  caller: Type.Optional(Type.String({ maxLength: 64, description: 'the caller-id; withheld or malformed, the call is served and routed unidentified' })),
  ivrId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:@+-]{1,128}$' })),
}, { additionalProperties: false });

const Seq = Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'how many inputs were sent before this one (the reply says `inputs`): a retry of the last one gets its reply again' }));
const InputBody = Type.Union([
  Type.Object({ type: Type.Literal('digits'), digits: Type.String({ pattern: '^[0-9*#]{1,32}$' }), seq: Seq }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('speech'), text: Type.String({ minLength: 1, maxLength: 500, description: 'digits or keywords the PBX recognised' }), seq: Seq }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('timeout'), seq: Seq }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('hangup'), seq: Seq }, { additionalProperties: false }),
]);

const Reply = Type.Object({
  sessionId: Type.String(),
  ended: Type.Boolean(),
  inputs: Type.Integer({ description: 'inputs taken so far: the seq of the next one' }),
  action: Type.Object({ kind: Type.String() }, { additionalProperties: true, description: 'collect (play prompts, then collect digits) | route | callback | transfer | hangup' }),
  route: Type.Optional(RouteAnswer),
});

/** A reply whose route answer is as the caller gets it (a Kamailio PBX: with its route set). */
function routedFor(ctx: ServiceContext, actor: Actor, r: IvrReply): IvrReply {
  return r.route === undefined ? r : { ...r, route: withRouteSet(ctx, actor, r.route) };
}

/** IVR sessions for a PBX: start one for a call, post the caller's inputs, read where it stands. */
export const ivrRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['ivr'];
  app.post('/v1/ivr/sessions', { schema: { tags, security: sec, summary: 'Start the IVR for a call: the first action (play, collect)', body: StartBody, response: { 200: Reply, ...errorReplies } } },
    async (req) => {
      const actor = actorOf(req);
      return reply(startIvrSession(ctx, actor, req.body).then((r) => routedFor(ctx, actor, r)));
    });
  app.post('/v1/ivr/sessions/:id/inputs', { schema: { tags, security: sec, summary: 'The caller pressed keys, spoke, stayed silent or hung up: the next action; a route exit puts the call in the queue', params: IdParams, body: InputBody, response: { 200: Reply, ...errorReplies } } },
    async (req) => {
      const { seq, ...input } = req.body as { seq?: number } & Parameters<typeof inputIvrSession>[3];
      const actor = actorOf(req);
      return reply(inputIvrSession(ctx, actor, req.params.id, input, seq).then((r) => routedFor(ctx, actor, r)));
    });
  app.get('/v1/ivr/sessions/:id', { schema: { tags, security: sec, summary: 'Where a session stands (a collect past its deadline counts as a timeout)', params: IdParams, response: { 200: Reply, ...errorReplies } } },
    async (req) => {
      const actor = actorOf(req);
      return reply(ivrSessionStatus(ctx, actor, req.params.id).then((r) => routedFor(ctx, actor, r)));
    });
};
