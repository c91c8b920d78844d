/**
 * The Switchboard service: the routing store behind an HTTP API (Fastify), with auth, live
 * events, metrics and the PBX "route this call" endpoint. Import from `@switchboard/router/service`.
 *
 * @packageDocumentation
 */
export { SwitchboardService, type ServiceOptions } from './switchboard-service.js';
export { buildApp, REDACT, type AppOptions } from '../http/build-app.js';
export { demoConfig, DEMO_CREDENTIALS } from './demo-config.js';
export { validateServiceConfig, parseServiceConfig, ConfigFileError, type ServiceConfig } from './service-config.js';
export { SERVICE_ERRORS, ServiceError, ERROR_CATALOGUE, type ServiceErrorCode, type ErrorCode, type ErrorBody } from './service-errors.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { normalizeNumber, parseNumber, type PhoneNumber } from './phone.js';
export { readCallerNumber, isWithheld, type CallerNumber, type CallerNumberProblem } from './caller-number.js';
export type { CustomerDirectory, CustomerLookup, LookupOutcome, LookupEvent, LookupListener } from './customers/customer-directory.js';
export { MemoryCustomerDirectory } from './customers/memory-customer-directory.js';
export { HttpCrmDirectory, type HttpCrmOptions } from './customers/http-crm-directory.js';
export type { Lead, LeadBook } from './leads/lead.js';
export type { ServiceEvent } from './service-events.js';
export { chooseCenter, regionOf, centerOpen, type CenterChoice } from './routing/follow-the-sun.js';
export { contactIdOfCall, type RouteAnswer, type RouteCallInput, type RoutingNote } from './route-call.js';
export type { Actor } from './access.js';
export type { AuditEntry } from './ports.js';
export type { CenterConfig, RegionConfig, Customer, PbxClient, ServicePolicy, User, Role } from './config-schema.js';
export type { LookupFunction } from './context.js';
export { BUILTIN_LOOKUPS, type IvrReply } from './ivr-sessions.js';
export type { ContactScript } from './scripts.js';
export type { InteractionHistory, AppendOptions, HistoryPage } from './history/interaction-history.js';
export type { HistoryEntry, HistoryDraft, HistoryKind, HistoryDetail, InteractionOutcome } from './history/history-entry.js';
export type { InteractionSummary } from './history/interaction-summary.js';
export { MemoryInteractionHistory } from './history/memory-interaction-history.js';
export { RedisInteractionHistory } from './history/redis-interaction-history.js';
export type { MissingWrapUp, WrapUpNeeds, WrapUpFiling } from './history/wrap-up-rules.js';
export type { ShiftCheck } from './history/wrap-up-desk.js';
export type { WrapUpPolicy } from './config-schema.js';
