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
 * (`Authorization: Bearer …`) unless it is marked public. A callback hook, not an async one:
 * API keys are checked synchronously, and only a JWT waits for its verification.
 */
export function installAuthentication(app: FastifyInstance, ctx: ServiceContext, throttle = new FailureThrottle(60)): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.public === true || request.routeOptions.url?.startsWith('/docs') === true || request.routeOptions.url?.startsWith('/ui/') === true || request.method === 'OPTIONS') {
      done();
      return;
    }
    if (throttle.blocked(request.ip)) {
      done(new ServiceError('RATE_LIMITED', 'too many failed authentications from this address; wait a minute'));
      return;
    }
    let verifying: Promise<void> | undefined;
    try {
      verifying = authenticate(request, ctx);
    } catch (e) {
      done(counted(throttle, request, e));
      return;
    }
    if (verifying === undefined) done();
    else verifying.then(() => done(), (e: unknown) => done(counted(throttle, request, e)));
  });
}

/** Wrong credentials count against the address; none at all (a page before its login) do not. */
function counted(throttle: FailureThrottle, request: FastifyRequest, e: unknown): Error {
  if ((e instanceof ServiceError && e.code === 'AUTH_INVALID') || (e as { code?: string }).code?.startsWith('FST_JWT_') === true) throttle.failed(request.ip);
  return e as Error;
}

/** Sets the request's actor; a promise only when a JWT has to be verified. */
function authenticate(request: FastifyRequest, ctx: ServiceContext): Promise<void> | undefined {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string') {
    request.actor = actorOfApiKey(ctx, key);
    return undefined;
  }
  const basic = /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(request.headers.authorization ?? '');
  if (basic !== null) {
    request.actor = actorOfBasic(ctx, basic[1] as string);
    return undefined;
  }
  if (request.headers.authorization === undefined) {
    if (request.routeOptions.url === undefined) return undefined; // unknown route: answered 404 by the not-found handler
    throw new ServiceError('AUTH_REQUIRED', 'send Authorization: Bearer <token>, x-api-key, or (a PBX) Basic <id:key>');
  }
  return request.jwtVerify<{ sub: string }>().then((claims) => { request.actor = actorOfSubject(ctx, claims.sub); });
}
