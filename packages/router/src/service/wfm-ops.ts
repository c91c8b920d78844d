import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  Simulation, WhatIf, WfmError, agentsRequired, checkScenario, checkWhatIf, expectedContacts, forecast, queueMetrics,
  type ForecastInput, type ForecastResult, type QueueMetrics, type SimScenario, type SimulationResult, type StaffingOutcome, type WhatIfResult,
} from '../wfm/index.js';
import { requireRole, type Actor } from './access.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './service-errors.js';

/**
 * Workforce management in the service: the Erlang formulas, a forecast from the interaction
 * history, simulations and what-ifs of scenarios posted by supervisors and admins. A request
 * may not hog the process: sizes are bounded, and simulations run in slices of events with a
 * turn of the event loop between them, at most two at a time.
 */
export const WFM_SERVICE_LIMITS = {
  /** Contacts one simulation may draw (warm-up included). */
  simulationContacts: 100_000,
  /** Agents in a simulated scenario. */
  agents: 2_000,
  /** Contacts over all runs of a what-if (both configurations, every replication). */
  whatIfContacts: 400_000,
  /** History entries read for one forecast. */
  historyEntries: 2_000_000,
  /** Simulations running at once in this process; the others wait their turn. */
  concurrent: 2,
  /** Events simulated between two turns of the event loop. */
  slice: 20_000,
} as const;

/** Body of POST /v1/wfm/erlang: the KPIs of a staffing (`agents`), or the agents a target needs. */
export interface ErlangRequest {
  readonly callsPerHour: number;
  readonly ahtSeconds: number;
  readonly thresholdSeconds: number;
  readonly patienceSeconds?: number;
  readonly agents?: number;
  readonly targetServiceLevel?: number;
  readonly maxOccupancy?: number;
  readonly maxAbandonment?: number;
}

/** The fewest agents for a target (staffed / unreachable), or the KPIs of the staffing given. */
export type ErlangAnswer = StaffingOutcome | { readonly kind: 'given'; readonly agents: number; readonly metrics: QueueMetrics };

/** POST /v1/wfm/erlang: supervisors and admins (FORBIDDEN otherwise). */
export function erlang(actor: Actor, body: ErlangRequest): ErlangAnswer {
  requireRole(actor, 'supervisor', 'admin');
  const { agents, ...rest } = body;
  if (agents !== undefined) return { kind: 'given', agents, metrics: queueMetrics(agents, rest) };
  if (body.targetServiceLevel === undefined) throw new WfmError('WFM_INPUT_INVALID', 'give agents (to evaluate a staffing) or targetServiceLevel (to find one)');
  return agentsRequired(body as ErlangRequest & { targetServiceLevel: number });
}

/** Body of POST /v1/wfm/forecast: posted counts, or the history's arrivals (of some queues, from a time on). */
export type ForecastRequest = Omit<ForecastInput, 'arrivals'> & { readonly queueIds?: readonly string[]; readonly since?: number };

/** Arrival times of the history's contacts that the actor may see, optionally of some queues, from `since` on. */
async function historyArrivals(ctx: ServiceContext, actor: Extract<Actor, { kind: 'user' }>, queueIds: readonly string[] | undefined, since: number): Promise<number[]> {
  const wanted = queueIds === undefined ? undefined : new Set(queueIds);
  for (const q of wanted ?? []) if (actor.queues !== 'all' && !actor.queues.has(q)) throw new ServiceError('FORBIDDEN', `queue '${q}' is outside your queues`);
  const visible = (q: string | undefined) => (wanted === undefined ? actor.queues === 'all' || (q !== undefined && actor.queues.has(q)) : q !== undefined && wanted.has(q));
  const out: number[] = [];
  let read = 0;
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await ctx.history.page(after, 1000);
    read += page.entries.length;
    if (read > WFM_SERVICE_LIMITS.historyEntries) throw new WfmError('WFM_TOO_LARGE', `the history holds more than ${WFM_SERVICE_LIMITS.historyEntries} entries; forecast from posted counts`);
    for (const e of page.entries) if (e.kind === 'arrived' && e.at >= since && visible(e.queueId)) out.push(e.at);
    after = page.next;
  }
  return out;
}

/** POST /v1/wfm/forecast: from posted counts, or the history's arrivals in the actor's queues. */
export async function forecastFor(ctx: ServiceContext, actor: Actor, body: ForecastRequest): Promise<ForecastResult> {
  requireRole(actor, 'supervisor', 'admin');
  const { queueIds, since, ...input } = body;
  if (input.counts !== undefined) return forecast(input);
  const arrivals = await historyArrivals(ctx, actor, queueIds, since ?? 0);
  if (arrivals.length === 0) throw new WfmError('HISTORY_INSUFFICIENT', 'the interaction history has no arrivals to forecast from (for these queues)');
  return forecast({ ...input, arrivals });
}

let running = 0;
const waiting: Array<() => void> = [];

/** Runs a stepped job in slices, yielding the event loop between them, at most `concurrent` at a time. */
async function sliced(step: (budget: number) => boolean): Promise<void> {
  if (running >= WFM_SERVICE_LIMITS.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    while (!step(WFM_SERVICE_LIMITS.slice)) await nextTurn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function boundedScenario(json: unknown): SimScenario {
  const s = checkScenario(json);
  const agents = s.agents.reduce((n, g) => n + g.count, 0);
  if (agents > WFM_SERVICE_LIMITS.agents) throw new WfmError('WFM_TOO_LARGE', `the service simulates at most ${WFM_SERVICE_LIMITS.agents} agents (got ${agents}); run larger scenarios with the CLI`);
  const contacts = expectedContacts(s);
  if (contacts > WFM_SERVICE_LIMITS.simulationContacts) throw new WfmError('WFM_TOO_LARGE', `the scenario brings about ${Math.round(contacts)} contacts; the service simulates at most ${WFM_SERVICE_LIMITS.simulationContacts}`);
  return s;
}

/** POST /v1/wfm/simulate: a bounded scenario, simulated in slices. */
export async function simulate(actor: Actor, body: { readonly scenario: unknown; readonly replication?: number }): Promise<SimulationResult> {
  requireRole(actor, 'supervisor', 'admin');
  const s = boundedScenario(body.scenario);
  const sim = Simulation.create(s, { replication: body.replication ?? 0 });
  await sliced((budget) => sim.run(budget));
  return sim.result();
}

/** POST /v1/wfm/what-if: a bounded scenario against a proposal on the same traffic, in slices. */
export async function whatIf(actor: Actor, body: { readonly scenario: unknown; readonly proposal: unknown; readonly replications: number }): Promise<WhatIfResult> {
  requireRole(actor, 'supervisor', 'admin');
  const s = boundedScenario(body.scenario);
  const plan = checkWhatIf(s, body.proposal, body.replications);
  const proposed = plan.proposal.agents.reduce((n, g) => n + g.count, 0);
  if (proposed > WFM_SERVICE_LIMITS.agents) throw new WfmError('WFM_TOO_LARGE', `the proposal has ${proposed} agents; the service simulates at most ${WFM_SERVICE_LIMITS.agents}`);
  const total = 2 * plan.replications * expectedContacts(s);
  if (total > WFM_SERVICE_LIMITS.whatIfContacts) {
    throw new WfmError('WFM_TOO_LARGE', `${plan.replications} replications of both configurations simulate about ${Math.round(total)} contacts; the service allows ${WFM_SERVICE_LIMITS.whatIfContacts}`);
  }
  const w = new WhatIf(s, plan);
  await sliced((budget) => w.run(budget));
  return w.result();
}
