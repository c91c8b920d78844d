import type { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import type { SkillLevels } from '@switchboard/skills';
import { ManualClock, type Clock } from '../../core/clock.js';
import type { AgentConfig, DomainConfig, QueueConfig } from '../../core/config.js';
import type { ContactInput } from '../../core/contact-input.js';
import { RoutingError } from '../../core/errors.js';
import type { RoutingEvent } from '../../core/events.js';
import type { AgentEligibility } from '../../core/explain.js';
import { RoutingEngine, type SubmitOutcome } from '../../core/routing-engine.js';
import type { AgentStats, QueueStats } from '../../core/stats.js';
import type { DecisionRecord } from '../../core/trace.js';
import type { AgentView, ContactView } from '../../core/views.js';
import type { RoutingStore } from '../routing-store.js';
import { DomainLog } from './domain-log.js';
import type { Pending } from './log-applier.js';
import { LogFollower } from './log-follower.js';
import { encodeOperation, type Operation } from './operations.js';
import { reach } from './reach.js';
import { EngineReplica } from './replica.js';
import { registerScripts, type ScriptCall } from './scripts.js';
import { BehindSnapshot, type LogEntry } from './log-entry.js';
import { readDomain, readSnapshot, replayLog } from './replay.js';
import { Snapshots } from './snapshots.js';
import { keysOf, snapshotEveryOf, tokenArg, type DomainKeys, type RedisStoreOptions } from './store-options.js';

export type { RedisStoreOptions } from './store-options.js';

/**
 * The routing store on Redis: several router processes share one routing domain, and nothing is
 * lost when one dies. Redis holds the domain's command log; every state change is one call of
 * the `log_append` script, which sequences it (with the server's time) into the log, and every
 * process applies the log, in order, to its own {@link RoutingEngine}. The engine is
 * deterministic, so each process takes the same decisions, issues the same fencing tokens and
 * emits the same events as the memory store would for the same operations and times. Timers
 * are part of that state: any live process appends a `tick` when one is due, so a dead
 * process's ring timeouts still fire. Under load, the operations waiting while one append is in
 * flight go together in the next entry (group commit). See docs/redis-store.md.
 *
 * @example
 * const redis = new Redis(process.env.REDIS_URL);
 * const store = await RedisRoutingStore.create(domainConfig, { redis, domain: 'acme' }); // first process
 * const other = await RedisRoutingStore.open({ redis: new Redis(process.env.REDIS_URL), domain: 'acme' }); // the others
 * await store.loginAgent('ann'); await store.readyAgent('ann');
 * const outcome = await other.enqueueContact({ id: 'call-1', queueId: 'sales' });
 */
export class RedisRoutingStore implements RoutingStore {
  private readonly log: DomainLog;
  private readonly follower: LogFollower;
  private readonly snapshots: Snapshots;
  /** Redis server time minus this machine's, as last seen (ms): when a timer is due there. */
  private skew = 0;

  /** The connection of this process's log calls (see the constructor). */
  private readonly conn: Redis;

  private constructor(
    redis: Redis,
    keys: DomainKeys,
    private readonly replica: EngineReplica,
    private readonly injected: Clock | undefined,
    position: string,
    outbox: string,
    snapshotEvery: number,
  ) {
    // By default ioredis sends a call again after a reconnect if its reply was lost: an append
    // would then be in the log twice. Not on this connection: a call sent when the connection
    // closes fails (abortCalls; ioredis would drop it silently). Calls made while Redis is away
    // wait or fail as the caller's connection options say (they were never sent).
    this.conn = redis.duplicate({ autoResendUnfulfilledCommands: false });
    this.conn.on('error', () => {}); // seen as failing calls (STORE_UNAVAILABLE)
    this.conn.on('close', () => this.log.abortCalls());
    // This connection does not keep the process alive by itself: the caller's connection does,
    // and the caller decides when to close it.
    this.conn.on('connect', () => this.conn.stream.unref());
    const { log_append: append } = registerScripts(this.conn, ['log_append']) as Record<'log_append', ScriptCall>;
    this.snapshots = new Snapshots(redis, keys, replica, snapshotEvery);
    this.log = new DomainLog({
      append, keys: [keys.meta, keys.log, keys.outbox], position, outbox,
      time: injected === undefined ? undefined : () => injected.now(),
      sink: (e, own) => this.apply(e, own),
      read: async (from, to, apply) => void (await replayLog(redis, keys, from, apply, to)),
      restore: () => this.snapshots.restore(),
      length: (entries, events) => this.snapshots.consider(entries, this.log.position, events),
      serverTime: (ms) => {
        if (injected === undefined) this.skew = ms - Date.now();
      },
    });
    this.follower = new LogFollower(redis, keys.log, () => this.log.position, () => this.log.sync());
  }

  /** Creates a new domain in Redis from its configuration (validated by the core first). */
  static async create(config: DomainConfig, opts: RedisStoreOptions): Promise<RedisRoutingStore> {
    const keys = keysOf(opts.domain);
    const every = snapshotEveryOf(opts);
    const options = { trace: opts.trace ?? true, retainEnded: opts.retainEnded ?? 10_000 };
    RoutingEngine.create(config, { clock: new ManualClock(0), ...options }); // throws CONFIG_INVALID & co, writing nothing
    const { log_create: create } = registerScripts(opts.redis, ['log_create']) as Record<'log_create', ScriptCall>;
    const time = opts.clock === undefined ? '' : opts.clock.now();
    const start = await reach(() => create([keys.meta, keys.log], [time, JSON.stringify(config), JSON.stringify(options)]));
    if (start === -3) throw new RoutingError('CONFIG_INVALID', `domain '${opts.domain}' already exists in this Redis`);
    const replica = EngineReplica.created({ config, options, start: Number(start), outbox: '0-0' });
    const store = new RedisRoutingStore(opts.redis, keys, replica, opts.clock, '0-0', '0-0', every);
    await store.connected();
    return store;
  }

  /**
   * Opens a domain another process created: its engine is restored from the domain's latest
   * snapshot (or built from its configuration), then the log after it is applied.
   */
  static async open(opts: RedisStoreOptions): Promise<RedisRoutingStore> {
    const keys = keysOf(opts.domain);
    const every = snapshotEveryOf(opts);
    for (;;) {
      // The snapshot first: the outbox read after it holds the events of every entry before it.
      const snap = await readSnapshot(opts.redis, keys.snap);
      const meta = await readDomain(opts.redis, keys.meta, opts.domain);
      const replica = snap === undefined ? EngineReplica.created(meta) : EngineReplica.restored(snap);
      const store = new RedisRoutingStore(opts.redis, keys, replica, opts.clock, snap?.id ?? '0-0', meta.outbox, every);
      try {
        await store.connected();
        await replayLog(opts.redis, keys, store.log.position, (e) => store.log.applyEntry(e));
      } catch (e) {
        await store.close();
        if (e instanceof BehindSnapshot) continue; // a newer snapshot trimmed the log meanwhile: start from it
        throw e;
      }
      store.log.writeEvents();
      return store;
    }
  }

  /** Resolves once this process's log connection is up (STORE_UNAVAILABLE after 10 s). */
  private async connected(): Promise<void> {
    if (this.conn.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.conn.once('ready', resolve);
        timer = setTimeout(() => reject(new RoutingError('STORE_UNAVAILABLE', 'no connection to Redis')), 10_000);
      });
    } catch (e) {
      await this.close();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private get engine(): RoutingEngine {
    return this.replica.engine;
  }

  /** Applies one log entry (see EngineReplica.apply), counting it towards the next snapshot. */
  private apply(entry: LogEntry, own: readonly Pending[] | undefined): string[] {
    this.snapshots.applied();
    return this.replica.apply(entry, own);
  }

  /** Every event of the domain, in log order, from the moment of subscribing (as the memory store). */
  get events(): Observable<RoutingEvent> {
    return this.follower.following(this.replica.events);
  }

  private run<T>(op: Operation): Promise<T> {
    try {
      return this.log.submit(encodeOperation(op)) as Promise<T>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Catches up with the log, then reads the engine. */
  private async read<T>(fn: (engine: RoutingEngine) => T): Promise<T> {
    await this.log.sync();
    return this.engine.queryAt(this.now(), fn);
  }

  /** The domain's time as this process sees it now: Redis server time (estimated), or the injected clock. */
  private now(): number {
    return this.injected === undefined ? Date.now() + this.skew : this.injected.now();
  }

  upsertQueue(config: QueueConfig) { return this.run<void>(['upsertQueue', config]); }
  removeQueue(queueId: string) { return this.run<void>(['removeQueue', queueId]); }
  upsertAgent(config: AgentConfig) { return this.run<void>(['upsertAgent', config]); }
  removeAgent(agentId: string) { return this.run<void>(['removeAgent', agentId]); }
  setAgentSkills(agentId: string, skills: SkillLevels) { return this.run<void>(['setAgentSkills', agentId, skills]); }
  loginAgent(agentId: string) { return this.run<void>(['login', agentId]); }
  logoutAgent(agentId: string) { return this.run<void>(['logout', agentId]); }
  readyAgent(agentId: string) { return this.run<void>(['ready', agentId]); }
  pauseAgent(agentId: string, reason?: string) { return this.run<void>(['pause', agentId, reason]); }
  enqueueContact(input: ContactInput) { return this.run<SubmitOutcome>(['enqueue', input]); }
  acceptReservation(reservationId: string, token: number) { return this.run<void>(['accept', reservationId, tokenArg(token)]); }
  rejectReservation(reservationId: string, token: number) { return this.run<void>(['reject', reservationId, tokenArg(token)]); }
  completeContact(contactId: string) { return this.run<void>(['complete', contactId]); }
  finishWrapUp(agentId: string, contactId: string) { return this.run<void>(['finishWrapUp', agentId, contactId]); }
  abandonContact(contactId: string) { return this.run<void>(['abandon', contactId]); }
  transferContact(contactId: string, queueId: string) { return this.run<void>(['transfer', contactId, queueId]); }
  moveContact(contactId: string, queueId: string) { return this.run<void>(['move', contactId, queueId]); }
  requestCallback(contactId: string) { return this.run<void>(['requestCallback', contactId]); }

  /**
   * Fires the timers that are due: catches up with the log, and appends a `tick` when a timer
   * is due by Redis's clock; every process's engine fires them when it applies the tick.
   * Nothing is appended when none is due.
   */
  async runDueTimers(): Promise<number> {
    await this.log.sync();
    const due = this.engine.nextDueAt();
    if (due === undefined || due > this.now()) return 0;
    return this.run<number>(['tick']);
  }

  nextDueAt() { return this.read((e) => e.nextDueAt()); }
  getContact(contactId: string) { return this.read((e): ContactView => e.contact(contactId)); }
  getAgent(agentId: string) { return this.read((e): AgentView => e.agent(agentId)); }
  listAgents() { return this.read((e) => e.agents()); }
  listContacts() { return this.read((e) => e.contacts()); }
  queueStats(queueId: string) { return this.read((e): QueueStats => e.queueStats(queueId)); }
  queuePosition(contactId: string) { return this.read((e) => e.queuePosition(contactId)); }
  agentStats(agentId: string) { return this.read((e): AgentStats => e.agentStats(agentId)); }
  decisionTrace(contactId: string) { return this.read((e): readonly DecisionRecord[] => e.decisions(contactId)); }
  explainContact(contactId: string) { return this.read((e): AgentEligibility[] => e.explain(contactId)); }

  /** Stops following the log; the Redis connection belongs to the caller. */
  async close(): Promise<void> {
    this.follower.close();
    this.log.close();
    this.conn.disconnect();
    this.replica.events.complete();
  }
}
