import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceContext } from '../../service/context.js';
import { ownSipCredentials } from '../../service/sip-credentials.js';
import { actorOf } from '../authenticate.js';
import { errorReplies } from '../schemas.js';

const SipCredentials = Type.Object({
  uri: Type.String({ description: "the agent's address of record, e.g. sip:ann@switchboard.local" }),
  wsUri: Type.String({ description: 'the PBX, SIP over WebSocket' }),
  authorizationUser: Type.Optional(Type.String({ description: 'ephemeral digest user `<expiry>:<sip user>`' })),
  password: Type.Optional(Type.String({ description: 'base64(HMAC-SHA1(shared secret, authorizationUser))' })),
  displayName: Type.Optional(Type.String()),
  expiresAt: Type.Optional(Type.Number({ description: 'when the password stops working (epoch ms)' })),
}, { $id: 'SipCredentials' });

/** The agent softphone's registration: credentials issued per request, short-lived, never cached. */
export const sipRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get('/v1/me/sip', {
    schema: {
      tags: ['agent'], security: [{ bearer: [] }], response: { 200: SipCredentials, ...errorReplies },
      summary: "My softphone's SIP registration: address, the PBX's WebSocket address and ephemeral credentials (SIP_NOT_CONFIGURED without a PBX)",
    },
  }, async (req, reply) => {
    const credentials = await ownSipCredentials(ctx, actorOf(req));
    void reply.header('cache-control', 'no-store');
    return credentials;
  });
};
