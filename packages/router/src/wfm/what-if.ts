import { knownKeys, num, obj } from './checks.js';
import { checkQueues, checkSetup } from './scenario-check.js';
import type { RoutingSetup, SimScenario } from './scenario.js';
import type { IntervalKpis, KpiSeries, SimulationResult } from './sim-result.js';
import { Simulation } from './simulation.js';
import { meanInterval } from './student-t.js';
import { drawTraffic, type Traffic } from './traffic.js';

/** The KPIs a what-if compares. */
export const COMPARED = ['serviceLevel', 'asaSeconds', 'abandonmentRate', 'probabilityOfWaiting', 'occupancy'] as const;
/** A KPI the what-if compares. */
export type ComparedKpi = (typeof COMPARED)[number];

/** One KPI compared: the means of both configurations and their paired difference (proposal − baseline) with its interval. */
export interface KpiDifference {
  readonly baseline: number | null;
  readonly proposal: number | null;
  readonly difference: number | null;
  /** The 95 % Student-t interval of the mean paired difference (null below two replications with a value). */
  readonly low: number | null;
  readonly high: number | null;
  /** Replications where both configurations had a value. */
  readonly pairs: number;
}

/** Every compared KPI of one scope (the center, a queue, a tier). */
export type KpiDifferences = Readonly<Record<ComparedKpi, KpiDifference>>;

/** Two routing configurations compared on the same traffic. */
export interface WhatIfResult {
  readonly replications: number;
  readonly level: 0.95;
  readonly total: KpiDifferences;
  readonly queues: Readonly<Record<string, KpiDifferences>>;
  readonly tiers: Readonly<Record<string, KpiDifferences>>;
}

/** Replications a what-if may ask for. */
export const MAX_REPLICATIONS = 200;

/**
 * Validates the proposal (another routing setup for the same traffic: domain, agents and
 * optionally a ring delay; without one it keeps the scenario's) and the replication count.
 */
export function checkWhatIf(scenario: SimScenario, proposal: unknown, replications: unknown): { proposal: RoutingSetup; replications: number } {
  const v = obj(proposal, 'proposal', 'SCENARIO_INVALID');
  knownKeys(v, ['domain', 'agents', 'ringDelay', 'description'], 'proposal', 'SCENARIO_INVALID');
  const setup = checkSetup(v, 'proposal.');
  checkQueues(scenario.contactTypes, setup, 'proposal.');
  return { proposal: setup, replications: num(replications, 'replications', { min: 2, max: MAX_REPLICATIONS, integer: true }) };
}

function difference(base: Array<number | null>, prop: Array<number | null>): KpiDifference {
  const pairs: number[] = [];
  base.forEach((b, i) => {
    const p = prop[i];
    if (b !== null && p !== null && p !== undefined) pairs.push(p - b);
  });
  const avg = (xs: Array<number | null>) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
  };
  const ci = pairs.length >= 2 ? meanInterval(pairs) : undefined;
  return {
    baseline: avg(base), proposal: avg(prop),
    difference: pairs.length === 0 ? null : pairs.reduce((s, x) => s + x, 0) / pairs.length,
    low: ci === undefined ? null : ci.mean - ci.halfWidth,
    high: ci === undefined ? null : ci.mean + ci.halfWidth,
    pairs: pairs.length,
  };
}

function compare(base: Array<KpiSeries | undefined>, prop: Array<KpiSeries | undefined>): KpiDifferences {
  const pick = (xs: Array<KpiSeries | undefined>, k: ComparedKpi) => xs.map((s) => (s === undefined ? null : (s.summary as IntervalKpis)[k]));
  return Object.fromEntries(COMPARED.map((k) => [k, difference(pick(base, k), pick(prop, k))])) as unknown as KpiDifferences;
}

/**
 * A what-if: the baseline scenario and a proposal (another domain, other agents) run on the
 * same traffic — each replication draws arrivals, tiers, handle times and patience once and
 * feeds them to both (common random numbers), so the paired differences carry little noise.
 * Runs in steps so a service can interleave it with other work.
 *
 * @example
 * const w = new WhatIf(checkScenario(today), checkWhatIf(today, { domain, agents: proposed }, 10));
 * while (!w.run(50_000)) await otherWork(); // e.g. a turn of the event loop
 * w.result().total.serviceLevel; // { baseline: 0.78, proposal: 0.84, difference: 0.06, low: 0.05, high: 0.07, pairs: 10 }
 */
export class WhatIf {
  private readonly base: SimulationResult[] = [];
  private readonly prop: SimulationResult[] = [];
  private current: { sim: Simulation; traffic: Traffic; proposal: boolean } | undefined;

  constructor(private readonly scenario: SimScenario, private readonly plan: { proposal: RoutingSetup; replications: number }) {}

  /** Simulates up to `maxEvents` events; true when every replication of both configurations ran. */
  run(maxEvents = Infinity): boolean {
    let budget = maxEvents;
    while (budget > 0 && this.prop.length < this.plan.replications) {
      const job = this.current ?? this.start();
      const before = job.sim.processed;
      const done = job.sim.run(budget);
      budget -= Math.max(1, job.sim.processed - before);
      if (done) this.next(job);
    }
    return this.prop.length === this.plan.replications;
  }

  private start(): { sim: Simulation; traffic: Traffic; proposal: boolean } {
    const replication = this.base.length;
    const traffic = drawTraffic(this.scenario, replication);
    this.current = { sim: Simulation.create(this.scenario, { replication, traffic }), traffic, proposal: false };
    return this.current;
  }

  private next(job: { sim: Simulation; traffic: Traffic; proposal: boolean }): void {
    if (job.proposal) {
      this.prop.push(job.sim.result());
      this.current = undefined;
      return;
    }
    this.base.push(job.sim.result());
    const replication = this.base.length - 1;
    this.current = { sim: Simulation.create({ ...this.scenario, ...this.plan.proposal }, { replication, traffic: job.traffic }), traffic: job.traffic, proposal: true };
  }

  /** The paired comparison (complete once `run()` returned true). */
  result(): WhatIfResult {
    const names = (f: (r: SimulationResult) => Readonly<Record<string, KpiSeries>>) => [...new Set([...this.base, ...this.prop].flatMap((r) => Object.keys(f(r))))];
    const by = (f: (r: SimulationResult) => Readonly<Record<string, KpiSeries>>) =>
      Object.fromEntries(names(f).map((n) => [n, compare(this.base.map((r) => f(r)[n]), this.prop.map((r) => f(r)[n]))]));
    return {
      replications: this.prop.length, level: 0.95,
      total: compare(this.base.map((r) => r.total), this.prop.map((r) => r.total)),
      queues: by((r) => r.queues),
      tiers: by((r) => r.tiers),
    };
  }
}
