import type { RoutingStore } from '../store/routing-store.js';
import type { ContactWaiters } from './contact-waiters.js';
import type { CustomerDirectory } from './customers/customer-directory.js';
import type { LeadBook } from './leads/lead.js';
import type { ServiceEventBus } from './service-events.js';
import type { AuditLog, ConfigDocs, ExpiringValues } from './ports.js';
import type { InteractionHistory } from './history/interaction-history.js';
import type { ServiceConfig } from './service-config.js';
import type { TimerPump } from './timer-pump.js';
import type { CompiledIvr } from '@switchboard/ivr';
import type { QueueTimeline } from './timeline/queue-timeline.js';

/** A data lookup an IVR can ask ("is this account overdue?"): an answer string picks the branch. */
export type LookupFunction = (input: string | undefined, ctx: ServiceContext) => Promise<string>;

/** Hooks the service calls so the metrics know what only it sees. */
export interface ServiceObserver {
  /** A routing decision (a contact submitted) took `seconds`. */
  decided(seconds: number, outcome: string): void;
}

/**
 * Everything the service operations use: the routing store and the service's own ports, the
 * startup configuration, the customer directory, and the machinery of long polls and timers.
 */
export interface ServiceContext {
  readonly config: ServiceConfig;
  readonly store: RoutingStore;
  readonly values: ExpiringValues;
  readonly audit: AuditLog;
  readonly docs: ConfigDocs;
  readonly directory: CustomerDirectory;
  readonly waiters: ContactWaiters;
  readonly pump: TimerPump;
  readonly observer: ServiceObserver;
  /** Told of failures of work done in the background of a request (nothing for the caller to answer). */
  readonly onError: (e: unknown) => void;
  /** Wall-clock time in ms (audit entries, tickets). */
  readonly now: () => number;
  /** `memory` (embedded store) or `redis`. */
  readonly mode: 'memory' | 'redis';
  /** The configured IVRs, compiled, by id. */
  readonly ivrs: ReadonlyMap<string, CompiledIvr>;
  /** Data lookups IVRs may ask, by name. */
  readonly lookups: Readonly<Record<string, LookupFunction>>;
  /** Each queue's waiting count and service level by minute, for a day (the wallboard's charts). */
  readonly timeline: QueueTimeline;
  /** Every contact's append-only history (arrival, offers, answer, transfers, wrap-up, end). */
  readonly history: InteractionHistory;
  /** Leads created by calls from unknown numbers. */
  readonly leads: LeadBook;
  /** The service's own events (leads), shared by every process of the domain. */
  readonly bus: ServiceEventBus;
}
