import type { Redis } from 'ioredis';
import { share, type Observable } from 'rxjs';
import { systemClock } from '../core/clock.js';
import { isRoutingError } from '../core/errors.js';
import type { RoutingEvent } from '../core/events.js';
import { MemoryRoutingStore } from '../store/memory/memory-routing-store.js';
import { RedisRoutingStore } from '../store/redis/redis-routing-store.js';
import type { RoutingStore } from '../store/routing-store.js';
import { ContactWaiters } from './contact-waiters.js';
import type { LookupFunction, ServiceContext } from './context.js';
import type { CustomerDirectory, LookupListener } from './customers/customer-directory.js';
import { lookupMetrics } from './customers/lookup-metrics.js';
import { openCustomerDirectory } from './customers/open-customer-directory.js';
import { MemoryAuditLog, MemoryConfigDocs, MemoryExpiringValues } from './memory-ports.js';
import { ServiceMetrics } from './metrics.js';
import type { DocKind } from './ports.js';
import { queueIds } from './queries.js';
import { RedisAuditLog, RedisConfigDocs, RedisExpiringValues } from './redis-ports.js';
import { ConfigFileError, type ServiceConfig } from './service-config.js';
import { TimerPump } from './timer-pump.js';
import { MemoryLeadBook } from './leads/memory-lead-book.js';
import { RedisLeadBook } from './leads/redis-lead-book.js';
import { MemoryServiceEventBus, RedisServiceEventBus } from './service-events.js';
import { compileIvr } from '@switchboard/ivr';
import { BUILTIN_LOOKUPS } from './ivr-sessions.js';
import { openInteractionHistory } from './history/open-history.js';
import type { HistoryFeed } from './history/history-recorder.js';
import { MemoryQueueTimeline } from './timeline/memory-queue-timeline.js';
import { RedisQueueTimeline } from './timeline/redis-queue-timeline.js';
import { TimelineSampler } from './timeline/timeline-sampler.js';

/** How to run the service. */
export interface ServiceOptions {
  readonly config: ServiceConfig;
  /** Keep the domain in Redis (shared by every process given the same Redis); else in this process. */
  readonly redis?: Redis;
  /** Reports failures of background work (the timer pump); default: ignored. */
  readonly onError?: (e: unknown) => void;
  /** The service's wall clock (ms) for IVR sessions, audit entries and tickets; default Date.now. Tests pin it. */
  readonly now?: () => number;
  /** Data lookups for IVRs (added to, or replacing, the built-in `accountOverdue`). */
  readonly lookups?: Readonly<Record<string, LookupFunction>>;
  /** The customer directory; default: the one the configuration describes (embedded, customers file, CRM). */
  readonly directory?: CustomerDirectory;
  /** Told of every customer lookup (hit, miss, fallback), besides the metrics: e.g. to log CRM fallbacks. */
  readonly onCustomerLookup?: LookupListener;
}

async function openRedisStore(config: ServiceConfig, redis: Redis): Promise<RoutingStore> {
  const opts = { redis, domain: config.domainId };
  try {
    return await RedisRoutingStore.open(opts);
  } catch (e) {
    if (!isRoutingError(e, 'CONFIG_INVALID')) throw e;
  }
  try {
    return await RedisRoutingStore.create(config.domain, opts);
  } catch (e) {
    if (isRoutingError(e, 'CONFIG_INVALID') && /already exists/.test(e.message)) return RedisRoutingStore.open(opts);
    throw e;
  }
}

/** Every lookup an IVR asks must exist: a misspelled one would silently take the default branch. */
function checkLookups(config: ServiceConfig, lookups: Readonly<Record<string, LookupFunction>>): void {
  const problems: string[] = [];
  config.ivrs.forEach((ivr, i) => {
    for (const [id, n] of Object.entries(ivr.nodes)) {
      if (n.type === 'lookup' && !Object.hasOwn(lookups, n.function)) {
        problems.push(`config.ivrs[${i}].nodes.${id}.function: no lookup '${n.function}' (known: ${Object.keys(lookups).join(', ')})`);
      }
    }
  });
  if (problems.length > 0) throw new ConfigFileError('configuration', problems);
}

function seedDocs(config: ServiceConfig): Array<{ kind: DocKind; id: string; doc: unknown }> {
  return [
    ...(config.domain.queues ?? []).map((doc) => ({ kind: 'queue' as const, id: doc.id, doc })),
    ...(config.domain.agents ?? []).map((doc) => ({ kind: 'agent' as const, id: doc.id, doc })),
    ...config.centers.map((doc) => ({ kind: 'center' as const, id: doc.id, doc })),
    ...config.servicePolicies.map((doc) => ({ kind: 'policy' as const, id: doc.id, doc })),
  ];
}

/**
 * The Switchboard service without its HTTP face: the routing store (embedded, or Redis when
 * given a connection), the service's own data, the timer pump that fires ring timeouts and
 * escalations on time, long-poll waiters and metrics. `buildApp` puts Fastify in front of it.
 *
 * @example
 * const service = await SwitchboardService.open({ config: demoConfig() });
 * const app = await buildApp({ service });
 * await app.listen({ port: 8080 });
 */
export class SwitchboardService {
  private closing: Promise<void> | undefined;

  private constructor(
    readonly ctx: ServiceContext,
    /** Every event of the domain, shared by all listeners of this process. */
    readonly events: Observable<RoutingEvent>,
    readonly metrics: ServiceMetrics,
  ) {}

  static async open(opts: ServiceOptions): Promise<SwitchboardService> {
    const { config, redis } = opts;
    checkLookups(config, { ...BUILTIN_LOOKUPS, ...(opts.lookups ?? {}) });
    let counted: LookupListener | undefined; // the metrics' counter, once they exist
    const directory = opts.directory ?? await openCustomerDirectory(config, { onLookup: (e) => { counted?.(e); opts.onCustomerLookup?.(e); } });
    const memory = redis === undefined ? MemoryRoutingStore.create(config.domain, { clock: systemClock }) : undefined;
    const store = memory ?? await openRedisStore(config, redis as Redis);
    const events = store.events.pipe(share());
    const domain = config.domainId;
    const docs = redis === undefined ? new MemoryConfigDocs() : new RedisConfigDocs(redis, domain);
    await docs.seed(seedDocs(config));
    const onError = opts.onError ?? (() => {});
    const pump = new TimerPump(store, Date.now, redis === undefined ? 1000 : 100, onError);
    const { history, feed } = openInteractionHistory({
      store, events, domain, onError, ...(redis === undefined ? {} : { redis }),
      ...(memory === undefined ? {} : { contactNow: (id: string) => memory.engine.contact(id) }),
    });
    const base = {
      config, store, docs, pump, now: opts.now ?? Date.now, mode: redis === undefined ? 'memory' as const : 'redis' as const,
      values: redis === undefined ? new MemoryExpiringValues() : new RedisExpiringValues(redis, domain),
      audit: redis === undefined ? new MemoryAuditLog() : new RedisAuditLog(redis, domain),
      timeline: redis === undefined ? new MemoryQueueTimeline() : new RedisQueueTimeline(redis, domain),
      directory, history, onError,
      waiters: new ContactWaiters(events),
      lookups: { ...BUILTIN_LOOKUPS, ...(opts.lookups ?? {}) },
      ivrs: new Map(config.ivrs.map((d) => [d.id, compileIvr(d)] as const)),
      leads: redis === undefined ? new MemoryLeadBook() : new RedisLeadBook(redis, domain),
      bus: redis === undefined ? new MemoryServiceEventBus() : new RedisServiceEventBus(redis, domain),
    };
    const metrics = new ServiceMetrics(store, () => queueIds(docs), events, () => feed.backlog());
    counted = lookupMetrics(metrics.registry);
    const service = new SwitchboardService({ ...base, observer: metrics }, events, metrics);
    service.historyFeed = feed;
    service.sampler = new TimelineSampler(store, base.timeline, () => queueIds(docs), base.now);
    pump.start();
    service.sampler.start();
    return service;
  }

  /** True while the store answers (for `/readyz`). */
  async ready(): Promise<boolean> {
    if (this.isClosing) return false;
    try {
      await this.ctx.store.nextDueAt();
      return true;
    } catch {
      return false;
    }
  }

  private draining = false;
  private historyFeed: HistoryFeed | undefined;
  /** Samples the queues into the timeline (the wallboard's day). */
  sampler: TimelineSampler | undefined;

  /** Resolves once the history recorded every event this process took so far (embedded mode: all of them). */
  historyRecorded(): Promise<void> {
    return this.historyFeed?.idle() ?? Promise.resolve();
  }

  /**
   * First step of a graceful shutdown: readiness turns false and long polls end now with the
   * current answer, so requests in flight can finish. Operations still work until close().
   */
  drain(): void {
    this.draining = true;
    this.ctx.waiters.close();
  }

  /** Drains, stops the timer pump and closes the store. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.drain();
      await this.ctx.pump.stop();
      await this.sampler?.stop();
      await this.historyFeed?.stop();
      this.metrics.close();
      await this.ctx.store.close();
    })();
    return this.closing;
  }

  /** True once drain() or close() was called. */
  get isClosing(): boolean {
    return this.draining || this.closing !== undefined;
  }
}
