/**
 * The local SIP stack of the browser SIP test, all on 127.0.0.1: Kamailio with
 * `integrations/kamailio/kamailio.cfg` on free ports, the Switchboard service issuing
 * ephemeral SIP credentials (`GET /v1/me/sip`), and a tiny page bundling `JsSipSoftphone`.
 *
 * @example
 * ```ts
 * const kamailio = await startKamailio(secret);
 * const service = await startSipService(kamailio.wsUri, secret);
 * const page = await servePhonePage();
 * const credentials = await service.sipCredentials('agent01');
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREDENTIALS } from '@switchboard/router/service';
import { freePort, freePorts, listening, stopGroup } from '../support/processes.js';

export { freePort };

const root = new URL('../../', import.meta.url).pathname;
const kamailioCfg = `${root}integrations/kamailio/kamailio.cfg`;
/** Debian puts kamailio in /usr/sbin, which a normal user's PATH may lack; `KAMAILIO` overrides. */
const kamailioBin = process.env.KAMAILIO ?? (existsSync('/usr/sbin/kamailio') ? '/usr/sbin/kamailio' : 'kamailio');

/** A Kamailio of the test: its WebSocket address, output, and restart (same ports, registrations lost). */
export interface TestKamailio {
  readonly wsUri: string;
  readonly sipPort: number;
  output(): string;
  /** Stops it (the phones lose their connection); `start()` brings it back on the same ports. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts Kamailio with the repository's configuration on free ports, in a temporary run directory; `defines` are more `-A` arguments (WITH_ROUTER, …). */
export async function startKamailio(secret: string, domain = 'switchboard.local', defines: readonly string[] = []): Promise<TestKamailio> {
  const [wsPort, sipPort] = [await freePort(), await freePorts(1)]; // SIP on UDP and TCP
  const runDir = mkdtempSync(join(tmpdir(), 'sb-kamailio-'));
  let child: ChildProcess | undefined;
  let out = '';
  const start = async () => {
    const args = ['-DD', '-E', '-f', kamailioCfg, '-Y', runDir, '-m', '64', '-M', '8', '-A', `WS_PORT=${wsPort}`, '-A', `SIP_PORT=${sipPort}`, '-A', `SIP_DOMAIN=${domain}`, ...defines.flatMap((d) => ['-A', d])];
    const c = spawn(kamailioBin, args, { cwd: runDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SIP_SHARED_SECRET: secret } });
    c.on('error', (e) => { out += `\n${e.message} (apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules kamailio-utils-modules kamailio-json-modules)`; });
    c.stdout?.on('data', (d) => { out += String(d); });
    c.stderr?.on('data', (d) => { out += String(d); });
    child = c;
    await listening(wsPort, () => out);
  };
  await start();
  return {
    wsUri: `ws://127.0.0.1:${wsPort}`, sipPort, output: () => out, start,
    stop: async () => {
      if (child !== undefined) await stopGroup(child);
      child = undefined;
    },
  };
}

/** The service of the test: the demo domain, with its SIP section from the environment. */
export interface SipService {
  readonly base: string;
  /** Logs in as a demo agent and fetches its softphone credentials. */
  sipCredentials(agent: string): Promise<{ uri: string; wsUri: string; authorizationUser?: string; password?: string; displayName?: string }>;
  stop(): Promise<void>;
}

/** Starts `switchboard serve` (demo domain) with `SIP_WS_URI` and `SIP_SHARED_SECRET` set, on a free port. */
export async function startSipService(wsUri: string, secret: string): Promise<SipService> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/router/src/cli.ts', 'serve'], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: 'sip-test-jwt-secret', SIP_WS_URI: wsUri, SIP_SHARED_SECRET: secret },
  });
  let out = '';
  child.stdout?.on('data', (d) => { out += String(d); });
  child.stderr?.on('data', (d) => { out += String(d); });
  await listening(port, () => out, 30_000);
  const base = `http://127.0.0.1:${port}`;
  const json = async (res: Response) => {
    if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    base,
    sipCredentials: async (agent) => {
      const login = await json(await fetch(`${base}/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: agent, password: DEMO_CREDENTIALS.agent.password }),
      }));
      return json(await fetch(`${base}/v1/me/sip`, { headers: { authorization: `Bearer ${String(login.token)}` } })) as never;
    },
    stop: () => stopGroup(child),
  };
}

/** The test page (`sip-phone-page.js` bundled with the softphone by Vite) served on a free port of 127.0.0.1 (a secure context: microphone allowed). */
export async function servePhonePage(): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'sb-phone-page-'));
  await build({
    configFile: false, logLevel: 'warn', root: `${root}test/browser`, publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir, emptyOutDir: false, minify: false, reportCompressedSize: false,
      lib: { entry: `${root}test/browser/sip-phone-page.js`, formats: ['iife'], name: 'sipPhonePage', fileName: () => 'phone.js' },
    },
  });
  const script = readFileSync(join(outDir, 'phone.js'));
  rmSync(outDir, { recursive: true, force: true });
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SIP test phone</title></head><body><script src="/phone.js"></script></body></html>';
  const server = createHttpServer((req, res) => {
    if (req.url === '/phone.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
