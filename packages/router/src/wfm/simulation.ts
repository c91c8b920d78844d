import { ManualClock, type Rng } from '../core/clock.js';
import { DEFAULT_CHANNELS } from '../core/config.js';
import type { ContactInput } from '../core/contact-input.js';
import type { RoutingEvent } from '../core/events.js';
import { RoutingEngine } from '../core/routing-engine.js';
import { samplerOf } from './distributions.js';
import { EventHeap } from './event-heap.js';
import { agentConfigs } from './scenario-check.js';
import type { SimScenario } from './scenario.js';
import type { SimulationResult } from './sim-result.js';
import { SimAgents } from './sim-agents.js';
import { OUTCOME, SimTally, type Outcome } from './sim-tally.js';
import { STREAM, streamOf } from './streams.js';
import { drawTraffic, type Traffic } from './traffic.js';

/** Options of one simulation run. */
export interface SimulationOptions {
  /** Which replication of the scenario's seed (its traffic and ring delays); default 0. */
  readonly replication?: number;
  /** Traffic drawn beforehand (a what-if feeds the same traffic to both configurations). */
  readonly traffic?: Traffic;
  /** Called when a counted contact is answered, with its index in the traffic and its wait. */
  readonly onAnswered?: (contact: number, waitSeconds: number) => void;
}

// Simulator events: payload = index × 8 + kind.
const ACCEPT = 0;
const ABANDON = 1;
const COMPLETE = 2;
const SHIFT_START = 3;
const SHIFT_END = 4;
const RESUME = 5;
const WAITING = 1;
const RINGING = 2;
const ACTIVE = 3;
const ENDED = 4;
/** After an auto-pause (missed offers) a simulated agent is ready again this much later. */
const RESUME_MS = 10_000;

const ENGINE_EVENTS = [
  'reservation.created', 'reservation.timedOut', 'reservation.rejected', 'reservation.cancelled',
  'contact.expired', 'contact.refused', 'agent.wrapUpEnded', 'agent.paused',
] as const;

/**
 * A discrete-event simulation that drives the real {@link RoutingEngine} on a
 * {@link ManualClock}: contacts arrive from the drawn traffic and are submitted; agents answer
 * each offer after the ring delay, complete after the contact's handle time and wrap up as the
 * queue says; callers hang up when their patience runs out; agents log in and out with their
 * shifts. The engine's own timers (requirement steps, ring timeouts, wrap-up ends, maximum
 * waits) are merged into the event loop through `nextDueAt()` / `advance()`. Same scenario,
 * same replication: same result.
 *
 * @example
 * const sim = Simulation.create(checkScenario(json));
 * sim.run();              // or run(10_000) repeatedly to interleave with other work
 * const out = sim.result(); // out.queues.sales.byInterval[3].serviceLevel …
 */
export class Simulation {
  private readonly clock = new ManualClock(0);
  private readonly engine: RoutingEngine;
  private readonly heap = new EventHeap();
  private readonly traffic: Traffic;
  private readonly tally: SimTally;
  private readonly agents: SimAgents;
  private readonly offsetMs: number;
  private readonly queueIndex = new Map<string, number>();
  private readonly queueCost: number[];
  private readonly queueWrapUp: number[];
  private readonly queueThreshold: number[];
  private readonly typeQueue: number[];
  private readonly inputs: Array<Omit<ContactInput, 'id'>>;
  private readonly ringDelay: (rng: Rng) => number;
  private readonly ringRng: Rng;
  private readonly state: Uint8Array;
  private readonly waited: Uint8Array;
  private readonly acceptAt: Float64Array;
  private readonly token: Float64Array;
  private readonly resAgent: Int32Array;
  private readonly resQueue: Int32Array;
  private cursor = 0;
  private events = 0;
  private done = false;

  private constructor(private readonly s: SimScenario, private readonly options: SimulationOptions) {
    const replication = options.replication ?? 0;
    this.traffic = options.traffic ?? drawTraffic(s, replication);
    this.offsetMs = s.warmUpMinutes * 60_000;
    const queues = s.domain.queues ?? [];
    queues.forEach((q, i) => this.queueIndex.set(q.id, i));
    const channels = s.domain.channels ?? DEFAULT_CHANNELS;
    this.queueCost = queues.map((q) => channels[q.channel ?? 'voice']?.cost ?? 1);
    this.queueWrapUp = queues.map((q) => q.wrapUpSeconds ?? 0);
    this.queueThreshold = queues.map((q) => q.serviceLevel?.thresholdSeconds ?? 20);
    this.typeQueue = s.contactTypes.map((t) => this.queueIndex.get(t.queueId) as number);
    this.inputs = s.contactTypes.map((t) => ({ queueId: t.queueId, ...(t.reason === undefined ? {} : { reason: t.reason }) }));
    this.engine = RoutingEngine.create({ ...s.domain, agents: agentConfigs(s.agents) }, {
      clock: this.clock, trace: false, retainEnded: 0, rng: streamOf(s.seed, replication, STREAM.weighted, 0),
    });
    this.agents = new SimAgents(s.agents, this.engine, this.queueIndex);
    this.tally = new SimTally(queues.length, this.traffic.tiers.length, s.intervals, s.intervalMinutes * 60, this.agents.queues);
    this.agents.countInto(this.tally);
    this.ringDelay = s.ringDelay === undefined ? () => 0 : samplerOf(s.ringDelay);
    this.ringRng = streamOf(s.seed, replication, STREAM.ringDelay, 0);
    const n = this.traffic.count;
    this.state = new Uint8Array(n);
    this.waited = new Uint8Array(n);
    this.acceptAt = new Float64Array(n);
    this.token = new Float64Array(n);
    this.resAgent = new Int32Array(n);
    this.resQueue = new Int32Array(n);
    this.engine.eventsOf(...ENGINE_EVENTS).subscribe((e) => this.onEngineEvent(e));
    for (const w of SimAgents.shiftsOf(s)) {
      this.heap.push(this.ms(w.start), w.agent * 8 + SHIFT_START);
      if (w.end !== Infinity) this.heap.push(this.ms(w.end), w.agent * 8 + SHIFT_END);
    }
  }

  /** A simulation of a validated scenario (see `checkScenario`). */
  static create(scenario: SimScenario, options: SimulationOptions = {}): Simulation {
    return new Simulation(scenario, options);
  }

  /** Events processed so far. */
  get processed(): number {
    return this.events;
  }

  /** Engine time (ms) of a time in seconds from interval 0. */
  private ms(seconds: number): number {
    return seconds * 1000 + this.offsetMs;
  }

  private seconds(ms: number): number {
    return (ms - this.offsetMs) / 1000;
  }

  /** Processes up to `maxEvents` events; true once nothing is left to happen. */
  run(maxEvents = Infinity): boolean {
    for (let budget = maxEvents; budget > 0 && !this.done; budget--) {
      const tA = this.cursor < this.traffic.count ? this.ms(this.traffic.at[this.cursor] as number) : Infinity;
      const tH = this.heap.peekTime();
      const tE = this.engine.nextDueAt() ?? Infinity;
      const t = Math.min(tA, tH, tE);
      if (t === Infinity) {
        this.finish();
        break;
      }
      this.clock.set(t);
      this.events++;
      if (tE <= tH && tE <= tA) this.engine.advance();
      else if (tH <= tA) this.onSimEvent(this.heap.pop());
      else this.arrive(this.cursor++);
    }
    return this.done;
  }

  private finish(): void {
    this.done = true;
    this.agents.close(this.s.intervals * this.s.intervalMinutes * 60);
  }

  private onSimEvent(payload: number): void {
    const i = payload >>> 3;
    switch (payload & 7) {
      case ACCEPT: return this.accept(i);
      case ABANDON: return this.abandon(i);
      case COMPLETE: return this.complete(i);
      case SHIFT_START: return this.agents.shiftStarted(i, this.seconds(this.clock.now()));
      case SHIFT_END: return this.agents.shiftEnded(i, this.seconds(this.clock.now()));
      case RESUME: return this.agents.resume(i);
      default:
    }
  }

  private arrive(c: number): void {
    const t = this.traffic;
    const at = t.at[c] as number;
    const type = t.type[c] as number;
    const tier = t.tier[c] as number;
    const interval = this.tally.intervalOf(at);
    if (interval >= 0) this.tally.arrived(this.typeQueue[type] as number, tier, interval);
    this.state[c] = WAITING;
    this.waited[c] = 1;
    if (this.engine.submit(this.inputOf(c, type, tier)).kind === 'reserved') this.waited[c] = 0;
    const patience = t.patience[c] as number;
    if (patience !== Infinity) this.heap.push(this.ms(at + patience), c * 8 + ABANDON);
  }

  /** The contact as submitted; built as one literal shape so the engine's input checks stay monomorphic. */
  private inputOf(c: number, type: number, tier: number): ContactInput {
    const base = this.inputs[type] as { queueId: string; reason?: string };
    const id = `c${c}`;
    if (tier === 0 && base.reason === undefined) return { id, queueId: base.queueId };
    const valueTier = tier === 0 ? undefined : (this.traffic.tiers[tier] as string);
    if (base.reason === undefined) return { id, queueId: base.queueId, valueTier: valueTier as string };
    return valueTier === undefined ? { id, queueId: base.queueId, reason: base.reason } : { id, queueId: base.queueId, valueTier, reason: base.reason };
  }

  private accept(c: number): void {
    const now = this.clock.now();
    if (this.state[c] !== RINGING || this.acceptAt[c] !== now) return; // the offer timed out meanwhile
    const token = this.token[c] as number;
    this.engine.accept(`R${token}`, token);
    this.state[c] = ACTIVE;
    const wait = this.seconds(now) - (this.traffic.at[c] as number);
    this.end(c, OUTCOME.answered, wait);
    if (this.tally.intervalOf(this.traffic.at[c] as number) >= 0) this.options.onAnswered?.(c, wait);
    this.heap.push(now + (this.traffic.handle[c] as number) * 1000, c * 8 + COMPLETE);
  }

  private complete(c: number): void {
    this.engine.complete(`c${c}`);
    this.state[c] = ENDED;
    const q = this.resQueue[c] as number;
    if (this.queueWrapUp[q] === 0) this.agents.release(this.resAgent[c] as number, this.queueCost[q] as number, this.seconds(this.clock.now()));
  }

  private abandon(c: number): void {
    if (this.state[c] !== WAITING && this.state[c] !== RINGING) return;
    this.engine.abandon(`c${c}`);
    this.end(c, OUTCOME.abandoned, this.seconds(this.clock.now()) - (this.traffic.at[c] as number));
    this.state[c] = ENDED;
  }

  /** Counts how a contact ended (by its arrival interval; warm-up contacts are not counted). */
  private end(c: number, outcome: Outcome, waitS: number): void {
    const at = this.traffic.at[c] as number;
    const interval = this.tally.intervalOf(at);
    if (outcome !== OUTCOME.answered) this.state[c] = ENDED;
    if (interval < 0) return;
    const q = this.typeQueue[this.traffic.type[c] as number] as number;
    this.tally.ended(q, this.traffic.tier[c] as number, interval, outcome, waitS, this.queueThreshold[q] as number, this.waited[c] === 1);
  }

  private onEngineEvent(e: RoutingEvent): void {
    const nowS = this.seconds(e.at);
    switch (e.type) {
      case 'reservation.created': {
        const c = Number(e.contactId.slice(1));
        const a = this.agents.index.get(e.agentId) as number;
        const q = this.queueIndex.get(e.queueId) as number;
        this.state[c] = RINGING;
        this.token[c] = e.token;
        this.resAgent[c] = a;
        this.resQueue[c] = q;
        this.agents.take(a, this.queueCost[q] as number, nowS);
        const at = e.at + this.ringDelay(this.ringRng) * 1000;
        this.acceptAt[c] = at;
        this.heap.push(at, c * 8 + ACCEPT);
        return;
      }
      case 'reservation.timedOut':
      case 'reservation.rejected':
      case 'reservation.cancelled': {
        const c = Number(e.contactId.slice(1));
        this.agents.release(this.resAgent[c] as number, this.queueCost[this.resQueue[c] as number] as number, nowS);
        if (e.type !== 'reservation.cancelled') this.state[c] = WAITING;
        return;
      }
      case 'agent.wrapUpEnded': {
        const c = Number(e.contactId.slice(1));
        this.agents.release(this.resAgent[c] as number, this.queueCost[this.resQueue[c] as number] as number, nowS);
        return;
      }
      case 'contact.expired':
        return this.end(Number(e.contactId.slice(1)), OUTCOME.expired, nowS - (this.traffic.at[Number(e.contactId.slice(1))] as number));
      case 'contact.refused':
        return this.end(Number(e.contactId.slice(1)), OUTCOME.refused, 0);
      case 'agent.paused': {
        const a = this.agents.index.get(e.agentId) as number;
        this.agents.paused(a);
        this.heap.push(e.at + RESUME_MS, a * 8 + RESUME);
        return;
      }
      default:
    }
  }

  /** The KPIs by queue, value tier and interval (complete once `run()` returned true). */
  result(): SimulationResult {
    const queues = this.s.domain.queues ?? [];
    const tiers = this.traffic.tiers;
    return {
      seed: this.s.seed, replication: this.options.replication ?? 0,
      intervalMinutes: this.s.intervalMinutes, intervals: this.s.intervals,
      contacts: this.traffic.count, events: this.events,
      total: this.tally.series(0, true),
      queues: Object.fromEntries(queues.map((q, i) => [q.id, this.tally.series(1 + i, true)])),
      tiers: Object.fromEntries(tiers.map((name, i) => [name, this.tally.series(1 + queues.length + i, false)]).filter(([, v]) => (v as { summary: { offered: number } }).summary.offered > 0)),
    };
  }
}
