import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../service/access.js';
import { actorOfApiKey, actorOfBasic, actorOfSubject } from '../service/auth.js';
import type { ServiceContext } from '../service/context.js';
import { ServiceError } from '../service/service-errors.js';
import { FailureThrottle } from './failure-throttle.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set for every route not marked `config: { public: true }`. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** No credentials needed (login, health, docs, the ticketed event stream). */
    public?: boolean;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; role: string };
    user: { sub: string; role: string };
  }
}

/** The actor of a request that passed authentication. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new ServiceError('AUTH_REQUIRED');
  return request.actor;
}

/**
 * Secure by default: every route needs a PBX API key (`x-api-key`) or a user's JWT
 * (`Authorization: Bearer …`) unless it is marked public.
 */
export function installAuthentication(app: FastifyInstance, ctx: ServiceContext, throttle = new FailureThrottle(60)): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true || request.routeOptions.url?.startsWith('/docs') === true || request.routeOptions.url?.startsWith('/ui/') === true || request.method === 'OPTIONS') return;
    if (throttle.blocked(request.ip)) throw new ServiceError('RATE_LIMITED', 'too many failed authentications from this address; wait a minute');
    try {
      await authenticate(request, ctx);
    } catch (e) {
      // Wrong credentials count; none at all (a page before its login) does not.
      if ((e instanceof ServiceError && e.code === 'AUTH_INVALID') || (e as { code?: string }).code?.startsWith('FST_JWT_') === true) throttle.failed(request.ip);
      throw e;
    }
  });
}

async function authenticate(request: FastifyRequest, ctx: ServiceContext): Promise<void> {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string') {
    request.actor = actorOfApiKey(ctx, key);
    return;
  }
  const basic = /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(request.headers.authorization ?? '');
  if (basic !== null) {
    request.actor = actorOfBasic(ctx, basic[1] as string);
    return;
  }
  if (request.headers.authorization === undefined) {
    if (request.routeOptions.url === undefined) return; // unknown route: answered 404 by the not-found handler
    throw new ServiceError('AUTH_REQUIRED', 'send Authorization: Bearer <token>, x-api-key, or (a PBX) Basic <id:key>');
  }
  const claims = await request.jwtVerify<{ sub: string }>();
  request.actor = actorOfSubject(ctx, claims.sub);
}
