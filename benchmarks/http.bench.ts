import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpBenchOptions, runHttpBench } from './http-bench.js';

/**
 * `npm run bench:http`: requests per second and latency of `POST /v1/route` through the whole
 * HTTP service (embedded store, then Redis store), against bare Fastify in the same run.
 * Writes benchmarks/results/http.json. BENCH_SMOKE=1 runs 1-second passes with 4 connections
 * and 50 agents into results/http-smoke.json (a check that the suite works, not a measurement).
 */
const smoke = process.env.BENCH_SMOKE === '1';
const folder = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(folder, { recursive: true });

const result = await runHttpBench(httpBenchOptions(smoke));
const file = join(folder, smoke ? 'http-smoke.json' : 'http.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.table(Object.fromEntries(Object.entries(result.runs).map(([name, r]) => [name, {
  rps: r.rps, p50_ms: r.latency_ms.p50, p99_ms: r.latency_ms.p99, reserved_share: r.reserved_share, errors: r.errors, non2xx: r.non2xx,
  server_cpu_ms: r.server.cpuUserMs + r.server.cpuSystemMs, autocannon_cpu: r.autocannon_cpu_share, redis_cpu: r.redis_server?.cpu_share ?? null,
}])));
console.table(Object.fromEntries(Object.entries(result.paced_runs).map(([name, r]) => [`${name} paced`, {
  rps: r.achieved_rps, p50_ms: r.latency_ms.p50, p90_ms: r.latency_ms.p90, p99_ms: r.latency_ms.p99, errors: r.errors, non2xx: r.non2xx,
  server_cpu_ms: r.server.cpuUserMs + r.server.cpuSystemMs,
}])));
console.log(result.targets);
for (const f of result.failures) {
  console.warn(`WARNING: pass ${f.pass} had ${f.errors} errors, ${f.timeouts} timeouts and ${f.non2xx} non-2xx answers: its figures measure little`);
}
console.log(`wrote ${file}`);
