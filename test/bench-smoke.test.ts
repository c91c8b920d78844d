import { describe, expect, it } from 'vitest';
import { runCoreBench, targets } from '../benchmarks/core-bench.js';
import { httpBenchOptions, runHttpBench } from '../benchmarks/http-bench.js';
import { makeWorkload } from '../benchmarks/workload.js';
import { runSimBench } from '../benchmarks/sim-bench.js';

// Not a measurement: a check that the benchmark still runs and measures something real.
describe('core benchmark (smoke)', () => {
  it('runs both routers through the workload and reports every figure', async () => {
    const [run] = await runCoreBench({ sizes: [1000], maxTime: 0.05, minSamples: 1, latencySamples: 200, folder: undefined });
    expect(run).toBeDefined();
    for (const key of ['engine_decisions_per_s', 'baseline_decisions_per_s', 'p50_us', 'p99_us', 'bytes_per_agent'] as const) {
      expect(run?.[key], key).toBeGreaterThan(0);
    }
    expect(run?.p99_us).toBeGreaterThanOrEqual(run?.p50_us ?? Infinity);
    expect(Object.keys(targets(run === undefined ? [] : [run]))).toEqual(['decisions_per_s_at_1k']);
  });

  it('keeps both kinds of decision happening in the steady workload', () => {
    const w = makeWorkload('engine', 1000);
    for (let i = 0; i < 2000; i++) w.iteration();
    expect(w.arrivalsReserved).toBeGreaterThan(200);
    expect(w.tookWaiting).toBeGreaterThan(200);
    expect(w.inSystem).toBe(950);
  });
});

describe('http benchmark (smoke)', () => {
  it('serves every pass from child processes with 2xx answers only, and reports every figure', async () => {
    const r = await runHttpBench(httpBenchOptions(true));
    expect(r.failures).toEqual([]);
    for (const key of ['bare_fastify_rps', 'embedded_rps', 'redis_rps', 'redis_rps_achieved_at_2000_rps'] as const) expect(r[key], key).toBeGreaterThan(0);
    // How many calls find an agent free depends on how fast the simulated agents answer on a
    // busy machine; what must hold is that calls are routed and every answer is a routing answer.
    expect(r.runs.embedded?.reserved_share).toBeGreaterThan(0);
    expect(Object.keys(r.runs.embedded?.answers ?? {}).filter((k) => k !== 'reserved' && k !== 'queued')).toEqual([]);
    expect(r.runs.embedded?.server.simulator?.completed).toBeGreaterThan(0);
    expect(Object.keys(r.targets)).toEqual(['embedded_vs_bare_fastify', 'redis_p99_ms_at_2000_rps', 'redis_p99_ms_at_2000_rps_paced']);
    for (const [pass, paced] of Object.entries(r.paced_runs)) {
      expect(paced.requests_total, pass).toBe(200); // 1 s at 200/s
      expect(paced.latency_ms.p99, pass).toBeGreaterThan(0);
    }
    expect(r.paced_runs.redis?.answers.reserved).toBeGreaterThan(0);
  }, 90_000); // four server processes and a redis-server: about 15 s alone, more when the suite runs beside it
});

describe('simulation benchmark (smoke)', () => {
  it('simulates on the engine and runs the baseline loop on the same arrivals, reporting every figure', async () => {
    const r = await runSimBench({ size: { agents: 50, hours: 1, contacts: 1000 }, slice: { agents: 50, hours: 1, contacts: 300 }, maxTime: 0.05, minSamples: 1, folder: undefined });
    expect(r.contacts).toBeGreaterThan(800);
    for (const key of ['seconds', 'contacts_per_s', 'ratio_vs_baseline', 'cpu_seconds', 'events'] as const) expect(r[key], key).toBeGreaterThan(0);
    expect(r.baseline.contacts_per_s).toBeGreaterThan(0);
    expect(r.benny.engine_runs_per_s).toBeGreaterThan(0);
    expect(r.kpis.answered).toBeGreaterThan(0);
    expect(Object.keys(r).slice(0, 3)).toEqual(['contacts', 'seconds', 'contacts_per_s']);
  });
});
