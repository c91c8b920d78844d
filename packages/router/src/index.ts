/**
 * Switchboard router: the ACD core (queues, pools, priority as head start, reservations,
 * statistics, decision traces), the lifecycle machines and the RoutingStore port.
 *
 * @packageDocumentation
 */
export { RoutingEngine, type SubmitOutcome, type RestoreOptions } from './core/routing-engine.js';
export type { EngineOptions } from './core/domain-state.js';
export { ManualClock, SeededRng, systemClock, seededRng, type Clock, type Rng } from './core/clock.js';
export {
  STRATEGIES, DEFAULT_CHANNELS, DEFAULT_CAPACITY,
  type Strategy, type DomainConfig, type QueueConfig, type AgentConfig, type RequirementStepConfig, type PriorityConfig,
} from './core/config.js';
export type { ContactInput } from './core/contact-input.js';
export { ROUTING_ERRORS, RoutingError, isRoutingError, type RoutingErrorCode } from './core/errors.js';
export type { RoutingEvent, RoutingEventType } from './core/events.js';
export type { QueueStats, AgentStats } from './core/stats.js';
export type { DecisionRecord, TraceCandidate, SkipReason } from './core/trace.js';
export type { ContactView, AgentView, AgentActivity } from './core/views.js';
export type { AgentEligibility, Eligibility } from './core/explain.js';
export type { AgentId, ContactId, QueueId, ReservationId } from './core/ids.js';
export { boostMs } from './core/priority.js';
export type { RoutingStore } from './store/routing-store.js';
export { MemoryRoutingStore } from './store/memory/memory-routing-store.js';
export { RedisRoutingStore, type RedisStoreOptions } from './store/redis/redis-routing-store.js';
export * from './machines/index.js';
