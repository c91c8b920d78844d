import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { startTestRedis } from '../test/support/redis-server.js';
import { BENCH_API_KEY, BENCH_QUEUE } from './http-fixture.js';
import { pacedLoad, type PacedLoadResult } from './paced-load.js';
import type { ParentMessage, ServerMessage, ServerMode, ServerStats } from './http-server.js';

/**
 * The HTTP benchmark (`npm run bench:http`): autocannon, in this process, against the PBX
 * "route this call" endpoint of the Switchboard service running in a child process — embedded
 * store, then Redis store — and, in the same run, against bare Fastify as the baseline.
 */

/** How the benchmark runs. */
export interface HttpBenchOptions {
  readonly smoke: boolean;
  /** Seconds of each measured pass. */
  readonly durationS: number;
  /** Seconds of load before each measured pass (not recorded); 0 for none. */
  readonly warmupS: number;
  /** Keep-alive connections autocannon holds open. */
  readonly connections: number;
  /** Agents in the domain, all logged in and ready before the load starts. */
  readonly agents: number;
  /** How long a simulated agent talks before completing the contact. */
  readonly talkMs: number;
}

/** Requests per second (all connections together) of the fixed-rate Redis pass. */
export const REDIS_RATE = 2000;

/** The defaults: 10 s passes with 2 s of warm-up, 100 connections, 2,000 agents; tiny with `smoke`. */
export function httpBenchOptions(smoke: boolean): HttpBenchOptions {
  return smoke
    ? { smoke, durationS: 1, warmupS: 0, connections: 4, agents: 50, talkMs: 20 }
    : { smoke, durationS: 10, warmupS: 2, connections: 100, agents: 2000, talkMs: 20 };
}

/** One autocannon pass against one server process. */
export interface PassResult {
  readonly mode: ServerMode;
  readonly connections: number;
  readonly duration_s: number;
  /** The fixed overall rate asked of autocannon; null at full speed. */
  readonly overall_rate: number | null;
  /** autocannon's mean of requests answered per second. */
  readonly rps: number;
  readonly requests_total: number;
  /** Latency in ms (with a fixed rate, corrected for coordinated omission by autocannon). */
  readonly latency_ms: { readonly mean: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly status_codes: Readonly<Record<string, number>>;
  /** Answers of the measured pass by `status` (reserved, queued, …), from the response bodies. */
  readonly answers: Readonly<Record<string, number>>;
  /** Share of answers that reserved an agent at once (null for the bare baseline, whose answer is a constant). */
  readonly reserved_share: number | null;
  readonly server_setup_ms: number;
  readonly server: ServerStats;
  /** CPU of this process (autocannon) over the pass's wall time: near 1, the client limits the rate. */
  readonly autocannon_cpu_share: number;
  /** The redis-server during the measured pass (Redis passes only). */
  readonly redis_server: RedisLoad | null;
}

/** What the redis-server did during a measured pass. */
export interface RedisLoad {
  /** User + system CPU of redis-server. */
  readonly cpu_ms: number;
  /** cpu_ms over the pass's wall time: near 1, the single-threaded server is saturated. */
  readonly cpu_share: number;
  /** Store scripts (EVALSHA, and FCALL of the engine's function library) per HTTP request, the agent simulator's accepts and completions included. */
  readonly scripts_per_request: number;
}

/** One paced pass (see {@link pacedLoad}) against one server process. */
export interface PacedPassResult extends PacedLoadResult {
  readonly mode: ServerMode;
  readonly answers: Readonly<Record<string, number>>;
  readonly server: ServerStats;
}

/** A target of the issue, evaluated on this run. */
export interface TargetCheck {
  readonly value: number;
  readonly target: string;
  readonly met: boolean;
}

/** What benchmarks/results/http.json holds. */
export interface HttpBenchResult {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly smoke: boolean;
  readonly workload: string;
  readonly settings: HttpBenchOptions & { readonly redis_rate: number };
  readonly embedded_rps: number;
  readonly embedded_p99_ms: number;
  readonly redis_rps: number;
  readonly redis_p99_ms_at_2000_rps: number;
  /** Requests per second the fixed-rate Redis pass actually got answered. */
  readonly redis_rps_achieved_at_2000_rps: number;
  readonly bare_fastify_rps: number;
  readonly ratio_vs_bare: number;
  /**
   * p99 (ms) at 2,000 requests/s spread evenly ({@link pacedLoad}), counted from each request's
   * due time: the steady rate that autocannon's `overallRate` (one-second bursts) does not give.
   */
  readonly redis_p99_ms_at_2000_rps_paced: number;
  readonly embedded_p99_ms_at_2000_rps_paced: number;
  /** The floor of the paced figures on this machine: bare Fastify under the same paced load. */
  readonly bare_fastify_p99_ms_at_2000_rps_paced: number;
  readonly paced_runs: Readonly<Record<string, PacedPassResult>>;
  /** Passes that had connection errors, timeouts or non-2xx answers (then their figures measure little). */
  readonly failures: ReadonlyArray<{ readonly pass: string; readonly errors: number; readonly timeouts: number; readonly non2xx: number }>;
  readonly runs: Readonly<Record<string, PassResult>>;
  readonly targets: Readonly<Record<string, TargetCheck>>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./http-server.ts', import.meta.url));
const REPO_ROOT = join(dirname(SERVER_SCRIPT), '..');
const HEADERS = { 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY };

let callSeq = 0;

/** A request body with a Call-ID never sent before (a repeat would only hit the idempotency cache). */
function nextBody(prefix: string): string {
  const n = callSeq++;
  return JSON.stringify({ callId: `${prefix}-${n}`, queueId: BENCH_QUEUE, caller: `+7812555${String(n % 10_000).padStart(4, '0')}` });
}

/** Counts answers by their `status` field. */
class AnswerTally {
  readonly counts: Record<string, number> = {};

  add(status: number, body: string): void {
    const key = status >= 200 && status < 300 ? (/"status":"([a-z]+)"/.exec(body)?.[1] ?? 'unparsed') : `http-${status}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }
}

/** One pass: which server, and autocannon at full speed or at a fixed overall rate. */
interface PassSpec {
  readonly name: string;
  readonly mode: ServerMode;
  readonly rate?: number;
  readonly redisUrl?: string;
}

/** What one pass measured, before it is shaped into a {@link PassResult}. */
interface PassMeasure {
  readonly result: autocannon.Result;
  readonly tally: AnswerTally;
  readonly setupMs: number;
  readonly stats: ServerStats;
  readonly redis: RedisLoad | null;
  readonly clientCpu: NodeJS.CpuUsage;
}

/** A server process that is listening. */
interface ServerHandle {
  readonly port: number;
  readonly setupMs: number;
  /** Tells the process that the measured pass starts (its CPU and simulator counts restart). */
  measure(): Promise<void>;
  /** Asks the process to stop and resolves with its stats once it has exited. */
  stop(): Promise<ServerStats>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** True when `p` settles within `ms`; the timer does not outlive the answer. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

function nextMessage<T extends ServerMessage['type']>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`http-server: no '${type}' message within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: ServerMessage) => { if (m.type === type) done(undefined, m as Extract<ServerMessage, { type: T }>); };
    const onExit = (code: number | null) => done(new Error(`http-server exited (${code}) before sending '${type}'`));
    function done(err: Error | undefined, m?: Extract<ServerMessage, { type: T }>): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (m !== undefined) resolve(m);
      else reject(err);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Forks `http-server.ts <mode>` and resolves once it listens. */
async function startServer({ mode, redisUrl }: PassSpec, opts: HttpBenchOptions): Promise<ServerHandle> {
  const args = [mode, '--agents', String(opts.agents), '--talk-ms', String(opts.talkMs), ...(redisUrl === undefined ? [] : ['--redis', redisUrl])];
  const child = fork(SERVER_SCRIPT, args, { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const ready = await nextMessage(child, 'listening', 180_000);
    const tell = (m: ParentMessage) => child.send(m);
    return {
      port: ready.port,
      setupMs: ready.setupMs,
      measure: async () => {
        const ack = nextMessage(child, 'measuring', 10_000);
        tell('measure');
        await ack;
      },
      stop: async () => {
        const stats = nextMessage(child, 'stats', 30_000);
        tell('stop');
        try {
          return (await stats).stats;
        } finally {
          if (!(await within(exited(child), 10_000))) child.kill('SIGKILL');
        }
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}

/** One autocannon run of `durationS` seconds; every request has a new Call-ID. */
function fire(port: number, opts: HttpBenchOptions, durationS: number, rate: number | undefined, prefix: string, tally: AnswerTally): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: durationS,
    ...(rate === undefined ? {} : { overallRate: rate }),
    requests: [{
      method: 'POST', path: '/v1/route', headers: HEADERS,
      setupRequest: (req) => ({ ...req, body: nextBody(prefix) }),
      onResponse: (status, body) => tally.add(status, body),
    }],
  });
}

const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

interface RedisCounters {
  readonly cpuMs: number;
  readonly scripts: number;
}

async function redisCounters(redis: Redis): Promise<RedisCounters> {
  const info = await redis.info('all');
  const num = (re: RegExp) => Number(re.exec(info)?.[1] ?? 0);
  return { cpuMs: 1000 * (num(/^used_cpu_user:([\d.]+)/m) + num(/^used_cpu_sys:([\d.]+)/m)), scripts: num(/^cmdstat_evalsha:calls=(\d+)/m) + num(/^cmdstat_fcall:calls=(\d+)/m) };
}

function redisLoad(before: RedisCounters, after: RedisCounters, r: autocannon.Result): RedisLoad {
  const cpuMs = after.cpuMs - before.cpuMs;
  return {
    cpu_ms: round(cpuMs), cpu_share: round(cpuMs / (r.duration * 1000), 3),
    scripts_per_request: r.requests.total === 0 ? 0 : round((after.scripts - before.scripts) / r.requests.total, 2),
  };
}

function passResult({ mode, rate }: PassSpec, opts: HttpBenchOptions, { result: r, tally, setupMs, stats, redis, clientCpu }: PassMeasure): PassResult {
  const answered = Object.values(tally.counts).reduce((a, b) => a + b, 0);
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  return {
    mode, connections: opts.connections, duration_s: r.duration, overall_rate: rate ?? null,
    rps: round(r.requests.average), requests_total: r.requests.total,
    latency_ms: { mean: round(r.latency.mean, 2), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, status_codes: codes,
    answers: tally.counts,
    reserved_share: mode === 'bare' ? null : answered === 0 ? 0 : round((tally.counts.reserved ?? 0) / answered, 4),
    server_setup_ms: setupMs, server: stats,
    autocannon_cpu_share: round((clientCpu.user + clientCpu.system) / 1000 / (r.duration * 1000), 3),
    redis_server: redis,
  };
}

/** Starts a server, warms it up, measures one pass and stops the server. */
async function runPass(opts: HttpBenchOptions, spec: PassSpec): Promise<PassResult> {
  const { name, rate, redisUrl } = spec;
  const server = await startServer(spec, opts);
  console.error(`[bench:http] ${name}: server ready in ${server.setupMs} ms; ${opts.warmupS} s warm-up, ${opts.durationS} s at ${rate === undefined ? 'full speed' : `${rate} requests/s`}`);
  const probe = redisUrl === undefined ? undefined : new Redis(redisUrl);
  const tally = new AnswerTally();
  const stamp = Date.now().toString(36);
  let result: autocannon.Result;
  let redis: RedisLoad | null = null;
  let clientCpu: NodeJS.CpuUsage;
  try {
    if (opts.warmupS > 0) await fire(server.port, opts, opts.warmupS, rate, `warm-${name}-${stamp}`, new AnswerTally());
    await server.measure();
    const before = probe === undefined ? undefined : await redisCounters(probe);
    const cpu0 = process.cpuUsage();
    result = await fire(server.port, opts, opts.durationS, rate, `${name}-${stamp}`, tally);
    clientCpu = process.cpuUsage(cpu0);
    if (probe !== undefined && before !== undefined) redis = redisLoad(before, await redisCounters(probe), result);
  } catch (e) {
    await server.stop().catch(() => undefined);
    throw e;
  } finally {
    probe?.disconnect();
  }
  return passResult(spec, opts, { result, tally, setupMs: server.setupMs, stats: await server.stop(), redis, clientCpu });
}

/** Starts a server, warms it up, measures one paced pass of `rate` requests/s and stops the server. */
async function runPacedPass(opts: HttpBenchOptions, spec: PassSpec & { readonly rate: number }): Promise<PacedPassResult> {
  const server = await startServer(spec, opts);
  console.error(`[bench:http] ${spec.name}: server ready in ${server.setupMs} ms; ${opts.warmupS} s warm-up, ${opts.durationS} s paced at ${spec.rate} requests/s`);
  const stamp = Date.now().toString(36);
  const load = (durationS: number, prefix: string, tally: AnswerTally) => pacedLoad({
    port: server.port, path: '/v1/route', headers: HEADERS, rate: spec.rate, durationS, connections: opts.connections,
    body: () => nextBody(prefix), onResponse: (status, body) => tally.add(status, body),
  });
  const tally = new AnswerTally();
  let result: PacedLoadResult;
  try {
    if (opts.warmupS > 0) await load(opts.warmupS, `warm-${spec.name}-${stamp}`, new AnswerTally());
    await server.measure();
    result = await load(opts.durationS, `${spec.name}-${stamp}`, tally);
  } catch (e) {
    await server.stop().catch(() => undefined);
    throw e;
  }
  return { mode: spec.mode, ...result, answers: tally.counts, server: await server.stop() };
}

function failuresOf(runs: Readonly<Record<string, PassResult | PacedPassResult>>): HttpBenchResult['failures'] {
  return Object.entries(runs)
    .map(([pass, r]) => ({ pass, errors: r.errors, timeouts: 'timeouts' in r ? r.timeouts : 0, non2xx: r.non2xx }))
    .filter((f) => f.errors + f.timeouts + f.non2xx > 0);
}

/** The issue's targets: embedded ≥ 0.5 × bare Fastify; Redis p99 ≤ 10 ms at 2,000 requests/s. Failing passes meet nothing. */
export function httpTargets(runs: { readonly bare: PassResult; readonly embedded: PassResult; readonly redisAtRate: PassResult; readonly redisPaced: PacedPassResult }): Record<string, TargetCheck> {
  const clean = (r: PassResult | PacedPassResult) => r.errors + ('timeouts' in r ? r.timeouts : 0) + r.non2xx === 0;
  const ratio = runs.bare.rps === 0 ? 0 : runs.embedded.rps / runs.bare.rps;
  const p99 = runs.redisAtRate.latency_ms.p99;
  const paced = runs.redisPaced.latency_ms.p99;
  return {
    embedded_vs_bare_fastify: { value: round(ratio, 3), target: '>= 0.5', met: ratio >= 0.5 && clean(runs.embedded) && clean(runs.bare) },
    redis_p99_ms_at_2000_rps: { value: p99, target: '<= 10', met: p99 <= 10 && clean(runs.redisAtRate) },
    redis_p99_ms_at_2000_rps_paced: { value: paced, target: '<= 10', met: paced <= 10 && clean(runs.redisPaced) },
  };
}

const WORKLOAD = 'POST /v1/route (x-api-key, body { callId, queueId, caller }), a new Call-ID on every request, keep-alive; '
  + 'server in a child process (buildApp, logger off); 1 skill, 1 voice queue without wrap-up, every agent ready; '
  + 'simulated agents accept each offer on the next tick and complete the contact talk_ms later. '
  + 'Baseline: bare Fastify (no plugins), the same requests, one route returning a constant JSON.';

/**
 * Runs every pass — bare Fastify, embedded, Redis at full speed, Redis at autocannon's fixed
 * rate, and bare, embedded and Redis at a paced steady rate — and summarizes them.
 */
export async function runHttpBench(opts: HttpBenchOptions): Promise<HttpBenchResult> {
  const rate = opts.smoke ? 200 : REDIS_RATE;
  const bare = await runPass(opts, { name: 'bare_fastify', mode: 'bare' });
  const barePaced = await runPacedPass(opts, { name: 'bare_fastify_paced', mode: 'bare', rate });
  const embedded = await runPass(opts, { name: 'embedded', mode: 'embedded' });
  const embeddedPaced = await runPacedPass(opts, { name: 'embedded_paced', mode: 'embedded', rate });
  const redisServer = await startTestRedis();
  let redisMax: PassResult, redisAtRate: PassResult, redisPaced: PacedPassResult;
  try {
    redisMax = await runPass(opts, { name: 'redis_max', mode: 'redis', redisUrl: redisServer.url });
    redisAtRate = await runPass(opts, { name: 'redis_at_2000_rps', mode: 'redis', rate: REDIS_RATE, redisUrl: redisServer.url });
    redisPaced = await runPacedPass(opts, { name: 'redis_paced', mode: 'redis', rate, redisUrl: redisServer.url });
  } finally {
    await redisServer.dispose();
  }
  const runs = { bare_fastify: bare, embedded, redis_max: redisMax, redis_at_2000_rps: redisAtRate };
  const pacedRuns = { bare_fastify: barePaced, embedded: embeddedPaced, redis: redisPaced };
  return {
    date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), smoke: opts.smoke,
    workload: WORKLOAD, settings: { ...opts, redis_rate: REDIS_RATE },
    embedded_rps: embedded.rps, embedded_p99_ms: embedded.latency_ms.p99,
    redis_rps: redisMax.rps, redis_p99_ms_at_2000_rps: redisAtRate.latency_ms.p99,
    redis_rps_achieved_at_2000_rps: redisAtRate.rps,
    bare_fastify_rps: bare.rps, ratio_vs_bare: bare.rps === 0 ? 0 : round(embedded.rps / bare.rps, 3),
    redis_p99_ms_at_2000_rps_paced: redisPaced.latency_ms.p99, embedded_p99_ms_at_2000_rps_paced: embeddedPaced.latency_ms.p99,
    bare_fastify_p99_ms_at_2000_rps_paced: barePaced.latency_ms.p99,
    failures: failuresOf({ ...runs, ...Object.fromEntries(Object.entries(pacedRuns).map(([k, v]) => [`${k}_paced`, v])) }),
    runs, paced_runs: pacedRuns, targets: httpTargets({ bare, embedded, redisAtRate, redisPaced }),
  };
}
