import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { AgentSimulator, AgentSimulatorStats } from './http-fixture.js';

/**
 * The server under test of `npm run bench:http`, in its own process so that it does not share
 * an event loop with autocannon:
 *
 *     node --import tsx benchmarks/http-server.ts bare|embedded|redis [--agents 2000] [--talk-ms 20] [--redis URL]
 *
 * `bare` is Fastify without plugins and one route returning a constant JSON; `embedded` and
 * `redis` are the Switchboard service (buildApp, logging off) with every agent ready and the
 * agent simulator answering offers. Prints `listening on <port>`; when forked, also sends
 * {@link ServerMessage}s over IPC and stops (sending its stats) on a `stop` message or SIGTERM.
 */

/** What runs in the server process. */
export type ServerMode = 'bare' | 'embedded' | 'redis';

/** What the server process tells its parent. */
export type ServerMessage =
  | { readonly type: 'listening'; readonly port: number; readonly agents: number; readonly setupMs: number }
  | { readonly type: 'measuring' }
  | { readonly type: 'stats'; readonly stats: ServerStats };

/** What the parent tells the server process: the measured pass starts now; stop. */
export type ParentMessage = 'measure' | 'stop';

/** Measured in the server process, sent when it stops; CPU and simulator counts are since `measure`. */
export interface ServerStats {
  readonly mode: ServerMode;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly simulator: AgentSimulatorStats | undefined;
}

/** Counters at the start of the measured pass. */
interface Mark {
  readonly cpu: NodeJS.CpuUsage;
  readonly simulator: AgentSimulatorStats | undefined;
}

interface Running {
  readonly app: FastifyInstance;
  readonly agents: number;
  readonly simulator: AgentSimulator | undefined;
  readonly redis: Redis | undefined;
}

/** The answer of the bare baseline: a constant the size of a "reserved" answer (its status says what it is). */
const CONSTANT_ANSWER = {
  status: 'constant', contactId: 'bench-0', queueId: 'calls', agentId: 'a0', sipUri: 'sip:a0@bench.invalid',
  reservationId: 'r-0000000000', deadline: 0,
} as const;

function bareApp(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post('/v1/route', async () => CONSTANT_ANSWER);
  return app;
}

/** The service with every agent ready and the simulator running (loaded on demand: the bare baseline does not need it). */
async function serviceApp(mode: 'embedded' | 'redis', agents: number, talkMs: number, redisUrl: string | undefined): Promise<Running> {
  if (mode === 'redis' && redisUrl === undefined) throw new Error('redis mode needs --redis <url>');
  const { buildApp, SwitchboardService } = await import('@switchboard/router/service');
  const { benchHttpConfig, readyAllAgents, simulateAgents } = await import('./http-fixture.js');
  const redis = mode === 'redis' ? new Redis(redisUrl as string) : undefined;
  const domainId = `bench-${mode}-${process.pid}-${Date.now().toString(36)}`;
  const config = benchHttpConfig(agents, domainId);
  const onError = (e: unknown) => console.error('[http-server] background failure:', e);
  const service = await SwitchboardService.open({ config, onError, ...(redis === undefined ? {} : { redis }) });
  const ready = await readyAllAgents(service);
  const simulator = simulateAgents(service, talkMs);
  const app = await buildApp({ service, jwtSecret: 'bench-jwt-secret-not-for-production', logger: false, ...(redis === undefined ? {} : { redis }) });
  return { app, agents: ready, simulator, redis };
}

const markOf = (simulator: AgentSimulator | undefined): Mark => ({ cpu: process.cpuUsage(), simulator: simulator?.stats() });

function simulatorSince(now: AgentSimulatorStats | undefined, then: AgentSimulatorStats | undefined): AgentSimulatorStats | undefined {
  if (now === undefined) return undefined;
  const base = then ?? { offers: 0, accepted: 0, completed: 0, failures: 0, lastFailure: undefined };
  return {
    offers: now.offers - base.offers, accepted: now.accepted - base.accepted, completed: now.completed - base.completed,
    failures: now.failures - base.failures, lastFailure: now.lastFailure,
  };
}

function statsOf(mode: ServerMode, simulator: AgentSimulator | undefined, mark: Mark): ServerStats {
  const cpu = process.cpuUsage(mark.cpu);
  const mem = process.memoryUsage();
  return {
    mode, cpuUserMs: Math.round(cpu.user / 1000), cpuSystemMs: Math.round(cpu.system / 1000),
    rssMb: Math.round(mem.rss / 2 ** 20), heapUsedMb: Math.round(mem.heapUsed / 2 ** 20),
    simulator: simulatorSince(simulator?.stats(), mark.simulator),
  };
}

function send(message: ServerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

async function stop(mode: ServerMode, running: Running, mark: Mark): Promise<void> {
  await running.simulator?.stop();
  const stats = statsOf(mode, running.simulator, mark);
  await running.app.close();
  running.redis?.disconnect();
  await send({ type: 'stats', stats });
  if (process.send === undefined) console.log(JSON.stringify(stats));
  process.disconnect?.();
}

function parseMode(value: string | undefined): ServerMode {
  if (value === 'bare' || value === 'embedded' || value === 'redis') return value;
  throw new Error(`usage: http-server.ts bare|embedded|redis [--agents N] [--talk-ms N] [--redis URL] (got '${value ?? ''}')`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { agents: { type: 'string', default: '2000' }, 'talk-ms': { type: 'string', default: '20' }, redis: { type: 'string' } },
  });
  const mode = parseMode(positionals[0]);
  const t0 = performance.now();
  const running: Running = mode === 'bare'
    ? { app: bareApp(), agents: 0, simulator: undefined, redis: undefined }
    : await serviceApp(mode, Number(values.agents), Number(values['talk-ms']), values.redis);
  await running.app.listen({ port: 0, host: '127.0.0.1' });
  const address = running.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let mark = markOf(running.simulator);
  let stopping: Promise<void> | undefined;
  const onStop = () => { stopping ??= stop(mode, running, mark); };
  process.on('message', (m: ParentMessage) => {
    if (m === 'stop') onStop();
    if (m === 'measure') {
      mark = markOf(running.simulator);
      void send({ type: 'measuring' });
    }
  });
  process.once('SIGTERM', onStop);
  process.once('SIGINT', onStop);
  await send({ type: 'listening', port, agents: running.agents, setupMs: Math.round(performance.now() - t0) });
  console.log(`listening on ${port}`);
}

main().catch((e: unknown) => {
  console.error('[http-server]', e);
  process.exit(1);
});
