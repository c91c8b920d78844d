/**
 * The local contact-center stack of the SIP end-to-end tests, all on 127.0.0.1 and free
 * ports: rtpengine (user space), the Switchboard service on a test domain, and Kamailio with
 * `integrations/kamailio/kamailio.cfg` routing inbound calls through the service
 * (WITH_ROUTER, WITH_RTPENGINE). SIPp plays callers and agents' phones (`sipp.ts`).
 *
 * @example
 * ```ts
 * const stack = await startRouterStack({ config: e2eConfig() });
 * await stack.presence('ann', 'ready');
 * // … SIPp calls stack.kamailio.sipPort …
 * await stack.stop();
 * ```
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKamailio, type TestKamailio } from '../browser/sip-stack.js';
import { freePort, listening, spawnLogged, type Logged } from '../support/processes.js';
import { startRtpengine, type Rtpengine } from './rtpengine.js';

const root = new URL('../../', import.meta.url).pathname;
export const SIP_DOMAIN = 'switchboard.local';
export const PBX = { id: 'e2e-pbx', key: 'e2e-pbx-key-0123456789abcdef' } as const;

/** The running stack. */
export interface RouterStack {
  readonly base: string;
  readonly kamailio: TestKamailio;
  readonly rtpengine: Rtpengine;
  /** The service's log (for failure messages). */
  serviceOutput(): string;
  /**
   * Another Kamailio of this stack whose first router is dead (nothing listens on its port) and
   * whose failover connection is the service: calls must still be routed. Stopped with the stack.
   */
  kamailioWithDeadPrimary(): Promise<TestKamailio>;
  /** Calls the API as a user of the test domain (password `pw`), or as the PBX (`'pbx'`). */
  api<T = unknown>(as: string, method: string, path: string, body?: unknown): Promise<T>;
  /** GETs a text resource (metrics, the NDJSON export) as a user. */
  text(as: string, path: string): Promise<string>;
  /** Sets an agent's presence as the agent (`loggedIn` first when it is offline). */
  presence(agent: string, state: 'ready' | 'notReady' | 'loggedOut'): Promise<void>;
  /**
   * An agent's SIP registration as the service would issue it (auth_ephemeral: user
   * `<expiry>:<agent>`, password base64(HMAC-SHA1(secret, user))), without logging in as the
   * agent — for the load run's 50 agents (logins are rate-limited per address).
   */
  ephemeralCredentials(agent: string): { authorizationUser: string; password: string };
  /** The interaction history of a call, entry kinds with their agent, in order. */
  history(callId: string): Promise<Array<{ kind: string; agentId?: string; at: number }>>;
  stop(): Promise<void>;
}

/** The http_client connections Kamailio reads: `router` (port `primary`) failing over to `router2` (port `failover`). */
function routersFile(dir: string, primary: number, failover = primary): string {
  const section = (name: string, port: number, next?: string) => [
    `[${name}]`, `url = http://127.0.0.1:${port}`, `username = ${PBX.id}`, `password = ${PBX.key}`, 'timeout = 2',
    ...(next === undefined ? [] : [`failover = ${next}`]), '',
  ].join('\n');
  const path = join(dir, `routers-${primary}-${failover}.ini`);
  writeFileSync(path, section('router', primary, 'router2') + section('router2', failover));
  return path;
}

async function startService(port: number, configPath: string, wsUri: string, secret: string, uiDir: string | undefined): Promise<Logged> {
  const args = ['--import', 'tsx', 'packages/router/src/cli.ts', 'serve', '--config', configPath, ...(uiDir === undefined ? [] : ['--ui', uiDir])];
  const service = spawnLogged(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: 'sip-e2e-jwt-secret', SIP_WS_URI: wsUri, SIP_SHARED_SECRET: secret },
  });
  await listening(port, service.output, 30_000);
  return service;
}

/** Starts rtpengine, Kamailio (routing through the service) and the service on `config`. */
export async function startRouterStack(opts: { config: object; uiDir?: string }): Promise<RouterStack> {
  const secret = randomBytes(24).toString('base64url');
  const dir = mkdtempSync(join(tmpdir(), 'sb-sip-e2e-'));
  const configPath = join(dir, 'domain.json');
  writeFileSync(configPath, JSON.stringify(opts.config));
  const port = await freePort();
  const rtpengine = await startRtpengine();
  const kamailioFor = (routers: string) => startKamailio(secret, SIP_DOMAIN, [
    'WITH_ROUTER', `ROUTERS_FILE="${routers}"`, 'WITH_RTPENGINE', `RTPENGINE_SOCK="udp:127.0.0.1:${rtpengine.ngPort}"`,
  ]);
  const kamailio = await kamailioFor(routersFile(dir, port));
  const extra: TestKamailio[] = [];
  const service = await startService(port, configPath, kamailio.wsUri, secret, opts.uiDir);
  const base = `http://127.0.0.1:${port}`;
  const tokens = new Map<string, string>();
  const headersOf = async (as: string): Promise<Record<string, string>> => {
    if (as === 'pbx') return { 'x-api-key': PBX.key };
    if (!tokens.has(as)) tokens.set(as, (await call<{ token: string }>(base, {}, 'POST', '/v1/auth/login', { user: as, password: 'pw' })).token);
    return { authorization: `Bearer ${tokens.get(as) as string}` };
  };
  const api = async <T>(as: string, method: string, path: string, body?: unknown): Promise<T> => call<T>(base, await headersOf(as), method, path, body);
  return {
    base, kamailio, rtpengine, serviceOutput: service.output, api,
    kamailioWithDeadPrimary: async () => {
      const k = await kamailioFor(routersFile(dir, await freePort(), port));
      extra.push(k);
      return k;
    },
    text: async (as, path) => {
      const res = await fetch(`${base}${path}`, { headers: await headersOf(as) });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.text();
    },
    ephemeralCredentials: (agent) => {
      const authorizationUser = `${Math.floor(Date.now() / 1000) + 3600}:${agent}`;
      return { authorizationUser, password: createHmac('sha1', secret).update(authorizationUser).digest('base64') };
    },
    presence: async (agent, state) => {
      const desk = await api<{ agent: { presence: string } }>(agent, 'GET', '/v1/me/desk');
      if (desk.agent.presence === 'offline' && state !== 'loggedOut') await api(agent, 'PUT', '/v1/me/presence', { state: 'loggedIn' });
      await api(agent, 'PUT', '/v1/me/presence', { state });
    },
    history: async (callId) => {
      const h = await api<{ entries: Array<{ kind: string; at: number; agentId?: string }> }>('admin', 'GET', `/v1/interactions/${encodeURIComponent(callId)}`);
      return h.entries.map((e) => ({ kind: e.kind, at: e.at, ...(e.agentId === undefined ? {} : { agentId: e.agentId }) }));
    },
    stop: async () => { await Promise.all([service.stop(), kamailio.stop(), ...extra.map((k) => k.stop()), rtpengine.stop()]); },
  };
}

async function call<T>(base: string, headers: Record<string, string>, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
