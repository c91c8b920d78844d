import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { buildApp } from './http/build-app.js';
import { DEMO_CREDENTIALS, demoConfig } from './service/demo-config.js';
import { hashPassword } from './service/passwords.js';
import { ConfigFileError, parseServiceConfig, type ServiceConfig } from './service/service-config.js';
import { SwitchboardService } from './service/switchboard-service.js';
import { withSipEnvironment } from './service/sip-credentials.js';
import type { LookupEvent } from './service/customers/customer-directory.js';
import { WFM_USAGE, isWfmCommand, runWfmCommand } from './wfm-cli.js';

const USAGE = `usage:
  switchboard serve [--config file.json] [--customers customers.ndjson] [--port 8080] [--host 127.0.0.1] [--time 2026-11-23T10:00:00+03:00] [--ui dir]
  switchboard hash-password <password>
${WFM_USAGE}

environment: PORT, HOST, REDIS_URL (use the Redis store), JWT_SECRET, LOG_LEVEL, CORS_ORIGINS (comma-separated),
  SIP_WS_URI and SIP_SHARED_SECRET (the PBX agents' softphones register to: config sip.wsUri, sip.sharedSecret)`;

function loadConfig(path: string | undefined): ServiceConfig {
  if (path === undefined) return demoConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigFileError(path, [`cannot be read: ${(e as Error).message}`]);
  }
  const config = parseServiceConfig(text, path);
  // a customers file named in the configuration is found beside it
  return config.customersFile === undefined ? config : { ...config, customersFile: resolve(dirname(path), config.customersFile) };
}

/** `--customers file`: the customers file (JSON array or NDJSON) to use instead of the configuration's `customersFile`. */
const withCustomers = (config: ServiceConfig, file: string | undefined): ServiceConfig =>
  (file === undefined ? config : { ...config, customersFile: resolve(file) });

/** The browser pages: `--ui dir`, else the agent-ui package's build beside this one (`npm run build:ui`), if built. */
function uiDirOf(flag: string | undefined): string | undefined {
  if (flag !== undefined) return resolve(flag);
  const built = fileURLToPath(new URL('../../agent-ui/dist', import.meta.url));
  return existsSync(built) ? built : undefined;
}

function banner(base: string, demo: boolean, mode: string, ui: boolean, time: string | undefined): string {
  const lines = [`Switchboard is listening on ${base} (store: ${mode})`, `  API docs (OpenAPI):  ${base}/docs`, `  metrics:             ${base}/metrics`];
  if (time !== undefined) lines.push(`  clock: serving as if it were ${time} (--time), moving on from there`);
  if (ui) lines.push(`  agent desktop:       ${base}/agent`, `  supervisor console:  ${base}/supervisor`);
  if (demo) {
    const d = DEMO_CREDENTIALS;
    lines.push(
      '  demo domain: queues sales, support (per center), vip, chat, collections, leads; agents agent01–agent20; dial +78005550101 for sales',
      `  log in: admin / ${d.admin.password}, supervisor ${d.supervisor.user} / ${d.supervisor.password}, agents agent01…agent20 / ${d.agent.password}`,
      `  PBX API key: ${d.pbxApiKey}    (the README shows a call routed end to end with curl)`,
    );
    if (time === undefined) lines.push('  the demo IVR answers 07:00–02:00 Moscow time; --time 2026-11-23T10:00:00+03:00 serves as if it were a Monday morning');
  }
  return lines.join('\n');
}

/** `--time`: serve as if the wall clock read this time (IVR opening hours), moving on from there; for demos. */
function clockOf(time: string | undefined): { now?: () => number } {
  if (time === undefined) return {};
  const at = Date.parse(time);
  if (Number.isNaN(at)) throw new ConfigFileError('--time', [`'${time}' is not an ISO-8601 time`]);
  const offset = at - Date.now();
  return { now: () => Date.now() + offset };
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, customers: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, time: { type: 'string' }, ui: { type: 'string' } } });
  const config = withSipEnvironment(withCustomers(loadConfig(values.config), values.customers), process.env);
  const redisUrl = process.env.REDIS_URL;
  const redis = redisUrl === undefined || redisUrl === '' ? undefined : new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const secret = process.env.JWT_SECRET ?? randomBytes(32).toString('base64url');
  let logFallback: ((e: LookupEvent) => void) | undefined; // once the app's logger exists
  const onCustomerLookup = (e: LookupEvent) => { if (e.outcome === 'fallback') logFallback?.(e); };
  let logFailure: ((e: unknown) => void) | undefined; // background work: the timer pump, the history, kept answers
  const onError = (e: unknown) => (logFailure === undefined ? console.error('[switchboard] background work failed:', e) : logFailure(e));
  const service = await SwitchboardService.open({ config, onCustomerLookup, onError, ...(redis === undefined ? {} : { redis }), ...clockOf(values.time) });
  const origins = (process.env.CORS_ORIGINS ?? '').split(',').filter((o) => o !== '');
  const uiDir = uiDirOf(values.ui);
  const app = await buildApp({ service, jwtSecret: secret, corsOrigins: origins, ...(redis === undefined ? {} : { redis }), ...(uiDir === undefined ? {} : { uiDir }) });
  logFallback = (e) => app.log.warn({ lookup: e.verb, reason: e.reason }, 'CRM lookup fell back');
  logFailure = (e) => app.log.error({ err: e }, 'background work failed');
  redis?.on('error', (e: Error) => app.log.warn({ err: e.message }, 'Redis connection error')); // requests answer 503 meanwhile
  if (process.env.JWT_SECRET === undefined) app.log.warn('JWT_SECRET is not set: tokens are signed with a random key and end with this process');
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  console.log(banner(`http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`, values.config === undefined, redis === undefined ? 'embedded, in memory' : 'Redis', uiDir !== undefined, values.time));
  const stop = (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    app.close().then(() => { redis?.disconnect(); process.exit(0); }, () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (isWfmCommand(command)) {
    process.exitCode = runWfmCommand(command as string, rest);
    return;
  }
  if (command === 'hash-password' && rest[0] !== undefined) {
    console.log(hashPassword(rest[0]));
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof ConfigFileError ? e.message : e);
  process.exit(1);
});
