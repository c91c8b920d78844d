import { ManualClock, RoutingEngine, type DomainConfig } from '@switchboard/router';
import { arrivals, benchDomain, type Arrival } from './fixtures.js';
import { NaiveRouter, type BenchReservation } from './naive-router.js';

/**
 * The steady workload both routers run. One iteration is two decisions:
 *   1. a contact arrives and is reserved to an agent or queued;
 *   2. the oldest conversation ends, and the freed agent takes a waiting contact or goes idle.
 * Every offer is accepted at once (not counted as a decision, but timed with the rest). The
 * contacts in the system (talking or waiting) stay at `busyShare` of the agents, so both kinds of
 * decision keep happening. Simulated time per iteration is chosen so that the average handle
 * time is 5 minutes whatever the number of agents: escalation steps, ring timers and waits
 * happen at the rates a real center of that size would see.
 */

/** Average handle time the workload simulates. */
export const AHT_MS = 300_000;

export const DECISIONS_PER_ITERATION = 2;

/** What a router must do for the workload. */
export interface BenchRouter {
  submit(a: Arrival, id: string, warmUp: boolean): void;
  complete(contactId: string): void;
  /** Offers made since the last call (by arrivals or by freed agents). */
  takeOffers(): BenchReservation[];
  accept(r: BenchReservation): void;
}

/** Drives a router through the workload; `iteration()` is what the benchmark times. */
export class Workload {
  private readonly ring: string[] = [];
  private head = 0;
  private n = 0;
  private readonly stream: Arrival[];
  private completed = 0;
  tookWaiting = 0;
  arrivalsReserved = 0;
  readonly stepMs: number;

  constructor(
    readonly router: BenchRouter,
    readonly clock: ManualClock,
    private readonly busyTarget: number,
  ) {
    this.stream = arrivals(1 << 16);
    this.stepMs = AHT_MS / busyTarget;
  }

  /** Contacts in the system: talking or waiting. */
  get inSystem(): number {
    return this.n - this.completed;
  }

  private get talking(): number {
    return this.ring.length - this.head;
  }

  private acceptOffers(): number {
    const offers = this.router.takeOffers();
    for (const r of offers) {
      this.router.accept(r);
      this.ring.push(r.contactId);
    }
    return offers.length;
  }

  /** Fills the system up to the busy target (not timed). */
  warmUp(): void {
    while (this.inSystem < this.busyTarget) this.arrive(true);
    // Steady traffic before timing (first-fit arrivals for the baseline): one average handle
    // time, capped at 10,000 iterations so the naive baseline can warm up at 100k agents.
    for (let i = 0; i < Math.min(this.busyTarget, 10_000); i++) this.iteration(true);
    this.tookWaiting = 0;
    this.arrivalsReserved = 0;
  }

  private arrive(warm: boolean): void {
    const a = this.stream[this.n & 0xffff] as Arrival;
    this.router.submit(a, `c${this.n++}`, warm);
    this.arrivalsReserved += this.acceptOffers();
  }

  /** One arrival decision and one agent-available decision. */
  iteration(warmUp = false): void {
    this.arrive(warmUp);
    if (this.inSystem > this.busyTarget && this.talking > 0) {
      this.completed++;
      this.router.complete(this.ring[this.head++] as string);
      this.tookWaiting += this.acceptOffers();
      if (this.head > 65_536) {
        this.ring.splice(0, this.head);
        this.head = 0;
      }
    }
    this.clock.advance(this.stepMs);
  }

  /** Times one decision of each kind separately (for latency percentiles), in nanoseconds. */
  timedIteration(out: number[]): void {
    const a = this.stream[this.n & 0xffff] as Arrival;
    let t = process.hrtime.bigint();
    this.router.submit(a, `c${this.n++}`, false);
    out.push(Number(process.hrtime.bigint() - t));
    this.acceptOffers();
    if (this.inSystem > this.busyTarget && this.talking > 0) {
      this.completed++;
      const id = this.ring[this.head++] as string;
      t = process.hrtime.bigint();
      this.router.complete(id);
      out.push(Number(process.hrtime.bigint() - t));
      this.acceptOffers();
    }
    this.clock.advance(this.stepMs);
  }
}

/** The engine behind the workload interface (offers are read from its event stream). */
export function engineRouter(dom: DomainConfig, clock: ManualClock, trace = false): BenchRouter & { engine: RoutingEngine } {
  const engine = RoutingEngine.create(dom, { clock, trace, retainEnded: 1000 });
  const router = routerOf(engine);
  for (const a of dom.agents ?? []) {
    engine.login(a.id);
    engine.ready(a.id);
  }
  return { engine, ...router };
}

/** The workload interface over an engine as it is (agents as they are): offers are read from its event stream. */
export function routerOf(engine: RoutingEngine): BenchRouter {
  let offers: BenchReservation[] = [];
  engine.eventsOf('reservation.created').subscribe((ev) => {
    offers.push({ contactId: ev.contactId, reservationId: ev.reservationId, token: ev.token });
  });
  return {
    submit: (a, id) => void engine.submit({ id, queueId: `q${a.queue}`, valueScore: a.score, ...(a.tier === undefined ? {} : { valueTier: a.tier }) }),
    complete: (id) => engine.complete(id),
    takeOffers: () => {
      const out = offers;
      offers = [];
      return out;
    },
    accept: (r) => engine.accept(r.reservationId, r.token),
  };
}

/** The naive scanning baseline behind the workload interface. */
export function naiveRouter(dom: DomainConfig, clock: ManualClock): BenchRouter {
  const naive = new NaiveRouter(dom, clock);
  let offers: BenchReservation[] = [];
  const note = (r: BenchReservation | undefined) => {
    if (r !== undefined) offers.push(r);
  };
  return {
    submit: (a, id, warm) => note(naive.submit(a, id, warm)),
    complete: (id) => note(naive.complete(id)),
    takeOffers: () => {
      const out = offers;
      offers = [];
      return out;
    },
    accept: (r) => naive.accept(r),
  };
}

/** A warmed-up workload over the benchmark domain for `agents` agents. */
export function makeWorkload(kind: 'engine' | 'naive' | 'engine-traced', agents: number, busyShare = 0.95): Workload {
  const dom = benchDomain(agents);
  const clock = new ManualClock(0);
  const router = kind === 'naive' ? naiveRouter(dom, clock) : engineRouter(dom, clock, kind === 'engine-traced');
  const w = new Workload(router, clock, Math.floor(agents * busyShare));
  w.warmUp();
  return w;
}
