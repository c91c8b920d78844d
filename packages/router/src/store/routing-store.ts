import type { Observable } from 'rxjs';
import type { AgentConfig, QueueConfig } from '../core/config.js';
import type { ContactInput } from '../core/contact-input.js';
import type { RoutingEvent } from '../core/events.js';
import type { AgentEligibility } from '../core/explain.js';
import type { SubmitOutcome } from '../core/routing-engine.js';
import type { AgentStats, QueueStats } from '../core/stats.js';
import type { DecisionRecord } from '../core/trace.js';
import type { AgentView, ContactView } from '../core/views.js';
import type { SkillLevels } from '@switchboard/skills';

/**
 * The routing store port: one routing domain's state and the operations on it, in domain
 * verbs. Every operation is atomic: it either applies completely or rejects with a
 * RoutingError (typed `code`) and changes nothing. Implementations: MemoryRoutingStore
 * (embedded, in-process) and, in service mode, a Redis store with the same contract.
 */
export interface RoutingStore {
  /** Every event of the domain, in order. */
  readonly events: Observable<RoutingEvent>;

  upsertQueue(config: QueueConfig): Promise<void>;
  removeQueue(queueId: string): Promise<void>;
  upsertAgent(config: AgentConfig): Promise<void>;
  removeAgent(agentId: string): Promise<void>;
  setAgentSkills(agentId: string, skills: SkillLevels): Promise<void>;

  loginAgent(agentId: string): Promise<void>;
  logoutAgent(agentId: string): Promise<void>;
  readyAgent(agentId: string): Promise<void>;
  pauseAgent(agentId: string, reason?: string): Promise<void>;

  enqueueContact(input: ContactInput): Promise<SubmitOutcome>;
  acceptReservation(reservationId: string, token: number): Promise<void>;
  rejectReservation(reservationId: string, token: number): Promise<void>;
  completeContact(contactId: string): Promise<void>;
  finishWrapUp(agentId: string, contactId: string): Promise<void>;
  abandonContact(contactId: string): Promise<void>;
  transferContact(contactId: string, queueId: string): Promise<void>;
  /** A supervisor moves a queued contact to another queue of its channel (it keeps its order key). */
  moveContact(contactId: string, queueId: string): Promise<void>;
  requestCallback(contactId: string): Promise<void>;

  /** Fires the timers that are due (ring timeouts, steps, wrap-up ends, callbacks). */
  runDueTimers(): Promise<number>;
  nextDueAt(): Promise<number | undefined>;

  getContact(contactId: string): Promise<ContactView>;
  getAgent(agentId: string): Promise<AgentView>;
  listAgents(): Promise<AgentView[]>;
  listContacts(): Promise<ContactView[]>;
  queueStats(queueId: string): Promise<QueueStats>;
  /** A waiting contact's place in its queue (1 = next) and how many wait there; CONTACT_STATE_INVALID once it is offered or ended. */
  queuePosition(contactId: string): Promise<{ position: number; waiting: number }>;
  agentStats(agentId: string): Promise<AgentStats>;
  decisionTrace(contactId: string): Promise<readonly DecisionRecord[]>;
  explainContact(contactId: string): Promise<AgentEligibility[]>;

  close(): Promise<void>;
}
