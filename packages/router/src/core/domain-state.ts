import { MembershipIndex, SkillCatalogue } from '@switchboard/skills';
import { SeededRng, type Clock, type Rng } from './clock.js';
import { AgentTable } from './agent-table.js';
import { EventHub } from './event-hub.js';
import type { RoutingEvent, RoutingEventType } from './events.js';
import type { AgentRec, ContactRec, QueueRec, ReservationRec } from './records.js';
import { TimerHeap } from './timer-heap.js';
import { TokenTable } from './token-table.js';

/** Engine options. The clock and the RNG are the only sources of time and chance. */
export interface EngineOptions {
  readonly clock: Clock;
  /**
   * Seed of the built-in RNG for weighted-random selection (mulberry32, see {@link SeededRng}).
   * Default: 1.
   */
  readonly seed?: number;
  /**
   * A caller's own RNG instead of the built-in one (then `seed` is ignored). Its state is out of
   * the engine's reach, so such an engine cannot be snapshotted (`SNAPSHOT_UNSUPPORTED`).
   */
  readonly rng?: Rng;
  /** Record a decision trace for every decision (default true). */
  readonly trace?: boolean;
  /** How many ended contacts stay queryable (default 10,000; oldest dropped first). */
  readonly retainEnded?: number;
}

/**
 * All mutable state of one routing domain, shared by the core modules. Not exported from the
 * package: the outside world goes through RoutingEngine.
 */
export class DomainState {
  readonly agents = new Map<string, AgentRec>();
  readonly queues = new Map<string, QueueRec>();
  readonly contacts = new Map<string, ContactRec>();
  /** Current reservations by fencing token (a reservation id is `R` + its token). */
  readonly reservations = new TokenTable<ReservationRec>();
  readonly timers = new TimerHeap();
  /** Epochs and idle keys of the agents, read by the pools on every decision. */
  readonly table = new AgentTable<AgentRec>();
  readonly hub = new EventHub();
  readonly channelIndex = new Map<string, number>();
  channelCost: Int32Array = new Int32Array(0);
  channelNames: string[] = [];
  catalogue: SkillCatalogue;
  membership: MembershipIndex;
  now = 0;
  waitingTotal = 0;
  fencing = 0;
  agentSeq = 0;
  queueSeq = 0;
  contactSeq = 0;
  pushSeq = 0;
  /** The largest longest-idle key (available since) ever filed in a pool. */
  idleHigh = -Infinity;
  readonly ended: string[] = [];
  endedHead = 0;
  readonly clock: Clock;
  /** The built-in RNG whose `next` is `rng`, or undefined when the caller supplied `rng`. */
  readonly seeded: SeededRng | undefined;
  readonly rng: Rng;
  readonly trace: boolean;
  readonly retainEnded: number;

  constructor(catalogue: SkillCatalogue, options: EngineOptions) {
    this.catalogue = catalogue;
    this.membership = new MembershipIndex(catalogue);
    this.clock = options.clock;
    this.seeded = options.rng === undefined ? new SeededRng(options.seed ?? 1) : undefined;
    this.rng = options.rng ?? (this.seeded as SeededRng).next;
    this.trace = options.trace ?? true;
    this.retainEnded = options.retainEnded ?? 10_000;
  }

  /** True when someone listens to events of this type; events are only built then. */
  wants(type: RoutingEventType): boolean {
    return this.hub.wants(type);
  }

  emit(e: RoutingEvent): void {
    this.hub.emit(e);
  }

  setChannels(channels: Readonly<Record<string, { cost: number }>>): void {
    this.channelNames = Object.keys(channels);
    this.channelCost = new Int32Array(this.channelNames.length);
    this.channelNames.forEach((name, i) => {
      this.channelIndex.set(name, i);
      this.channelCost[i] = (channels[name] as { cost: number }).cost;
    });
  }

  /**
   * Forgets the oldest ended contacts beyond the retention bound. An ended contact stays in
   * `contacts` until it is forgotten here (nothing else deletes, and its id cannot be submitted
   * again while it is known), so the id is deleted without looking it up first.
   */
  retire(c: ContactRec): void {
    this.ended[this.ended.length] = c.id;
    while (this.ended.length - this.endedHead > this.retainEnded) {
      this.contacts.delete(this.ended[this.endedHead++] as string);
    }
    if (this.endedHead > 4096 && this.endedHead * 2 > this.ended.length) {
      this.ended.splice(0, this.endedHead);
      this.endedHead = 0;
    }
  }
}
