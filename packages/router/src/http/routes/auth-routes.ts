import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkLogin, issueTicket } from '../../service/auth.js';
import type { ServiceContext } from '../../service/context.js';
import { actorOf } from '../authenticate.js';
import { LoginBody, errorReplies } from '../schemas.js';

const TOKEN_TTL_S = 8 * 3600;

/** Log in (a JWT for 8 hours), who am I, and single-use tickets for the event stream. */
export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post('/v1/auth/login', {
    config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Log in with a user name and password; returns a bearer token (JWT, 8 h)', body: LoginBody,
      response: { 200: Type.Object({ token: Type.String(), role: Type.String(), user: Type.String(), agentId: Type.Optional(Type.String()), expiresInSeconds: Type.Integer() }), ...errorReplies },
    },
  }, async (req) => {
    const user = checkLogin(ctx, req.body.user, req.body.password);
    const token = await app.jwt.sign({ sub: user.id, role: user.role }, { expiresIn: TOKEN_TTL_S });
    return { token, role: user.role, user: user.id, ...(user.agentId === undefined ? {} : { agentId: user.agentId }), expiresInSeconds: TOKEN_TTL_S };
  });

  app.get('/v1/auth/me', {
    schema: {
      tags: ['auth'], summary: 'Who the token belongs to and what it may reach', security: [{ bearer: [] }, { apiKey: [] }],
      response: { 200: Type.Object({ kind: Type.String(), id: Type.String(), role: Type.Optional(Type.String()), agentId: Type.Optional(Type.String()), teams: Type.Optional(Type.Union([Type.Literal('all'), Type.Array(Type.String())])), queues: Type.Optional(Type.Union([Type.Literal('all'), Type.Array(Type.String())])) }), ...errorReplies },
    },
  }, async (req) => {
    const a = actorOf(req);
    if (a.kind === 'pbx') return { kind: a.kind, id: a.id };
    const scope = (s: typeof a.teams) => (s === 'all' ? 'all' as const : [...s]);
    return { kind: a.kind, id: a.id, role: a.role, ...(a.agentId === undefined ? {} : { agentId: a.agentId }), teams: scope(a.teams), queues: scope(a.queues) };
  });

  app.post('/v1/auth/ticket', {
    schema: {
      tags: ['auth'], summary: 'A single-use ticket (30 s) to open the event stream from a browser: /v1/events?ticket=…', security: [{ bearer: [] }],
      response: { 200: Type.Object({ ticket: Type.String(), expiresInSeconds: Type.Integer() }), ...errorReplies },
    },
  }, async (req) => issueTicket(ctx, actorOf(req)));
};
