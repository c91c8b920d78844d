import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Redis } from 'ioredis';
import { hashPassword, validateServiceConfig, buildApp, SwitchboardService, type ServiceConfig } from '@switchboard/router/service';

export const PBX_KEY = 'test-pbx-key-0123456789';
/** A PBX configured for Kamailio: its route answers carry the rtjson route set. */
export const KAMAILIO_KEY = 'test-kamailio-key-0123456789';
const HASH = hashPassword('pw');

/**
 * A small domain for the API tests: queues `sales` (ring 10 s, wrap-up 5 s) and `support`;
 * agents ann and bob in team-a, cat in team-b; customers owned by ann and by cat; users for
 * each agent, supervisors sue (team-a, queue sales) and max (team-b, queue support), an admin.
 * Every password is `pw`.
 */
export function testConfig(domainId = 'test'): ServiceConfig {
  return validateServiceConfig({
    domainId,
    domain: {
      skills: [{ id: 'sales' }, { id: 'support' }],
      queues: [
        { id: 'sales', steps: [{ requirement: 'sales>=2', afterSeconds: 0 }], ringTimeoutSeconds: 10, wrapUpSeconds: 5 },
        { id: 'support', steps: [{ requirement: 'support', afterSeconds: 0 }] },
      ],
      agents: [
        { id: 'ann', team: 'team-a', skills: { sales: 4 } },
        { id: 'bob', team: 'team-a', skills: { sales: 3, support: 2 } },
        { id: 'cat', team: 'team-b', skills: { support: 5 } },
      ],
    },
    users: [
      { id: 'admin', role: 'admin', passwordHash: HASH },
      { id: 'sue', role: 'supervisor', passwordHash: HASH, teams: ['team-a'], queues: ['sales'] },
      { id: 'max', role: 'supervisor', passwordHash: HASH, teams: ['team-b'], queues: ['support'] },
      { id: 'ann', role: 'agent', agentId: 'ann', passwordHash: HASH },
      { id: 'bob', role: 'agent', agentId: 'bob', passwordHash: HASH },
      { id: 'cat', role: 'agent', agentId: 'cat', passwordHash: HASH },
    ],
    customers: [
      { id: 'cust-1', name: 'Acme', numbers: ['+7 812 997-83-63'], valueTier: 'gold', ownerAgentId: 'ann' },
      { id: 'cust-2', name: 'Globex', numbers: ['+7 495 123-45-67'], ownerAgentId: 'cat' },
    ],
    pbx: [{ id: 'pbx-1', apiKey: PBX_KEY }, { id: 'kamailio-1', apiKey: KAMAILIO_KEY, rtjson: true }],
    dnis: { '+78005550101': 'sales' },
    defaultCountry: 'RU',
    sipDomain: 'pbx.test',
  });
}

/** An app on the test domain, and helpers to call it as someone. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly service: SwitchboardService;
  /** A bearer token for the user (logs in once, then cached). */
  token(user: string): Promise<string>;
  /** Calls the API as a user, as the PBX (`'pbx'`) or anonymously (`undefined`). */
  call(as: string | undefined, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Logs in the agents and makes them ready. */
  ready(...agents: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function testApp(opts: { config?: ServiceConfig; redis?: Redis; jwtSecret?: string; userRatePerMinute?: number; authFailuresPerMinute?: number; now?: () => number; onError?: (e: unknown) => void } = {}): Promise<TestApp> {
  const config = opts.config ?? testConfig();
  const service = await SwitchboardService.open({
    config, ...(opts.redis === undefined ? {} : { redis: opts.redis }), ...(opts.now === undefined ? {} : { now: opts.now }), ...(opts.onError === undefined ? {} : { onError: opts.onError }),
  });
  const app = await buildApp({
    service, jwtSecret: opts.jwtSecret ?? 'test-secret', logger: false,
    ...(opts.redis === undefined ? {} : { redis: opts.redis }),
    ...(opts.userRatePerMinute === undefined ? {} : { userRatePerMinute: opts.userRatePerMinute }),
    ...(opts.authFailuresPerMinute === undefined ? {} : { authFailuresPerMinute: opts.authFailuresPerMinute }),
  });
  const tokens = new Map<string, string>();
  const token = async (user: string): Promise<string> => {
    const cached = tokens.get(user);
    if (cached !== undefined) return cached;
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { user, password: 'pw' } });
    if (res.statusCode !== 200) throw new Error(`login ${user}: ${res.body}`);
    const t = (res.json() as { token: string }).token;
    tokens.set(user, t);
    return t;
  };
  const call = async (as: string | undefined, method: string, url: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (as === 'pbx') headers['x-api-key'] = PBX_KEY;
    else if (as !== undefined) headers.authorization = `Bearer ${await token(as)}`;
    return app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  };
  const ready = async (...agents: string[]) => {
    for (const a of agents) {
      for (const state of ['loggedIn', 'ready']) {
        const res = await call(a, 'PUT', '/v1/me/presence', { state });
        if (res.statusCode !== 200) throw new Error(`${a} ${state}: ${res.body}`);
      }
    }
  };
  return { app, service, token, call, ready, close: () => app.close() };
}
