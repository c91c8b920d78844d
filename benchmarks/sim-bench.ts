import { loadavg } from 'node:os';
import { add, complete, cycle, save, suite } from 'benny';
import { Simulation, checkScenario, drawTraffic, type SimScenario, type Traffic } from '@switchboard/router/wfm';
import { fifoEventLoop } from './sim-baseline.js';
import { simBenchScenario, type SimBenchSize } from './sim-fixture.js';

export interface SimBenchOptions {
  /** The measured run (one day of 1,000 agents in the real benchmark). */
  readonly size: SimBenchSize;
  /** The slice benny times repeatedly against the baseline. */
  readonly slice: SimBenchSize;
  readonly maxTime: number;
  readonly minSamples: number;
  readonly folder: string | undefined;
  /** Name of benny's own result file in the folder. */
  readonly bennyFile?: string;
}

export interface SimBenchResult {
  readonly contacts: number;
  readonly seconds: number;
  readonly contacts_per_s: number;
  readonly baseline: { readonly name: string; readonly seconds: number; readonly contacts_per_s: number };
  /** Contacts per second of the engine simulation over those of the baseline loop, same arrivals. */
  readonly ratio_vs_baseline: number;
  readonly target: { readonly seconds: number; readonly met: boolean };
  /** CPU seconds of this process during the measured run (wall time on a shared machine counts others' work too). */
  readonly cpu_seconds: number;
  /** The machine's 1-minute load average before and after the measured run (2 cores: above 2, others were running). */
  readonly load_average: readonly [number, number];
  readonly breakdown_s: { readonly check: number; readonly draw: number; readonly create: number; readonly run: number; readonly result: number };
  readonly events: number;
  readonly agents: number;
  readonly kpis: Record<string, number | null>;
  readonly benny: { readonly slice: SimBenchSize; readonly engine_runs_per_s: number; readonly baseline_runs_per_s: number; readonly ratio: number };
}

const since = (t: number) => (performance.now() - t) / 1000;
const r3 = (x: number) => Number(x.toFixed(3));

/** One full simulation, timed by phase. */
function timedRun(size: SimBenchSize): { seconds: number; breakdown: SimBenchResult['breakdown_s']; scenario: SimScenario; traffic: Traffic; events: number; kpis: Record<string, number | null> } {
  let t = performance.now();
  const scenario = checkScenario(simBenchScenario(size));
  const check = since(t);
  t = performance.now();
  const traffic = drawTraffic(scenario, 0);
  const draw = since(t);
  t = performance.now();
  const sim = Simulation.create(scenario, { traffic });
  const create = since(t);
  t = performance.now();
  sim.run();
  const run = since(t);
  t = performance.now();
  const result = sim.result();
  const read = since(t);
  const breakdown = { check: r3(check), draw: r3(draw), create: r3(create), run: r3(run), result: r3(read) };
  return { seconds: check + draw + create + run + read, breakdown, scenario, traffic, events: result.events, kpis: { ...result.total.summary } };
}

/** The benny comparison on a slice: a whole engine simulation against the baseline loop, per iteration. */
async function bennySlice(opts: SimBenchOptions): Promise<SimBenchResult['benny']> {
  const scenario = checkScenario(simBenchScenario(opts.slice));
  const traffic = drawTraffic(scenario, 0);
  const cases = { maxTime: opts.maxTime, minSamples: opts.minSamples };
  const summary = await suite(
    'sim',
    add('engine simulation', () => { Simulation.create(scenario, { traffic }).run(); }, cases),
    add('FIFO M/M/N event loop', () => { fifoEventLoop(traffic, opts.slice.agents); }, cases),
    cycle(),
    complete(),
    ...(opts.folder === undefined ? [] : [save({ file: opts.bennyFile ?? 'sim-benny', folder: opts.folder, format: 'json' as const })]),
  );
  const [engine, baseline] = summary.results;
  const e = engine?.ops ?? 0;
  const b = baseline?.ops ?? 0;
  return { slice: opts.slice, engine_runs_per_s: r3(e), baseline_runs_per_s: r3(b), ratio: b === 0 ? 0 : Number((e / b).toFixed(4)) };
}

/**
 * The simulation benchmark: one full run of the size (check, draw the traffic, build the
 * engine, simulate, read the KPIs) timed once, the baseline event loop on the same arrivals
 * timed in the same run, and benny's comparison of the two on a smaller slice.
 */
export async function runSimBench(opts: SimBenchOptions): Promise<SimBenchResult> {
  const loadBefore = loadavg()[0] as number;
  const cpu = process.cpuUsage();
  const run = timedRun(opts.size);
  const used = process.cpuUsage(cpu);
  const loadAfter = loadavg()[0] as number;
  const t = performance.now();
  fifoEventLoop(run.traffic, opts.size.agents);
  const baselineSeconds = since(t);
  const contacts = run.traffic.count;
  const perSecond = contacts / run.seconds;
  const baselinePerSecond = contacts / baselineSeconds;
  return {
    contacts, seconds: r3(run.seconds), contacts_per_s: Math.round(perSecond),
    baseline: { name: 'the same arrivals and handle times through a single-FIFO M/M/N event loop', seconds: r3(baselineSeconds), contacts_per_s: Math.round(baselinePerSecond) },
    ratio_vs_baseline: Number((perSecond / baselinePerSecond).toFixed(4)),
    target: { seconds: 10, met: run.seconds <= 10 },
    cpu_seconds: r3((used.user + used.system) / 1e6),
    load_average: [Number(loadBefore.toFixed(2)), Number(loadAfter.toFixed(2))],
    breakdown_s: run.breakdown, events: run.events, agents: opts.size.agents, kpis: run.kpis,
    benny: await bennySlice(opts),
  };
}
