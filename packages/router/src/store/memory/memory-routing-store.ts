import type { Observable } from 'rxjs';
import type { SkillLevels } from '@switchboard/skills';
import type { AgentConfig, DomainConfig, QueueConfig } from '../../core/config.js';
import type { ContactInput } from '../../core/contact-input.js';
import type { EngineOptions } from '../../core/domain-state.js';
import type { RoutingEvent } from '../../core/events.js';
import { RoutingEngine, type SubmitOutcome } from '../../core/routing-engine.js';
import type { RoutingStore } from '../routing-store.js';

/**
 * The embedded store: the routing engine in this process. Operations run synchronously and
 * resolve at once; a bad input rejects with a RoutingError and changes nothing.
 *
 * @example
 * const store = MemoryRoutingStore.create(domainConfig, { clock: systemClock });
 * await store.loginAgent('ann'); await store.readyAgent('ann');
 * const outcome = await store.enqueueContact({ id: 'call-1', queueId: 'sales' });
 */
export class MemoryRoutingStore implements RoutingStore {
  /** The engine behind the store, for embedding code that wants synchronous calls. */
  readonly engine: RoutingEngine;

  private constructor(engine: RoutingEngine) {
    this.engine = engine;
  }

  static create(config: DomainConfig, options: EngineOptions): MemoryRoutingStore {
    return new MemoryRoutingStore(RoutingEngine.create(config, options));
  }

  get events(): Observable<RoutingEvent> {
    return this.engine.events;
  }

  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  upsertQueue(config: QueueConfig) { return this.run(() => this.engine.upsertQueue(config)); }
  removeQueue(queueId: string) { return this.run(() => this.engine.removeQueue(queueId)); }
  upsertAgent(config: AgentConfig) { return this.run(() => this.engine.upsertAgent(config)); }
  removeAgent(agentId: string) { return this.run(() => this.engine.removeAgent(agentId)); }
  setAgentSkills(agentId: string, skills: SkillLevels) { return this.run(() => this.engine.setAgentSkills(agentId, skills)); }
  loginAgent(agentId: string) { return this.run(() => this.engine.login(agentId)); }
  logoutAgent(agentId: string) { return this.run(() => this.engine.logout(agentId)); }
  readyAgent(agentId: string) { return this.run(() => this.engine.ready(agentId)); }
  pauseAgent(agentId: string, reason?: string) { return this.run(() => this.engine.notReady(agentId, reason)); }
  enqueueContact(input: ContactInput): Promise<SubmitOutcome> { return this.run(() => this.engine.submit(input)); }
  acceptReservation(id: string, token: number) { return this.run(() => this.engine.accept(id, token)); }
  rejectReservation(id: string, token: number) { return this.run(() => this.engine.reject(id, token)); }
  completeContact(contactId: string) { return this.run(() => this.engine.complete(contactId)); }
  finishWrapUp(agentId: string, contactId: string) { return this.run(() => this.engine.finishWrapUp(agentId, contactId)); }
  abandonContact(contactId: string) { return this.run(() => this.engine.abandon(contactId)); }
  transferContact(contactId: string, queueId: string) { return this.run(() => this.engine.transfer(contactId, queueId)); }
  queuePosition(contactId: string) { return this.run(() => this.engine.queuePosition(contactId)); }
  moveContact(contactId: string, queueId: string) { return this.run(() => this.engine.move(contactId, queueId)); }
  requestCallback(contactId: string) { return this.run(() => this.engine.requestCallback(contactId)); }
  runDueTimers() { return this.run(() => this.engine.advance()); }
  nextDueAt() { return this.run(() => this.engine.nextDueAt()); }
  getContact(contactId: string) { return this.run(() => this.engine.contact(contactId)); }
  getAgent(agentId: string) { return this.run(() => this.engine.agent(agentId)); }
  listAgents() { return this.run(() => this.engine.agents()); }
  listContacts() { return this.run(() => this.engine.contacts()); }
  queueStats(queueId: string) { return this.run(() => this.engine.queueStats(queueId)); }
  agentStats(agentId: string) { return this.run(() => this.engine.agentStats(agentId)); }
  decisionTrace(contactId: string) { return this.run(() => this.engine.decisions(contactId)); }
  explainContact(contactId: string) { return this.run(() => this.engine.explain(contactId)); }
  close() { return Promise.resolve(); }
}
