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
export { normalizeNumber, type PhoneNumber } from './phone.js';
export { contactIdOfCall, type RouteAnswer, type RouteCallInput } from './route-call.js';
export type { Actor } from './access.js';
export type { AuditEntry } from './ports.js';
export type { CenterConfig, Customer, PbxClient, ServicePolicy, User, Role } from './config-schema.js';
export type { LookupFunction } from './context.js';
export { BUILTIN_LOOKUPS, type IvrReply } from './ivr-sessions.js';
export type { ContactScript } from './scripts.js';
