import { gzipSync } from 'node:zlib';
import { ManualClock, RoutingEngine } from '@switchboard/router';
import { DECISIONS_PER_ITERATION, makeWorkload, routerOf, Workload, type BenchRouter } from './workload.js';

/**
 * `node --import tsx benchmarks/snapshot.bench.ts`: size and time of RoutingEngine#snapshot and
 * RoutingEngine.restore for the benchmark domain (10,000 agents by default, all logged in and
 * ready, the steady workload warmed up with a share of them busy), then the workload's
 * throughput on the original and on the restored engine, side by side, and a check that both
 * end in the same state. BENCH_AGENTS and BENCH_BUSY (comma-separated shares) change the sizes.
 * Both engines share the process's compiled code (and its inline caches, which then see the
 * records of both); BENCH_ONLY=original or BENCH_ONLY=restored times one of them alone, as a
 * process that starts from a snapshot would run.
 */
const agents = Number(process.env.BENCH_AGENTS ?? 10_000);
const shares = (process.env.BENCH_BUSY ?? '0.3,0.95').split(',').map(Number);
const only = process.env.BENCH_ONLY;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function timed<T>(fn: () => T, runs = 7): { value: T; ms: number } {
  const ms: number[] = [];
  let value = fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { value, ms: median(ms) };
}


for (const busy of shares) {
  const w1 = makeWorkload('engine', agents, busy);
  const engine = (w1.router as BenchRouter & { engine: RoutingEngine }).engine;
  const snap = timed(() => engine.snapshot());
  const clock2 = new ManualClock(w1.clock.now());
  // One restore before the throughput runs, as a process starting from a snapshot does (the
  // restores timed below, each with its own records, would make the hot code see more shapes).
  const copy = RoutingEngine.restore(snap.value, { clock: clock2 });
  if (copy.snapshot() !== snap.value) throw new Error('restore is not a fixed point');
  // The same workload, from the same point, on the restored engine (the workload's own state copied).
  const w2 = Object.assign(Object.create(Workload.prototype) as Workload, w1, { router: routerOf(copy), clock: clock2, ring: [...(w1 as unknown as { ring: string[] }).ring] });
  const rate = { original: [] as number[], restored: [] as number[] };
  for (let round = 0; round < 8; round++) {
    for (const [name, w] of ([['original', w1], ['restored', w2]] as const).filter(([name]) => only === undefined || only === name)) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) w.iteration();
      rate[name].push((20_000 * DECISIONS_PER_ITERATION) / (Number(process.hrtime.bigint() - t) / 1e9));
    }
  }
  const same = engine.snapshot() === copy.snapshot();
  const restored = timed(() => RoutingEngine.restore(snap.value, { clock: new ManualClock(w1.clock.now()) }));
  console.log(JSON.stringify({
    agents, contacts_in_flight: w1.inSystem, contacts_known: engine.contacts().length,
    snapshot_bytes: Buffer.byteLength(snap.value), snapshot_gzip_bytes: gzipSync(snap.value).length,
    snapshot_ms: Number(snap.ms.toFixed(1)), restore_ms: Number(restored.ms.toFixed(1)),
    decisions_per_s_original: rate.original.length === 0 ? null : Math.round(median(rate.original)),
    decisions_per_s_restored: rate.restored.length === 0 ? null : Math.round(median(rate.restored)),
    ...(only === undefined ? { same_state_after_320k_decisions: same } : {}),
  }));
}
