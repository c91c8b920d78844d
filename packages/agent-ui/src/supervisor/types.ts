/**
 * The shapes the supervisor console reads from the service, as its response schemas
 * (`packages/router/src/http/schemas.ts`) publish them. The page talks HTTP only, so these are
 * written down here rather than imported.
 */

/** skill → level 1–5 (a skill left out is level 0). */
export type Levels = Readonly<Record<string, number>>;

/** One (queue, step) pool an agent belongs to: from step `step` on it qualifies for the queue. */
export interface Membership {
  readonly queueId: string;
  readonly step: number;
  readonly score: number;
}

/** What an agent is doing: its presence, or what its assignments make it. */
export type Activity = 'offline' | 'ready' | 'notReady' | 'reserved' | 'busy' | 'wrapUp';

export interface AgentStats {
  readonly agentId: string;
  readonly handled: number;
  readonly missedInARow: number;
  readonly staffedMs: number;
  readonly occupiedMs: number;
  readonly occupancy: number | null;
}

/** A row of the agent grid (`GET /v1/agents`). */
export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly team?: string;
  readonly center?: string;
  readonly presence: string;
  readonly activity: string;
  readonly reason?: string;
  readonly presenceSince: number;
  readonly capacity: number;
  readonly used: number;
  readonly skills: Levels;
  readonly memberships: readonly Membership[];
  readonly assignments: ReadonlyArray<{ readonly contactId: string; readonly queueId: string; readonly phase: string; readonly since: number }>;
  readonly handled: number;
  readonly stats?: AgentStats;
}

/** Live statistics of a queue (`GET /v1/queues/stats`); percentages 0–100, `null` when nothing to divide. */
export interface QueueStats {
  readonly queueId: string;
  readonly waiting: number;
  readonly waitingForPreferred: number;
  readonly longestWaitMs: number;
  readonly readyAgents: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly serviceLevel: number | null;
  readonly serviceLevelTarget: { readonly percent: number; readonly thresholdSeconds: number };
  readonly asaMs: number | null;
  readonly ahtMs: number | null;
  readonly abandonmentRate: number | null;
}

/** A requirement as configured: expression text or its JSON form. */
export type RequirementInput = string | Readonly<Record<string, unknown>>;

export interface StepConfig {
  readonly requirement: RequirementInput;
  readonly afterSeconds: number;
}

export interface PriorityConfig {
  readonly tierBoostSeconds?: Readonly<Record<string, number>>;
  readonly scoreBoostSecondsPerPoint?: number;
  readonly reasonBoostSeconds?: Readonly<Record<string, number>>;
  readonly churnRiskBoostSeconds?: number;
  readonly maxBoostSeconds: number;
}

/** A queue as configured (`GET /v1/config/queues`). */
export interface QueueConfig {
  readonly id: string;
  readonly name?: string;
  readonly channel?: string;
  readonly steps: readonly StepConfig[];
  readonly strategy?: string;
  readonly skillWeights?: Readonly<Record<string, number>>;
  readonly serviceLevel?: { readonly percent: number; readonly thresholdSeconds: number };
  readonly maxWaitSeconds?: number;
  readonly maxLength?: number;
  readonly overflowQueueId?: string;
  readonly ringTimeoutSeconds?: number;
  readonly wrapUpSeconds?: number;
  readonly autoPauseAfterMissed?: number;
  readonly preferredWindowSeconds?: number;
  readonly paused?: boolean;
  readonly priority?: PriorityConfig;
}

export interface SkillDefinition {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
}

/** One configuration change of the audit log (`GET /v1/audit`), newest first. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly kind: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A contact of the supervisor's queues (`GET /v1/contacts`). */
export interface ContactView {
  readonly id: string;
  readonly state: string;
  readonly queueId: string;
  readonly channel: string;
  readonly step: number;
  readonly createdAt: number;
  readonly waitStartedAt: number;
  readonly agentId?: string;
  readonly attributes: { readonly caller?: string; readonly customerId?: string; readonly reason?: string; readonly valueTier?: string };
}

export interface TraceCandidate {
  readonly id: string;
  readonly kind: string;
  readonly pool?: string;
  readonly key?: readonly number[];
  readonly skipped?: string;
}

export interface TraceDecision {
  readonly at: number;
  readonly trigger: string;
  readonly contactId: string;
  readonly queueId: string;
  readonly step: number;
  readonly outcome: string;
  readonly agentId?: string;
  readonly strategy: string;
  readonly candidates: readonly TraceCandidate[];
  readonly score?: { readonly total: number; readonly components: ReadonlyArray<{ readonly skill: string; readonly level: number; readonly weight: number; readonly contribution: number }> };
}

/** A contact's decision trace (`GET /v1/contacts/:id/trace`). */
export interface Trace {
  readonly decisions: readonly TraceDecision[];
  readonly eligibility: ReadonlyArray<{ readonly agentId: string; readonly eligibility: string; readonly memberStep: number; readonly score: number }>;
}

/** Who is logged in and what it supervises (`GET /v1/auth/me`). */
export interface Me {
  readonly id: string;
  readonly role?: string;
  readonly teams?: 'all' | readonly string[];
  readonly queues?: 'all' | readonly string[];
}

/** The supervisor's snapshot on the event stream. */
export interface SupervisorSnapshot {
  readonly agents: readonly AgentView[];
  readonly queues: readonly QueueStats[];
}
