import { Observable } from 'rxjs';
import { agentOf, removeAgent, setLevels, setPresence, upsertAgent } from './agent-ops.js';
import type { Clock } from './clock.js';
import type { AgentConfig, DomainConfig, QueueConfig } from './config.js';
import { buildDomain } from './build-domain.js';
import { newContact, type ContactInput } from './contact-input.js';
import type { DomainState, EngineOptions } from './domain-state.js';
import { RoutingError } from './errors.js';
import type { RoutingEvent, RoutingEventType } from './events.js';
import { explainContact, type AgentEligibility } from './explain.js';
import * as life from './lifecycle.js';
import { admit, moveWaiting, scheduleWake } from './placement.js';
import { boostMs } from './priority.js';
import { queueOf, removeQueue, upsertQueue } from './queue-ops.js';
import type { ContactRec } from './records.js';
import { step } from './contact-state.js';
import type { AgentStats, QueueStats } from './stats.js';
import { runDue } from './timers.js';
import type { DecisionRecord } from './trace.js';
import { withSkills } from './skill-errors.js';
import { restoreDomain, snapshotDomain } from './snapshot/engine-snapshot.js';
import { agentStats, agentView, contactView, queueStats, type AgentView, type ContactView } from './views.js';
import { isRecord } from './validate.js';
import { toLevelVector, type SkillLevels } from '@switchboard/skills';

/** What happened to a submitted contact. */
export type SubmitOutcome =
  | { readonly kind: 'reserved'; readonly contactId: string; readonly queueId: string; readonly agentId: string; readonly reservationId: string; readonly token: number; readonly deadline: number }
  | { readonly kind: 'queued'; readonly contactId: string; readonly queueId: string; readonly step: number; readonly waiting: number }
  | { readonly kind: 'preferred'; readonly contactId: string; readonly queueId: string; readonly until: number }
  | { readonly kind: 'scheduled'; readonly contactId: string; readonly queueId: string; readonly callbackAt: number }
  | { readonly kind: 'refused'; readonly contactId: string; readonly queueId: string };

/** Options of {@link RoutingEngine.restore}: everything else (trace, retainEnded, RNG state) comes from the snapshot. */
export interface RestoreOptions {
  /** The restored engine's clock; give it the time the snapshot was taken at or later. */
  readonly clock: Clock;
}

/**
 * The ACD of one routing domain, in process. Pure: time comes from the injected clock, chance
 * from the injected RNG; nothing here does I/O or sets a timer. Every operation first fires the
 * timers that fell due (ring timeouts, escalation steps, wrap-up ends, callbacks), validates its
 * input completely, then applies its change; a thrown {@link RoutingError} means nothing changed.
 *
 * @example
 * const clock = new ManualClock(0);
 * const engine = RoutingEngine.create({
 *   skills: [{ id: 'sales' }],
 *   queues: [{ id: 'sales', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }, { requirement: 'sales', afterSeconds: 30 }] }],
 *   agents: [{ id: 'ann', skills: { sales: 4 } }],
 * }, { clock });
 * engine.login('ann'); engine.ready('ann');
 * engine.submit({ id: 'call-1', queueId: 'sales' }); // { kind: 'reserved', agentId: 'ann', … }
 */
export class RoutingEngine {
  private readonly d: DomainState;

  private constructor(d: DomainState) {
    this.d = d;
  }

  /** Builds an engine from a whole domain configuration (validated; throws CONFIG_INVALID & co). */
  static create(config: DomainConfig, options: EngineOptions): RoutingEngine {
    return new RoutingEngine(buildDomain(config, options));
  }

  /**
   * An engine in exactly the state a {@link RoutingEngine.snapshot} string captured, on `clock`:
   * given the same operations and clock as the original from then on, it returns the same
   * results, throws the same errors, emits the same events and answers every query the same,
   * and its own snapshots are the same strings. Listeners are not state: it starts with none.
   * Throws `SNAPSHOT_INVALID` for a string that is not such a snapshot, or of another format
   * version; then nothing is built.
   */
  static restore(snapshot: string, options: RestoreOptions): RoutingEngine {
    return new RoutingEngine(restoreDomain(snapshot, options.clock));
  }

  /**
   * The engine's complete state as a JSON string (versioned: `{"v":1,…}`), for a store to keep
   * so that a process can start from it with {@link RoutingEngine.restore} rather than replay
   * every operation. Changes nothing (due timers are not fired first). Deterministic: the same
   * state gives the same string. Throws `SNAPSHOT_UNSUPPORTED` for an engine built with a
   * caller-supplied `rng` (use `seed`).
   */
  snapshot(): string {
    return snapshotDomain(this.d);
  }

  /** Every event, in the order it happened. Events are only built while someone subscribes. */
  get events(): Observable<RoutingEvent> {
    return listen(this.d, undefined);
  }

  /**
   * Only events of the given types; the engine builds no event objects for types nobody
   * listens to, so a PBX adapter that wants offers pays for offers only.
   */
  eventsOf<T extends RoutingEventType>(...types: T[]): Observable<Extract<RoutingEvent, { type: T }>> {
    return listen(this.d, types) as Observable<Extract<RoutingEvent, { type: T }>>;
  }

  /** Engine time (ms) after the last operation. */
  get now(): number {
    return this.d.now;
  }

  /** Fires due timers up to the clock's current time; returns how many changed something. */
  advance(): number {
    const now = this.d.clock.now();
    return runDue(this.d, now > this.d.now ? now : this.d.now);
  }

  /**
   * Answers a query as of time `t` (statistics such as the longest wait count up to it, as if
   * the engine had just advanced) without firing a timer or changing anything. For replicas of
   * the engine that only move their time when they apply an operation (the Redis store).
   */
  queryAt<T>(t: number, query: (engine: this) => T): T {
    const saved = this.d.now;
    if (t > saved) this.d.now = t;
    try {
      return query(this);
    } finally {
      this.d.now = saved;
    }
  }

  /** When the next timer falls due (ms), if any: a service sets one real timer for it. */
  nextDueAt(): number | undefined {
    return this.d.timers.nextDue();
  }

  // ── configuration ─────────────────────────────────────────────────────────

  /** Adds or replaces a queue (steps, strategy, limits, priority). */
  upsertQueue(config: QueueConfig): void {
    this.advance();
    upsertQueue(this.d, config);
  }

  /** Removes an empty queue that is no overflow target. */
  removeQueue(queueId: string): void {
    this.advance();
    removeQueue(this.d, queueOf(this.d, queueId));
  }

  /** Adds an agent (offline) or updates one. */
  upsertAgent(config: AgentConfig): void {
    this.advance();
    if (!isRecord(config)) throw new RoutingError('INPUT_INVALID', 'agent must be an object');
    upsertAgent(this.d, config);
  }

  /** Removes a logged-out agent holding nothing. */
  removeAgent(agentId: string): void {
    this.advance();
    removeAgent(this.d, agentOf(this.d, agentId));
  }

  /** Replaces an agent's skill levels (supervisor edit): membership is recomputed for this agent only. */
  setAgentSkills(agentId: string, skills: SkillLevels): void {
    this.advance();
    const a = agentOf(this.d, agentId);
    const levels = withSkills(`agent '${a.id}' skills`, () => toLevelVector(this.d.catalogue, skills));
    setLevels(this.d, a, levels);
  }

  // ── agent session ─────────────────────────────────────────────────────────

  login(agentId: string): void {
    this.advance();
    setPresence(this.d, agentOf(this.d, agentId), 'agent.loggedIn', 'login');
  }

  logout(agentId: string): void {
    this.advance();
    setPresence(this.d, agentOf(this.d, agentId), 'agent.loggedOut');
  }

  /** The agent is ready: it takes waiting work at once if any fits, else joins its pools. */
  ready(agentId: string): void {
    this.advance();
    setPresence(this.d, agentOf(this.d, agentId), 'agent.readied');
  }

  /** Not ready with a reason code (break, lunch, training…). Held contacts stay. */
  notReady(agentId: string, reason = 'not-ready'): void {
    this.advance();
    if (typeof reason !== 'string' || reason.length === 0 || reason.length > 64) {
      throw new RoutingError('INPUT_INVALID', 'reason must be a string of 1–64 characters');
    }
    setPresence(this.d, agentOf(this.d, agentId), 'agent.notReadied', reason);
  }

  // ── contacts ──────────────────────────────────────────────────────────────

  /** A contact arrives: offered to an agent at once, or queued, or held for preferred agents. */
  submit(input: ContactInput): SubmitOutcome {
    this.advance();
    const d = this.d;
    const c = newContact(d, input);
    d.contacts.set(c.id, c);
    c.queue.held++;
    if (c.callback && d.wants('callback.requested')) d.emit({ type: 'callback.requested', at: d.now, contactId: c.id, queueId: c.queue.id });
    if (c.callbackAt !== undefined) {
      step(c, 'callback.scheduled');
      scheduleWake(d, c);
      if (d.wants('contact.scheduled')) d.emit({ type: 'contact.scheduled', at: d.now, contactId: c.id, callbackAt: c.callbackAt });
    } else {
      admit(d, c);
    }
    return outcomeOf(c);
  }

  /** The agent answers. The fencing token must be the reservation's current one. */
  accept(reservationId: string, token: number): void {
    this.advance();
    life.accept(this.d, life.currentReservation(this.d, reservationId, token));
  }

  /** The agent declines: the contact keeps its place and is not offered to this agent again. */
  reject(reservationId: string, token: number): void {
    this.advance();
    life.returnContact(this.d, life.currentReservation(this.d, reservationId, token), 'rejected');
  }

  /** The conversation ended: the agent wraps up (the queue's wrap-up time), then is free. */
  complete(contactId: string): void {
    this.advance();
    const c = this.contactRec(contactId);
    if (c.state !== 'active') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only active contacts complete`);
    life.complete(this.d, c);
  }

  /** The agent ends wrap-up early. */
  finishWrapUp(agentId: string, contactId: string): void {
    this.advance();
    life.finishWrapUp(this.d, agentOf(this.d, agentId), contactId);
  }

  /** The customer hung up while waiting or ringing. */
  abandon(contactId: string): void {
    this.advance();
    life.abandon(this.d, this.contactRec(contactId));
  }

  /** The agent transfers an active contact to another queue. */
  transfer(contactId: string, queueId: string): void {
    this.advance();
    const c = this.contactRec(contactId);
    const to = queueOf(this.d, queueId);
    life.transfer(this.d, c, to, boostMs(to.config.priority, c.attributes));
  }

  /** A supervisor moves a queued contact to another queue of its channel; it keeps its place by order key. */
  move(contactId: string, queueId: string): void {
    this.advance();
    const c = this.contactRec(contactId);
    moveWaiting(this.d, c, queueOf(this.d, queueId));
  }

  /** Virtual hold: a queued customer asks to be called back and keeps its place. */
  requestCallback(contactId: string): void {
    this.advance();
    life.requestCallback(this.d, this.contactRec(contactId));
  }

  // ── queries ───────────────────────────────────────────────────────────────

  contact(contactId: string): ContactView {
    return contactView(this.contactRec(contactId));
  }

  agent(agentId: string): AgentView {
    return agentView(this.d, agentOf(this.d, agentId));
  }

  /** Every known contact (waiting, in progress, and the most recent ended ones). */
  contacts(): ContactView[] {
    return [...this.d.contacts.values()].map(contactView);
  }

  agents(): AgentView[] {
    return [...this.d.agents.values()].map((a) => agentView(this.d, a));
  }

  /**
   * A waiting contact's place in its queue: 1 + the contacts of the queue waiting with a
   * smaller (order key, arrival) — those offered before it, agents permitting. O(queue length).
   */
  queuePosition(contactId: string): { position: number; waiting: number } {
    const c = this.contactRec(contactId);
    if (c.state !== 'queued' && c.state !== 'preferred') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${c.id}' is ${c.state}; only waiting contacts have a place`);
    let ahead = 0;
    for (const h of c.queue.waiting) {
      for (const o of h.values()) if (o !== c && (o.orderKey < c.orderKey || (o.orderKey === c.orderKey && o.seq < c.seq))) ahead++;
    }
    return { position: ahead + 1, waiting: c.queue.waitingCount };
  }

  queueIds(): string[] {
    return [...this.d.queues.keys()];
  }

  queueStats(queueId: string): QueueStats {
    return queueStats(this.d, queueOf(this.d, queueId));
  }

  agentStats(agentId: string): AgentStats {
    return agentStats(this.d, agentOf(this.d, agentId));
  }

  /** The recorded decisions about a contact (most recent last). */
  decisions(contactId: string): readonly DecisionRecord[] {
    return this.contactRec(contactId).decisions ?? [];
  }

  /** For a contact, every agent and whether it could take it now, or why not. */
  explain(contactId: string): AgentEligibility[] {
    return explainContact(this.d, this.contactRec(contactId));
  }

  private contactRec(id: unknown): ContactRec {
    const c = typeof id === 'string' ? this.d.contacts.get(id) : undefined;
    if (c === undefined) throw new RoutingError('CONTACT_UNKNOWN', `no contact '${String(id)}'`);
    return c;
  }
}

function listen(d: DomainState, types: readonly RoutingEventType[] | undefined): Observable<RoutingEvent> {
  return new Observable<RoutingEvent>((sub) => d.hub.add(types, sub));
}

function outcomeOf(c: ContactRec): SubmitOutcome {
  const contactId = c.id;
  const queueId = c.queue.id;
  switch (c.state) {
    case 'reserved': {
      const r = c.assignment as NonNullable<ContactRec['assignment']>;
      return { kind: 'reserved', contactId, queueId, agentId: r.agent.id, reservationId: r.id, token: r.token, deadline: r.deadline };
    }
    case 'preferred':
      return { kind: 'preferred', contactId, queueId, until: c.preferredUntil };
    case 'scheduled':
      return { kind: 'scheduled', contactId, queueId, callbackAt: c.callbackAt as number };
    case 'queued':
      return { kind: 'queued', contactId, queueId, step: c.step, waiting: c.queue.waitingCount };
    default:
      return { kind: 'refused', contactId, queueId };
  }
}
