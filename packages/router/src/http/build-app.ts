import { AjvCompiler } from '@fastify/ajv-compiler';
import cors from '@fastify/cors';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import { ServiceError } from '../service/service-errors.js';
import type { SwitchboardService } from '../service/switchboard-service.js';
import { installAuthentication } from './authenticate.js';
import { FailureThrottle } from './failure-throttle.js';
import { securityHeaders } from './security-headers.js';
import { SharedRateStore } from './shared-rate-store.js';
import { errorHandler } from './error-handler.js';
import { agentRoutes } from './routes/agent-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { configRoutes } from './routes/config-routes.js';
import { contactRoutes } from './routes/contact-routes.js';
import { eventsRoute } from './routes/events-ws.js';
import { opsRoutes } from './routes/ops-routes.js';
import { queryRoutes } from './routes/query-routes.js';
import { ivrRoutes } from './routes/ivr-routes.js';
import { leadRoutes } from './routes/lead-routes.js';
import { uiRoutes } from './routes/ui-routes.js';
import { historyRoutes } from './routes/history-routes.js';
import { wrapUpRoutes } from './routes/wrap-up-routes.js';
import { sipRoutes } from './routes/sip-routes.js';
import { pbxRoutes } from './routes/pbx-routes.js';
import { wfmRoutes } from './routes/wfm-routes.js';

/** What the HTTP face needs. */
export interface AppOptions {
  readonly service: SwitchboardService;
  /** Signs and checks bearer tokens; every process of a domain needs the same one. */
  readonly jwtSecret: string;
  /** `false` for no logs; else the level (default LOG_LEVEL or info) and where to write (default stdout). */
  readonly logger?: false | { readonly level?: string; readonly stream?: NodeJS.WritableStream };
  /** Share rate-limit counters between processes (Redis mode). */
  readonly redis?: Redis;
  /** Origins allowed to call the API from a browser (CORS); default none besides our own pages. */
  readonly corsOrigins?: readonly string[];
  /** Requests per minute per user (default 1,200). */
  readonly userRatePerMinute?: number;
  /** Failed authentications per minute per client address before it gets 429 for the rest of the minute (default 60). */
  readonly authFailuresPerMinute?: number;
  /** Requests per minute per PBX API key (default 6,000,000: a guard against a runaway client, not a quota). */
  readonly pbxRatePerMinute?: number;
  /** The built browser pages (`packages/agent-ui/dist`), served at `/agent` and `/supervisor`; none when absent. */
  readonly uiDir?: string;
}

/** Paths of request data that must never reach a log line. */
export const REDACT = [
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'req.query.ticket',
  'req.body.password', 'req.body.caller', 'res.headers["set-cookie"]',
];

/** Logged URLs keep the path only: query strings may carry secrets (event-stream tickets), however encoded. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?[redacted]`;
}

function loggerOptions(opt: AppOptions['logger']): NonNullable<FastifyServerOptions['logger']> {
  if (opt === false) return false;
  return {
    level: opt?.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
    },
    ...(opt?.stream === undefined ? {} : { stream: opt.stream }),
  };
}

async function registerPlugins(app: FastifyInstance, opts: AppOptions): Promise<void> {
  // No upgrade-insecure-requests: the service is also served over plain HTTP on localhost (npm start).
  // The agent's softphone connects to the PBX's SIP-over-WebSocket address, wherever it is.
  const sipWs = opts.service.ctx.config.sip?.wsUri;
  const connectSrc = ["'self'", ...(sipWs === undefined || !URL.canParse(sipWs) ? [] : [new URL(sipWs).origin])];
  const headers = securityHeaders({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'connect-src': connectSrc, 'upgrade-insecure-requests': null } } });
  // One cheap hook for every request: security headers, and while shutting down new work goes
  // elsewhere (health probes still answer).
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    done(opts.service.isClosing && req.routeOptions.config.public !== true ? new ServiceError('SERVICE_CLOSING') : undefined);
  });
  // Without allowed origins there is nothing for CORS to answer: browsers enforce same-origin.
  if (opts.corsOrigins !== undefined && opts.corsOrigins.length > 0) await app.register(cors, { origin: [...opts.corsOrigins] });
  // After headers, shutdown check and CORS (a preflight is answered before it); before every
  // other plugin, so every scope registered later sees request.actor.
  installAuthentication(app, opts.service.ctx, new FailureThrottle(opts.authFailuresPerMinute ?? 60));
  await app.register(jwt, { secret: opts.jwtSecret });
  const userMax = opts.userRatePerMinute ?? 1200;
  const pbxMax = opts.pbxRatePerMinute ?? 6_000_000;
  // Redis mode: counters per domain, in its hash slot (`sb:{<domain>}:rate|…`), shared every 50 ms.
  const shared = opts.redis === undefined ? undefined : new SharedRateStore({
    redis: opts.redis, prefix: `sb:{${opts.service.ctx.config.domainId}}:rate|`, onError: (e) => app.log.warn({ err: e }, 'rate-limit counts not shared'),
  });
  if (shared !== undefined) app.addHook('onClose', () => shared.close());
  await app.register(rateLimit, {
    global: true, hook: 'preHandler', timeWindow: '1 minute', skipOnError: true,
    ...(shared === undefined ? {} : { store: shared.asStoreClass() }),
    max: (req) => (req.actor?.kind === 'pbx' ? pbxMax : userMax),
    keyGenerator: (req) => (req.actor == null ? `ip:${req.ip}` : `${req.actor.kind}:${req.actor.id}`),
    errorResponseBuilder: (_req, c) => Object.assign(new ServiceError('RATE_LIMITED', `${c.max} per ${c.after}`), { statusCode: 429 }),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Switchboard', version: '0.1.0', description: 'Contact-center routing (ACD) API. Errors: docs/errors.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' }, basic: { type: 'http', scheme: 'basic', description: 'a PBX: user = its id, password = its API key' } } },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs', staticCSP: true, uiConfig: { persistAuthorization: true },
    // Swagger UI sets inline styles; the docs page allows them, the API never serves HTML.
    transformStaticCSP: (csp) => csp.replace(/\s*upgrade-insecure-requests;?/, '').replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'"),
  });
}

const ajvCompilers = AjvCompiler();
type ValidatorFactory = ReturnType<typeof AjvCompiler>;

/**
 * Query strings, params and headers are text, so their numbers and booleans are coerced from it;
 * a JSON body is typed already, and a wrong type there is a client's mistake to refuse
 * (REQUEST_INVALID), not to convert (`true` into 1, `null` into 0, `["x"]` into "x").
 */
const strictBodies: ValidatorFactory = (externalSchemas, options) => {
  const coercing = ajvCompilers(externalSchemas, options);
  const ajvOptions = options?.mode === 'JTD' ? undefined : options; // this app compiles JSON Schema (TypeBox), never JTD
  const strict = ajvCompilers(externalSchemas, { ...ajvOptions, customOptions: { ...ajvOptions?.customOptions, coerceTypes: false } });
  return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
};

/**
 * The longest path parameter: a Call-ID may be 512 characters (the route body takes that many),
 * and a path carries it %-escaped, up to three characters each.
 */
const MAX_PARAM_LENGTH = 3 * 512;

/**
 * The Switchboard HTTP API in front of a {@link SwitchboardService}: REST with TypeBox schemas
 * (OpenAPI at `/docs`), JWT and API-key authentication, object-level checks in the service,
 * WebSocket events, rate limits, security headers, `/metrics`, `/livez`, `/readyz`. Closing
 * the app stops taking requests, finishes those in flight, then closes the service.
 *
 * @example
 * const service = await SwitchboardService.open({ config: demoConfig() });
 * const app = await buildApp({ service, jwtSecret: 'change me' });
 * const res = await app.inject({ method: 'GET', url: '/livez' });
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger), bodyLimit: 1 << 20, routerOptions: { maxParamLength: MAX_PARAM_LENGTH }, return503OnClosing: false, forceCloseConnections: 'idle',
    frameworkErrors: (e, req, reply) => errorHandler(e, req, reply),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: strictBodies } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx = opts.service.ctx;
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'ROUTE_UNKNOWN', status: 404, message: `No such endpoint: ${req.method} ${req.url.split('?')[0] ?? ''}` }));
  await registerPlugins(app, opts);
  for (const plugin of [authRoutes, configRoutes, agentRoutes, contactRoutes, queryRoutes, ivrRoutes, leadRoutes, historyRoutes, wrapUpRoutes, sipRoutes, pbxRoutes, wfmRoutes]) await app.register(plugin, { ctx });
  await app.register(opsRoutes, { service: opts.service });
  await app.register(eventsRoute, { service: opts.service });
  if (opts.uiDir !== undefined) await app.register(uiRoutes, { dir: opts.uiDir });
  // Closing: long polls answer at once (preClose), in-flight requests finish, then the service closes.
  app.addHook('preClose', async () => { opts.service.drain(); });
  app.addHook('onClose', async () => { await opts.service.close(); });
  return app;
}
