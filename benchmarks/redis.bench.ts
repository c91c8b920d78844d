import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { RedisRoutingStore, type SubmitOutcome } from '@switchboard/router';
import { registerScripts } from '../packages/router/src/store/redis/scripts.js';
import { startTestRedis } from '../test/support/redis-server.js';
import { arrivals, benchDomain } from './fixtures.js';

/**
 * `npm run bench:redis`: decisions per second of the Redis store with 1 and with 100
 * operations in flight (10,000 agents, 200 queues, the core benchmark's domain and arrivals),
 * and — in the same run, on the same private redis-server — the throughput of the 4-command
 * reservation yardstick, the practical ceiling of one script per decision. Writes
 * benchmarks/results/redis.json. A decision is an arrival (reserved or queued) or a completion
 * that frees an agent (who takes waiting work or is filed); accepts are timed with them.
 * BENCH_SMOKE=1 runs tiny sizes (a check that the suite works, not a measurement).
 */
const smoke = process.env.BENCH_SMOKE === '1';
const AGENTS = smoke ? 200 : 10_000;
const ITER_1 = smoke ? 50 : 2_000;
const LANES = 100;
const ITER_PER_LANE = smoke ? 3 : 1000;

const server = await startTestRedis();
const redis = new Redis(server.url);
const dom = benchDomain(AGENTS);
const store = await RedisRoutingStore.create(dom, { redis, domain: 'bench', trace: false });
for (const a of dom.agents ?? []) {
  await store.loginAgent(a.id);
  await store.readyAgent(a.id);
}
const stream = arrivals(1 << 16);
let next = 0;
const submit = (): Promise<SubmitOutcome> => {
  const a = stream[next & 0xffff] as (typeof stream)[number];
  return store.enqueueContact({ id: `c${next++}`, queueId: `q${a.queue}`, valueScore: a.score, ...(a.tier === undefined ? {} : { valueTier: a.tier }) });
};

/** One lane: arrivals and completions of its own contacts, as a PBX connection would send them. */
async function lane(iterations: number, latencies: number[]): Promise<number> {
  const talking: string[] = [];
  let decisions = 0;
  const timed = async <T>(f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await f();
    latencies.push(performance.now() - t);
    return r;
  };
  for (let i = 0; i < iterations; i++) {
    const o = await timed(submit);
    decisions++;
    if (o.kind === 'reserved') {
      await store.acceptReservation(o.reservationId, o.token);
      talking.push(o.contactId);
    }
    if (talking.length > 0 && (i % 2 === 1 || talking.length > 3)) {
      await timed(() => store.completeContact(talking.shift() as string));
      decisions++;
    }
  }
  return decisions;
}

async function measure(lanes: number, iterations: number): Promise<{ perS: number; p50: number; p99: number; usPerScript: number; callsPerDecision: number }> {
  await redis.config('RESETSTAT');
  const latencies: number[] = [];
  const t = process.hrtime.bigint();
  const counts = await Promise.all(Array.from({ length: lanes }, () => lane(iterations, latencies)));
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const stats = await redis.info('commandstats');
  const us = Number(/cmdstat_evalsha:.*usec_per_call=([\d.]+)/.exec(stats)?.[1] ?? 0);
  const calls = Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  const decisions = counts.reduce((a, b) => a + b, 0);
  return { perS: decisions / s, p50: at(0.5), p99: at(0.99), usPerScript: us, callsPerDecision: calls / decisions };
}

/** The yardstick: ZPOPMIN + 2 × HSET + ZADD in one script, with `lanes` in flight. */
async function ceiling(lanes: number, calls: number): Promise<{ perS: number; usPerScript: number }> {
  const { ceiling: call } = registerScripts(redis, ['ceiling']);
  const keys = ['sb:{y}:pool', 'sb:{y}:agent', 'sb:{y}:contact', 'sb:{y}:timers'];
  const members: Array<string | number> = [];
  for (let i = 0; i < lanes * calls; i++) members.push(i, `a${i}`);
  for (let i = 0; i < members.length; i += 20_000) await redis.zadd(keys[0] as string, ...members.slice(i, i + 20_000));
  await redis.config('RESETSTAT');
  const t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: lanes }, async (_, l) => {
    for (let i = 0; i < calls; i++) await call(keys, [`c${l}-${i}`, i]);
  }));
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  const stats = await redis.info('commandstats');
  return { perS: (lanes * calls) / s, usPerScript: Number(/cmdstat_evalsha:.*usec_per_call=([\d.]+)/.exec(stats)?.[1] ?? 0) };
}

const one = await measure(1, ITER_1);
const many = await measure(LANES, ITER_PER_LANE);
const yard = await ceiling(LANES, smoke ? 20 : 1000);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  redis: (await redis.info('server')).match(/redis_version:(\S+)/)?.[1],
  smoke,
  agents: AGENTS,
  queues: dom.queues?.length,
  decisions_per_s_1: Math.round(one.perS),
  decisions_per_s_100: Math.round(many.perS),
  p50_ms_100: Number(many.p50.toFixed(2)),
  p99_ms_100: Number(many.p99.toFixed(2)),
  ceiling_script_per_s: Math.round(yard.perS),
  server_us_per_script: Number(many.usPerScript.toFixed(1)),
  scripts_per_decision_100: Number(many.callsPerDecision.toFixed(3)),
  scripts_per_decision_1: Number(one.callsPerDecision.toFixed(3)),
  ceiling_server_us_per_script: Number(yard.usPerScript.toFixed(1)),
  targets: {
    decisions_per_s: { value: Math.round(many.perS), target: '>= 40,000', met: many.perS >= 40_000 },
    share_of_ceiling: { value: Number((many.perS / yard.perS).toFixed(3)), target: '>= 0.6', met: many.perS >= 0.6 * yard.perS },
    p99_ms_at_100: { value: Number(many.p99.toFixed(2)), target: '<= 5', met: many.p99 <= 5 },
  },
};
const folder = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(folder, { recursive: true });
const file = join(folder, smoke ? 'redis-smoke.json' : 'redis.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(result);
console.log(`wrote ${file}`);
redis.disconnect();
await server.dispose();
