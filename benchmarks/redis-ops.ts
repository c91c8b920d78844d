import { writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { RedisRoutingStore } from '@switchboard/router';
import { startTestRedis } from '../test/support/redis-server.js';
import { arrivals, benchDomain } from './fixtures.js';

/**
 * `node --import tsx benchmarks/redis-ops.ts [agents] [iterations]`: where the server time of
 * the Redis store goes, per operation. The bench:redis domain and arrival stream, one
 * operation in flight; around every operation `CONFIG RESETSTAT` and `INFO commandstats`, so
 * each figure is the server's own count for that one script: its time (usec of the script
 * call, inner commands included) and the commands it ran, by name; then as many iterations
 * again without those calls, for redis-server's main-thread CPU per call (on a shared machine
 * preemption inflates wall time, not CPU time; INFO around every call inflates both by about a
 * fifth). A measurement aid, not a benchmark: it writes nothing. With PID_FILE=<file> it
 * writes the server's pid there after the warm-up and records nothing, for `perf record -p`.
 */
const AGENTS = Number(process.argv[2] ?? 10_000);
const ITER = Number(process.argv[3] ?? 600);
const WARM = Number(process.argv[4] ?? 300);

const server = await startTestRedis();
const redis = new Redis(server.url);
const stats = new Redis(server.url);
const dom = benchDomain(AGENTS);
const store = await RedisRoutingStore.create(dom, { redis, domain: 'bench', trace: false });
for (let i = 0; i < (dom.agents ?? []).length; i += 200) {
  const chunk = (dom.agents ?? []).slice(i, i + 200);
  await Promise.all(chunk.map((a) => store.loginAgent(a.id)));
  await Promise.all(chunk.map((a) => store.readyAgent(a.id)));
}
const stream = arrivals(1 << 16);
let next = 0;

interface Tally { n: number; us: number; inner: number; calls: Map<string, number> }
const tallies = new Map<string, Tally>();
let recording = false;

async function op<T>(kind: string, f: () => Promise<T>): Promise<T> {
  if (!recording) return f();
  await stats.config('RESETSTAT');
  const r = await f();
  const info = await stats.info('commandstats');
  const t = tallies.get(kind) ?? { n: 0, us: 0, inner: 0, calls: new Map() };
  t.n++;
  for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+),usec=(\d+)/g)) {
    const [name, calls, usec] = [m[1] as string, Number(m[2]), Number(m[3])];
    if (name.startsWith('config') || name === 'info') continue;
    if (name === 'evalsha' || name === 'eval' || name === 'fcall') t.us += usec;
    else if (name !== 'exists' || calls > 1) t.inner += usec;
    t.calls.set(name, (t.calls.get(name) ?? 0) + calls);
  }
  tallies.set(kind, t);
  return r;
}

const talking: string[] = [];
async function iteration(i: number): Promise<void> {
  const a = stream[next & 0xffff] as (typeof stream)[number];
  const input = { id: `c${next++}`, queueId: `q${a.queue}`, valueScore: a.score, ...(a.tier === undefined ? {} : { valueTier: a.tier }) };
  const o = await op('arrival', () => store.enqueueContact(input));
  if (o.kind === 'reserved') {
    await op('accept', () => store.acceptReservation(o.reservationId, o.token));
    talking.push(o.contactId);
  }
  if (talking.length > 0 && (i % 2 === 1 || talking.length > 3)) await op('completion', () => store.completeContact(talking.shift() as string));
}

for (let i = 0; i < WARM; i++) await iteration(i);
if (process.env.PID_FILE) {
  writeFileSync(process.env.PID_FILE, /process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? '');
  await new Promise((r) => setTimeout(r, 1500));
}
recording = process.env.PID_FILE === undefined;
for (let i = 0; i < ITER; i++) await iteration(i);

for (const [kind, t] of tallies) {
  const calls = [...t.calls].map(([c, n]) => [c, n / t.n] as const).sort((x, y) => y[1] - x[1]);
  const total = calls.filter(([c]) => c !== 'evalsha' && c !== 'eval' && c !== 'fcall' && c !== 'exists').reduce((s, [, n]) => s + n, 0);
  console.log(`${kind.padEnd(10)} n=${t.n} server ${(t.us / t.n).toFixed(1)} µs/op (commands ${(t.inner / t.n).toFixed(1)}), ${total.toFixed(1)} commands in scripts:`,
    calls.map(([c, n]) => `${c} ${n.toFixed(1)}`).join(', '));
}
// The same number of iterations again without per-call stats: the redis-server main thread's
// CPU time per store call (preemption on a busy machine inflates wall time, not CPU time).
{
  const cpu = async () => {
    const info = await stats.info('cpu');
    return Number(/used_cpu_user_main_thread:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys_main_thread:([\d.]+)/.exec(info)?.[1]);
  };
  recording = false;
  await stats.config('RESETSTAT');
  const before = await cpu();
  for (let i = 0; i < ITER; i++) await iteration(i);
  const used = (await cpu()) - before;
  const info = await stats.info('commandstats');
  const fcalls = Number(/cmdstat_fcall:calls=(\d+),usec=(\d+)/.exec(info)?.[1] ?? 0);
  const usec = Number(/cmdstat_fcall:calls=(\d+),usec=(\d+)/.exec(info)?.[2] ?? 0);
  console.log(`all calls  n=${fcalls} server ${(usec / fcalls).toFixed(1)} µs/call (wall), redis main thread CPU ${((used * 1e6) / fcalls).toFixed(1)} µs/call`);
}
redis.disconnect();
stats.disconnect();
await server.dispose();
