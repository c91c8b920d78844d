import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { add, complete, cycle, save, suite } from 'benny';
import type { Summary } from 'benny/lib/internal/common-types.js';
import { ManualClock, RoutingEngine } from '@switchboard/router';
import { benchDomain } from './fixtures.js';
import { DECISIONS_PER_ITERATION, makeWorkload, type Workload } from './workload.js';

/** One row of benchmarks/results/core.json. */
export interface CoreRun {
  readonly agents: number;
  readonly engine_decisions_per_s: number;
  readonly baseline_decisions_per_s: number;
  readonly speedup_vs_baseline: number;
  readonly p50_us: number;
  readonly p99_us: number;
  readonly bytes_per_agent: number;
  readonly ns_per_decision: number;
  readonly arrivals_served_at_once: number;
  readonly completions_taking_waiting_work: number;
}

export interface CoreBenchOptions {
  readonly sizes: readonly number[];
  /** benny/benchmark.js time per case in seconds (tiny in smoke runs). */
  readonly maxTime: number;
  readonly minSamples: number;
  /** Decisions timed one by one for the latency percentiles. */
  readonly latencySamples: number;
  readonly folder: string | undefined;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
}

/** A real full GC, whether or not node was started with --expose-gc. */
function gc(): void {
  setFlagsFromString('--expose-gc');
  const g = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) g();
}

/** Heap bytes per agent of a domain whose agents are all logged in and ready (pools filled). */
export function bytesPerAgent(agents: number): number {
  const keep: RoutingEngine[] = [];
  const build = (n: number) => {
    const dom = benchDomain(n);
    const e = RoutingEngine.create(dom, { clock: new ManualClock(0), trace: false });
    for (const a of dom.agents ?? []) {
      e.login(a.id);
      e.ready(a.id);
    }
    return e;
  };
  keep.push(build(0));
  gc();
  const empty = process.memoryUsage().heapUsed;
  keep.push(build(agents));
  gc();
  const full = process.memoryUsage().heapUsed;
  return keep.length === 2 ? Math.max(0, Math.round((full - empty) / agents)) : 0;
}

function latencies(w: Workload, samples: number): { p50: number; p99: number } {
  const ns: number[] = [];
  while (ns.length < samples) w.timedIteration(ns);
  ns.sort((a, b) => a - b);
  return { p50: percentile(ns, 0.5) / 1000, p99: percentile(ns, 0.99) / 1000 };
}

async function throughput(agents: number, opts: CoreBenchOptions, engine: Workload, naive: Workload): Promise<Summary> {
  const cases = { maxTime: opts.maxTime, minSamples: opts.minSamples };
  return suite(
    `core-${agents}`,
    add(`engine ${agents} agents`, () => engine.iteration(), cases),
    add(`naive scan ${agents} agents`, () => naive.iteration(), cases),
    cycle(),
    complete(),
    ...(opts.folder === undefined ? [] : [save({ file: `core-${agents}-benny`, folder: opts.folder, format: 'json' as const })]),
  );
}

/** Runs the core suite for each size; every comparison is made within the same run. */
export async function runCoreBench(opts: CoreBenchOptions): Promise<CoreRun[]> {
  const runs: CoreRun[] = [];
  for (const agents of opts.sizes) {
    const engine = makeWorkload('engine', agents);
    const naive = makeWorkload('naive', agents);
    const summary = await throughput(agents, opts, engine, naive);
    const [e, n] = summary.results;
    const eps = (e?.ops ?? 0) * DECISIONS_PER_ITERATION;
    const bps = (n?.ops ?? 0) * DECISIONS_PER_ITERATION;
    const lat = latencies(engine, opts.latencySamples);
    const served = engine.arrivalsReserved + engine.tookWaiting;
    runs.push({
      agents,
      engine_decisions_per_s: Math.round(eps),
      baseline_decisions_per_s: Math.round(bps),
      speedup_vs_baseline: bps === 0 ? 0 : Number((eps / bps).toFixed(2)),
      p50_us: Number(lat.p50.toFixed(2)),
      p99_us: Number(lat.p99.toFixed(2)),
      bytes_per_agent: bytesPerAgent(agents),
      ns_per_decision: eps === 0 ? 0 : Math.round(1e9 / eps),
      arrivals_served_at_once: served === 0 ? 0 : Number((engine.arrivalsReserved / served).toFixed(3)),
      completions_taking_waiting_work: served === 0 ? 0 : Number((engine.tookWaiting / served).toFixed(3)),
    });
  }
  return runs;
}

/** The targets, evaluated on the figures of one run. */
export function targets(runs: readonly CoreRun[]): Record<string, { value: number; target: string; met: boolean }> {
  const at = (n: number) => runs.find((r) => r.agents === n);
  const out: Record<string, { value: number; target: string; met: boolean }> = {};
  const r1 = at(1_000);
  const r10 = at(10_000);
  const r100 = at(100_000);
  if (r1) out.decisions_per_s_at_1k = { value: r1.engine_decisions_per_s, target: '>= 1,000,000', met: r1.engine_decisions_per_s >= 1_000_000 };
  if (r10) {
    out.decisions_per_s_at_10k = { value: r10.engine_decisions_per_s, target: '>= 500,000', met: r10.engine_decisions_per_s >= 500_000 };
    out.speedup_vs_naive_at_10k = { value: r10.speedup_vs_baseline, target: '>= 10x', met: r10.speedup_vs_baseline >= 10 };
  }
  if (r1 && r100) {
    const ratio = Number((r100.ns_per_decision / r1.ns_per_decision).toFixed(2));
    out.cost_ratio_100k_over_1k = { value: ratio, target: '<= 2', met: ratio <= 2 };
  }
  return out;
}
