import type { Redis } from 'ioredis';
import { map, type Observable } from 'rxjs';
import { fromLevelVector, toLevelVector, type SkillLevels } from '@switchboard/skills';
import { agentOf, removeAgent as removeAgentIn, setLevels, upsertAgent as upsertAgentIn } from '../../core/agent-ops.js';
import { queueOf, removeQueue as removeQueueIn, upsertQueue as upsertQueueIn } from '../../core/queue-ops.js';
import { buildDomain } from '../../core/build-domain.js';
import type { AgentConfig, QueueConfig } from '../../core/config.js';
import { withSkills } from '../../core/skill-errors.js';
import { isRecord } from '../../core/validate.js';
import type { Clock } from '../../core/clock.js';
import type { DomainConfig } from '../../core/config.js';
import { contactId, newContact, type ContactInput } from '../../core/contact-input.js';
import type { DomainState } from '../../core/domain-state.js';
import { RoutingError, type RoutingErrorCode } from '../../core/errors.js';
import type { RoutingEvent } from '../../core/events.js';
import type { SubmitOutcome } from '../../core/routing-engine.js';
import { ID_PATTERN } from '../../core/ids.js';
import { boostMs } from '../../core/priority.js';
import type { ContactAttributes } from '../../core/records.js';
import { checkTime } from '../../core/validate.js';
import { layoutOf, membershipOf, poolNames } from './layout.js';
import { reach } from './reach.js';
import { tailStream } from './outbox.js';
import { registerLibrary, type ScriptCall } from './scripts.js';
import { RedisViews } from './views.js';
import type { RoutingStore } from '../routing-store.js';
import type { AgentStats, QueueStats } from '../../core/stats.js';
import type { AgentView, ContactView } from '../../core/views.js';
import type { AgentEligibility } from '../../core/explain.js';
import type { DecisionRecord } from '../../core/trace.js';

const SCRIPTS = ['bootstrap', 'agent_presence', 'enqueue', 'reservation_answer', 'contact_end', 'timers_fire', 'wrap_up_finish', 'contact_move', 'agent_config', 'queue_config'] as const;
type Scripts = Record<(typeof SCRIPTS)[number], ScriptCall>;

export interface RedisStoreOptions {
  readonly redis: Redis;
  /** The routing domain's name: its keys are `sb:{<domain>}:…`. */
  readonly domain: string;
  /** Tests only: an injected clock instead of Redis server time. */
  readonly clock?: Clock;
  /** Record a decision trace for every decision (default true, as the engine). */
  readonly trace?: boolean;
}

/** The configuration changed under this process (another one edited it): reload and retry. */
class StaleConfig extends Error {}

function clockOf(opts: RedisStoreOptions): Clock {
  return opts.clock ?? { now: () => Date.now() };
}

/** The domain's current configuration and its version, as stored by the last edit. */
async function loadConfig(redis: Redis, prefix: string, name: string): Promise<{ version: string; config: DomainConfig }> {
  const [version, config] = await reach(() => redis.hmget(`${prefix}cfg`, 'version', 'config'));
  if (version === null || version === undefined || config === null || config === undefined) {
    throw new RoutingError('CONFIG_INVALID', `no domain '${name}' in this Redis`);
  }
  return { version, config: JSON.parse(config) as DomainConfig };
}

/** The engine's function library on this connection, loaded into Redis now (and again whenever Redis lost it). */
async function loadEngine(redis: Redis): Promise<Scripts> {
  const { load, calls } = registerLibrary(redis, SCRIPTS);
  await reach(load);
  return calls;
}

/** A fencing token as a script argument: anything but a number matches no reservation. */
function tokenArg(token: unknown): string | number {
  return typeof token === 'number' ? token : 'none';
}


/** Negative script results, per operation kind, as RoutingError codes. */
const CODES: Record<string, Partial<Record<number, RoutingErrorCode>>> = {
  agent: { [-2]: 'AGENT_UNKNOWN', [-4]: 'AGENT_STATE_INVALID', [-6]: 'AGENT_BUSY' },
  contact: { [-2]: 'CONTACT_UNKNOWN', [-3]: 'CONTACT_DUPLICATE', [-4]: 'CONTACT_STATE_INVALID' },
  enqueue: { [-2]: 'QUEUE_UNKNOWN', [-3]: 'CONTACT_DUPLICATE' },
  reservation: { [-2]: 'RESERVATION_UNKNOWN', [-5]: 'RESERVATION_STALE' },
  agentConfig: { [-2]: 'AGENT_UNKNOWN', [-4]: 'AGENT_STATE_INVALID', [-6]: 'AGENT_BUSY', [-9]: 'CAPACITY_INVALID' },
  queueConfig: { [-6]: 'QUEUE_NOT_EMPTY' },
  wrapUp: { [-7]: 'AGENT_UNKNOWN', [-2]: 'ASSIGNMENT_UNKNOWN', [-4]: 'CONTACT_STATE_INVALID' },
  move: { [-2]: 'CONTACT_UNKNOWN', [-4]: 'CONTACT_STATE_INVALID', [-7]: 'INPUT_INVALID' },
};

/**
 * The routing store on Redis: several router processes share one routing domain, every state
 * change is one Lua script (atomic, with its events appended to the domain's stream in the same
 * script), and timers live in Redis, so a process that dies loses nothing and its timers still
 * fire. It takes the same decisions and emits the same events as the memory engine
 * (`test/redis/redis-store-parity.test.ts`) and passes the same contract suite. The scripts are
 * one Redis Functions library, loaded on create/open and again whenever Redis lost it. Speed is
 * far from the target yet (about 4,400 decisions/s with 100 in flight): see docs/redis-store.md.
 *
 * @example
 * const redis = new Redis(process.env.REDIS_URL);
 * const store = await RedisRoutingStore.create(domainConfig, { redis, domain: 'acme' }); // first process
 * const other = await RedisRoutingStore.open({ redis: new Redis(process.env.REDIS_URL), domain: 'acme' }); // the others
 * await store.loginAgent('ann'); await store.readyAgent('ann');
 * const outcome = await other.enqueueContact({ id: 'call-1', queueId: 'sales' });
 */
export class RedisRoutingStore implements RoutingStore {
  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly scripts: Scripts,
    private config: DomainConfig,
    private layout: DomainState,
    private readonly clock: Clock | undefined,
    private version: string,
    private readonly startId: string,
  ) {
    this.views = new RedisViews(redis, prefix, layout);
  }

  private views: RedisViews;

  /** Creates a new domain in Redis from its configuration (validated by the core first). */
  static async create(config: DomainConfig, opts: RedisStoreOptions): Promise<RedisRoutingStore> {
    if (!ID_PATTERN.test(opts.domain)) throw new RoutingError('INPUT_INVALID', `domain '${opts.domain}' is not a valid id`);
    const d = buildDomain(config, { clock: clockOf(opts), trace: false });
    const prefix = `sb:{${opts.domain}}:`;
    const scripts = await loadEngine(opts.redis);
    const trace = opts.trace ?? true ? '1' : '0';
    const layout = JSON.stringify(layoutOf(d));
    const res = await reach(() => scripts.bootstrap([prefix], [opts.clock === undefined ? '' : opts.clock.now(), layout, trace, JSON.stringify(config)]));
    if (res === -3) throw new RoutingError('CONFIG_INVALID', `domain '${opts.domain}' already exists in this Redis`);
    return new RedisRoutingStore(opts.redis, prefix, scripts, config, d, opts.clock, String(res), '0-0');
  }

  /**
   * Opens a domain another process created: the configuration (with every live edit so far)
   * comes from Redis, and this process builds its layout from it.
   */
  static async open(opts: RedisStoreOptions): Promise<RedisRoutingStore> {
    if (!ID_PATTERN.test(opts.domain)) throw new RoutingError('INPUT_INVALID', `domain '${opts.domain}' is not a valid id`);
    const prefix = `sb:{${opts.domain}}:`;
    const { version, config } = await loadConfig(opts.redis, prefix, opts.domain);
    const d = buildDomain(config, { clock: clockOf(opts), trace: false });
    const scripts = await loadEngine(opts.redis);
    // This instance's events start where the stream is now.
    const info = (await reach(() => opts.redis.xinfo('STREAM', `${prefix}events`)).catch(() => undefined)) as unknown[] | undefined;
    const at = info?.indexOf('last-generated-id') ?? -1;
    const start = at >= 0 ? String(info?.[at + 1]) : '0-0';
    return new RedisRoutingStore(opts.redis, prefix, scripts, config, d, opts.clock, version, start);
  }

  /** Another process changed the configuration: rebuild the layout from Redis. */
  private async reload(): Promise<void> {
    const { version, config } = await loadConfig(this.redis, this.prefix, this.prefix);
    this.layout = buildDomain(config, { clock: this.clock ?? { now: () => Date.now() }, trace: false });
    this.config = config;
    this.version = version;
    this.views = new RedisViews(this.redis, this.prefix, this.layout);
  }

  /** Runs an operation; if the configuration moved under it, reloads once and runs it again. */
  private async fresh<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof StaleConfig)) throw e;
      await this.reload();
      return fn();
    }
  }

  /** Every event of the domain since it was created, in order. */
  get events(): Observable<RoutingEvent> {
    return tailStream(this.redis, `${this.prefix}events`, { after: this.startId, blockMs: 200 }).pipe(
      map((e) => JSON.parse(e.fields.e as string) as RoutingEvent),
    );
  }

  private time(): string | number {
    return this.clock === undefined ? '' : this.clock.now();
  }

  /** Runs an operation script; a negative result becomes the RoutingError of its kind. */
  private async run(script: ScriptCall, kind: keyof typeof CODES, args: ReadonlyArray<string | number>, subject: string): Promise<unknown> {
    let res = await reach(() => script([this.prefix], [this.version, this.time(), ...args]));
    // A backlog of due timers fires first (in bounded batches), then the operation runs.
    while (res === -8) {
      await this.runDueTimers();
      res = await reach(() => script([this.prefix], [this.version, this.time(), ...args]));
    }
    if (typeof res === 'number' && res < 0) {
      if (res === -1) throw new StaleConfig();
      const code = CODES[kind]?.[res];
      throw new RoutingError(code ?? 'INPUT_INVALID', `${subject}: refused (${code ?? res})`);
    }
    return res;
  }

  private presence(agentId: string, event: string, reason = ''): Promise<void> {
    return this.fresh(() => this.run(this.scripts.agent_presence, 'agent', [String(agentId), event, reason], `agent '${agentId}'`)).then(() => undefined);
  }

  loginAgent(agentId: string): Promise<void> {
    return this.presence(agentId, 'agent.loggedIn', 'login');
  }

  logoutAgent(agentId: string): Promise<void> {
    return this.presence(agentId, 'agent.loggedOut');
  }

  readyAgent(agentId: string): Promise<void> {
    return this.presence(agentId, 'agent.readied');
  }

  pauseAgent(agentId: string, reason = 'not-ready'): Promise<void> {
    if (typeof reason !== 'string' || reason.length === 0 || reason.length > 64) {
      return Promise.reject(new RoutingError('INPUT_INVALID', 'reason must be a string of 1–64 characters'));
    }
    return this.presence(agentId, 'agent.notReadied', reason);
  }

  enqueueContact(input: ContactInput): Promise<SubmitOutcome> {
    return this.fresh(() => this.enqueue(input));
  }

  private async enqueue(input: ContactInput): Promise<SubmitOutcome> {
    const id = contactId(input);
    let c: ReturnType<typeof newContact>;
    let callbackAt: number | '';
    try {
      c = newContact(this.layout, input); // validates everything and computes the head start
      callbackAt = input.callbackAt === undefined ? '' : checkTime(input.callbackAt, 'contact.callbackAt');
    } catch (e) {
      // The engine refuses a known id before looking at the rest of the input; valid input
      // is checked against known ids by the script, without a round trip of its own.
      if ((await reach(() => this.redis.exists(`${this.prefix}c|${id}`))) === 1) throw new RoutingError('CONTACT_DUPLICATE', `contact '${id}' exists`);
      throw e;
    }
    const windowMs = c.preferredUntil - c.queueEnteredAt;
    const args = [c.id, c.queue.id, c.boostMs, JSON.stringify(c.attributes), JSON.stringify(c.preferred), windowMs, callbackAt, JSON.stringify(c.required?.ids ?? []), c.callback ? '1' : ''];
    const res = (await this.run(this.scripts.enqueue, 'enqueue', args, `contact '${c.id}'`)) as [string, string, string, string, string, number, string];
    const [state, queueId, agentId, token, deadline, step, waiting] = res;
    const base = { contactId: c.id, queueId }; // where it is now (it may have overflowed)
    if (state === 'reserved') return { kind: 'reserved', ...base, agentId, reservationId: `R${token}`, token: Number(token), deadline: Number(deadline) };
    if (state === 'queued') return { kind: 'queued', ...base, step: Number(step), waiting: Number(waiting) };
    if (state === 'preferred') return { kind: 'preferred', ...base, until: Number(deadline) };
    if (state === 'scheduled') return { kind: 'scheduled', ...base, callbackAt: Number(deadline) };
    return { kind: 'refused', ...base };
  }

  async acceptReservation(reservationId: string, token: number): Promise<void> {
    await this.fresh(() => this.run(this.scripts.reservation_answer, 'reservation', [String(reservationId), tokenArg(token), 'accept'], `reservation '${reservationId}'`));
  }

  async rejectReservation(reservationId: string, token: number): Promise<void> {
    await this.fresh(() => this.run(this.scripts.reservation_answer, 'reservation', [String(reservationId), tokenArg(token), 'reject'], `reservation '${reservationId}'`));
  }

  async completeContact(contactId: string): Promise<void> {
    await this.fresh(() => this.run(this.scripts.contact_end, 'contact', [String(contactId), 'complete'], `contact '${contactId}'`));
  }

  async abandonContact(contactId: string): Promise<void> {
    await this.fresh(() => this.run(this.scripts.contact_end, 'contact', [String(contactId), 'abandon'], `contact '${contactId}'`));
  }

  async finishWrapUp(agentId: string, contactId: string): Promise<void> {
    await this.fresh(() => this.run(this.scripts.wrap_up_finish, 'wrapUp', [String(agentId), String(contactId)], `agent '${agentId}'`));
  }

  transferContact(contactId: string, queueId: string): Promise<void> {
    return this.fresh(() => this.transfer(contactId, queueId));
  }

  private async transfer(contactId: string, queueId: string): Promise<void> {
    // The same checks in the same order as the engine: the contact, then the queue.
    const attrs = await reach(() => this.redis.hget(`${this.prefix}c|${String(contactId)}`, 'attrs'));
    if (attrs === null) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${contactId}'`);
    const to = queueOf(this.layout, queueId);
    const boost = boostMs(to.config.priority, JSON.parse(attrs) as ContactAttributes);
    await this.run(this.scripts.contact_move, 'move', [String(contactId), 'transfer', to.id, boost], `contact '${contactId}'`);
  }

  moveContact(contactId: string, queueId: string): Promise<void> {
    return this.fresh(async () => {
      // The same checks in the same order as the engine: the contact, then the queue, then the script's.
      const exists = await reach(() => this.redis.exists(`${this.prefix}c|${String(contactId)}`));
      if (exists === 0) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${contactId}'`);
      const to = queueOf(this.layout, queueId);
      await this.run(this.scripts.contact_move, 'move', [String(contactId), 'move', to.id, 0], `contact '${contactId}'`);
    });
  }

  async requestCallback(contactId: string): Promise<void> {
    await this.fresh(() => this.run(this.scripts.contact_move, 'move', [String(contactId), 'callback', '', 0], `contact '${contactId}'`));
  }

  /** Adds an agent (offline) or updates one; skills changes re-file it in its pools. */
  upsertAgent(config: AgentConfig): Promise<void> {
    return this.fresh(async () => {
      if (!isRecord(config)) throw new RoutingError('INPUT_INVALID', 'agent must be an object');
      const id = String(config.id);
      const agents = [...(this.config.agents ?? [])];
      const at = agents.findIndex((a) => a.id === id);
      if (at >= 0) agents[at] = config;
      else agents.push(config);
      await this.editAgent('upsert', id, (d) => void upsertAgentIn(d, config), { ...this.config, agents });
    });
  }

  /** Replaces an agent's skill levels live: pool membership is recomputed for this agent only. */
  setAgentSkills(agentId: string, skills: SkillLevels): Promise<void> {
    return this.fresh(async () => {
      const a = agentOf(this.layout, agentId);
      const levels = withSkills(`agent '${a.id}' skills`, () => toLevelVector(this.layout.catalogue, skills));
      const agents = (this.config.agents ?? []).map((x) => (x.id === a.id ? { ...x, skills } : x));
      await this.editAgent('skills', a.id, (d) => setLevels(d, agentOf(d, a.id), levels), { ...this.config, agents });
    });
  }

  /** Removes a logged-out agent that holds nothing. */
  removeAgent(agentId: string): Promise<void> {
    return this.fresh(async () => {
      const a = agentOf(this.layout, agentId);
      const agents = (this.config.agents ?? []).filter((x) => x.id !== a.id);
      await this.editAgent('remove', a.id, (d) => removeAgentIn(d, agentOf(d, a.id)), { ...this.config, agents });
    });
  }

  /**
   * Applies an agent change: the core computes it on this process's layout (validation,
   * memberships in the core's order), the script applies it to the live state under a new
   * configuration version. If the script refuses, the layout is rebuilt from Redis.
   */
  private async editAgent(op: 'upsert' | 'skills' | 'remove', id: string, change: (d: DomainState) => void, next: DomainConfig): Promise<void> {
    change(this.layout); // throws a RoutingError, changing nothing, on bad input
    const a = this.layout.agents.get(id);
    const mem = (a?.memberships ?? []).map((m) => membershipOf(this.layout, m));
    const payload = {
      op, id, cap: a?.capacity ?? 0, maxch: a === undefined ? [] : Array.from(a.maxPerChannel), weight: a?.weight ?? 1,
      absences: JSON.stringify(a?.absences ?? []), levels: JSON.stringify(a === undefined ? {} : fromLevelVector(this.layout.catalogue, a.levels)),
      mem,
    };
    try {
      const v = await this.run(this.scripts.agent_config, 'agentConfig', [JSON.stringify(payload), JSON.stringify(next)], `agent '${id}'`);
      this.version = String(v);
      this.config = next;
    } catch (e) {
      await this.reload();
      throw e;
    }
  }

  /** Adds or replaces a queue live: its waiting contacts are re-filed under the new steps. */
  upsertQueue(config: QueueConfig): Promise<void> {
    return this.fresh(async () => {
      if (!isRecord(config)) throw new RoutingError('INPUT_INVALID', 'queue must be an object');
      const id = String(config.id);
      const queues = [...(this.config.queues ?? [])];
      const at = queues.findIndex((q) => q.id === id);
      if (at >= 0) queues[at] = config;
      else queues.push(config);
      await this.editQueue('upsert', id, (d) => void upsertQueueIn(d, config), { ...this.config, queues });
    });
  }

  /** Removes an empty queue that is no overflow target. */
  removeQueue(queueId: string): Promise<void> {
    return this.fresh(async () => {
      const q = queueOf(this.layout, queueId);
      // The engine tells a queue that still holds contacts first.
      const held = Number((await reach(() => this.redis.hget(`${this.prefix}q|${q.id}`, 'held'))) ?? 0);
      if (held > 0) throw new RoutingError('QUEUE_NOT_EMPTY', `queue '${q.id}' holds ${held} contact(s)`);
      const queues = (this.config.queues ?? []).filter((x) => x.id !== q.id);
      await this.editQueue('remove', q.id, (d) => removeQueueIn(d, queueOf(d, q.id)), { ...this.config, queues });
    });
  }

  /** Applies a queue change computed by the core on the layout; see {@link editAgent}. */
  private async editQueue(op: 'upsert' | 'remove', id: string, change: (d: DomainState) => void, next: DomainConfig): Promise<void> {
    const involved = new Set([...this.layout.agents.values()].filter((a) => a.memberships.some((m) => m.queue.id === id)).map((a) => a.id));
    const before = this.layout.queues.get(id);
    const oldPools = before === undefined ? [] : poolNames(before);
    change(this.layout); // throws a RoutingError, changing nothing, on bad input
    // Pools to empty: the queue's own, which its members fill again, and shared ones no queue
    // uses any more. A shared pool still in use keeps its entries: they are agents of the same
    // condition, members of every queue that reads it (see poolNames).
    const inUse = new Set([...this.layout.queues.values()].flatMap((q) => poolNames(q)));
    const drop = oldPools.filter((p) => !p.startsWith('=') || !inUse.has(p));
    for (const a of this.layout.agents.values()) if (a.memberships.some((m) => m.queue.id === id)) involved.add(a.id);
    const mems: Record<string, Array<{ queue: string; step: number; score: number }>> = {};
    for (const aid of involved) {
      const a = this.layout.agents.get(aid);
      if (a !== undefined) mems[aid] = a.memberships.map((m) => membershipOf(this.layout, m));
    }
    const q = this.layout.queues.get(id);
    const order = op === 'remove' ? [] : [...this.layout.membership.members(id)].map(([aid]) => aid).filter((aid) => this.layout.agents.has(aid));
    const payload = {
      op, id, cfg: q === undefined ? '{}' : (layoutOf(this.layout).queues.find((x) => x.id === id)?.cfg ?? '{}'),
      order, mems, drop,
    };
    try {
      const v = await this.run(this.scripts.queue_config, 'queueConfig', [JSON.stringify(payload), JSON.stringify(next)], `queue '${id}'`);
      this.version = String(v);
      this.config = next;
    } catch (e) {
      await this.reload();
      throw e;
    }
  }

  /** Fires the timers that are due; returns how many changed something. */
  async runDueTimers(): Promise<number> {
    let total = 0;
    for (;;) {
      const [fired, more] = (await this.fresh(() => this.run(this.scripts.timers_fire, 'contact', [], 'timers'))) as [number, number];
      total += fired;
      if (more === 0) return total;
    }
  }

  /** When the next timer falls due (ms), if any. */
  async nextDueAt(): Promise<number | undefined> {
    const top = await reach(() => this.redis.zrange(`${this.prefix}timers`, 0, 0, 'WITHSCORES'));
    return top[1] === undefined ? undefined : Number(top[1]);
  }

  async getContact(contactId: string): Promise<ContactView> {
    const c = await reach(() => this.views.contact(String(contactId)));
    if (c === undefined) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${contactId}'`);
    return c;
  }

  /** Counted in the queue's waiting sets (score = order key, members `<seq>|<id>`): one pipeline, O(steps · log n). */
  async queuePosition(contactId: string): Promise<{ position: number; waiting: number }> {
    const c = await this.getContact(contactId);
    if (c.state !== 'queued' && c.state !== 'preferred') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only waiting contacts have a place`);
    const steps = this.layout.queues.get(c.queueId)?.config.steps.length ?? 1;
    const pipe = this.redis.pipeline();
    for (let s = 0; s < steps; s++) {
      const key = `${this.prefix}q|${c.queueId}|w|${s}`;
      pipe.zcount(key, '-inf', `(${c.orderKey}`);
      pipe.zrangebyscore(key, c.orderKey, c.orderKey);
    }
    pipe.hget(`${this.prefix}q|${c.queueId}`, 'waiting');
    const res = (await reach(() => pipe.exec())) ?? [];
    let ahead = 0;
    for (let s = 0; s < steps; s++) {
      ahead += Number(res[2 * s]?.[1] ?? 0);
      const ties = (res[2 * s + 1]?.[1] ?? []) as string[];
      for (const m of ties) if (Number(m.slice(0, m.indexOf('|'))) < c.seq) ahead++;
    }
    return { position: ahead + 1, waiting: Number(res[2 * steps]?.[1] ?? 0) };
  }

  async getAgent(agentId: string): Promise<AgentView> {
    const a = await reach(() => this.views.agent(String(agentId)));
    if (a === undefined) throw new RoutingError('AGENT_UNKNOWN', `no agent '${agentId}'`);
    return a;
  }

  listAgents(): Promise<AgentView[]> {
    return reach(() => this.views.agents());
  }

  listContacts(): Promise<ContactView[]> {
    return reach(() => this.views.contacts());
  }

  async queueStats(queueId: string): Promise<QueueStats> {
    const id = queueOf(this.layout, queueId).id;
    return reach(() => this.views.queueStats(id));
  }

  async agentStats(agentId: string): Promise<AgentStats> {
    const st = await reach(() => this.views.agentStats(String(agentId)));
    if (st === undefined) throw new RoutingError('AGENT_UNKNOWN', `no agent '${agentId}'`);
    return st;
  }

  /** The recorded decisions about a contact (most recent last). */
  async decisionTrace(contactId: string): Promise<readonly DecisionRecord[]> {
    const id = String(contactId);
    const [exists, raw] = await reach(() => Promise.all([this.redis.exists(`${this.prefix}c|${id}`), this.redis.lrange(`${this.prefix}t|${id}`, 0, -1)]));
    if (exists === 0) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${contactId}'`);
    return raw.map((r) => JSON.parse(r) as DecisionRecord);
  }

  async explainContact(contactId: string): Promise<AgentEligibility[]> {
    const why = await reach(() => this.views.explain(String(contactId)));
    if (why === undefined) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${contactId}'`);
    return why;
  }

  /** Nothing to release: the connection belongs to the caller. */
  async close(): Promise<void> {}
}
