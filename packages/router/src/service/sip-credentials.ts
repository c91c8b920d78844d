import { createHmac } from 'node:crypto';
import { ownAgent, requireRole, type Actor } from './access.js';
import type { SipConfig } from './config-schema.js';
import type { ServiceContext } from './context.js';
import { ConfigFileError, type ServiceConfig } from './service-config.js';
import { ServiceError } from './service-errors.js';

/**
 * Where and how an agent's softphone registers (the agent UI's `SipCredentials`): its address of
 * record, the PBX's WebSocket address and, with a shared secret, ephemeral digest credentials.
 */
export interface IssuedSipCredentials {
  readonly uri: string;
  readonly wsUri: string;
  readonly authorizationUser?: string;
  readonly password?: string;
  readonly displayName?: string;
  /** When the password stops working (epoch ms): the phone fetches new credentials before. */
  readonly expiresAt?: number;
}

/** How long issued credentials stay valid unless `sip.ttlSeconds` says otherwise: a 12-hour shift. */
export const DEFAULT_SIP_TTL_SECONDS = 43_200;

/**
 * The user name of ephemeral credentials, as Kamailio's `auth_ephemeral` reads it with its default
 * `username_format` 1: `<expiry, unix seconds>:<SIP user>`. The PBX refuses it once expired, and
 * (with `autheph_check_to` / `autheph_check_from`) for any address but the user's own.
 */
export const ephemeralUsername = (sipUser: string, expiresAtSeconds: number): string => `${expiresAtSeconds}:${sipUser}`;

/** The password of an ephemeral user name: base64(HMAC-SHA1(secret, username)), `auth_ephemeral`'s default `sha_algorithm`. */
export const ephemeralPassword = (secret: string, username: string): string =>
  createHmac('sha1', secret).update(username, 'utf8').digest('base64');

/** The user part of `sip:user@host[;params]`; throws for anything else (a misconfigured `sipUris` entry). */
export function sipUserOf(uri: string): string {
  const m = /^sips?:([^@;?]+)@[^@]+$/.exec(uri);
  if (m?.[1] === undefined) throw new Error(`'${uri}' is not a sip:user@host address`);
  return m[1];
}

/** What a SIP URI's user part holds as it is (RFC 3261: unreserved and user-unreserved, less `;` and `?`, which end it). */
const SIP_USER_CHAR = /[A-Za-z0-9\-_.!~*'()&=+$,/]/;
const SIP_USER = new RegExp(`^${SIP_USER_CHAR.source}+$`);
const NOT_SIP_USER_CHAR = new RegExp(`[^${SIP_USER_CHAR.source.slice(1, -1)}]`, 'gu');

/** An agent id as a SIP user part: anything else (the `@` and `:` an id may hold) %-escaped as UTF-8. */
export function sipUserOfAgent(agentId: string): string {
  return SIP_USER.test(agentId) ? agentId : agentId.replace(NOT_SIP_USER_CHAR, (ch) => encodeURIComponent(ch));
}

/** An agent's address of record: its `sipUris` entry, else `sip:<agent id, escaped>@<sipDomain>` — where the router sends its calls. */
export const agentSipUri = (config: ServiceConfig, agentId: string): string =>
  (Object.hasOwn(config.sipUris, agentId) ? config.sipUris[agentId] : undefined) ?? `sip:${sipUserOfAgent(agentId)}@${config.sipDomain}`;

/**
 * Credentials for the address `uri` issued at `nowMs`. Pure: the same inputs give the same answer.
 *
 * @example
 * issueSipCredentials({ wsUri: 'ws://127.0.0.1:8088', sharedSecret: 's3cret-s3cret-16' }, 'sip:ann@pbx.test', Date.now(), 'Ann');
 * // { uri, wsUri, displayName: 'Ann', authorizationUser: '1767225600:ann', password: '…', expiresAt: 1767225600000 }
 */
export function issueSipCredentials(sip: SipConfig, uri: string, nowMs: number, displayName?: string): IssuedSipCredentials {
  const base = { uri, wsUri: sip.wsUri, ...(displayName === undefined ? {} : { displayName }) };
  if (sip.sharedSecret === undefined) return base;
  const expiresAtSeconds = Math.floor(nowMs / 1000) + (sip.ttlSeconds ?? DEFAULT_SIP_TTL_SECONDS);
  const authorizationUser = ephemeralUsername(sipUserOf(uri), expiresAtSeconds);
  return { ...base, authorizationUser, password: ephemeralPassword(sip.sharedSecret, authorizationUser), expiresAt: expiresAtSeconds * 1000 };
}

/** `GET /v1/me/sip`: an agent's own softphone credentials. SIP_NOT_CONFIGURED without a `sip` section. */
export async function ownSipCredentials(ctx: ServiceContext, actor: Actor): Promise<IssuedSipCredentials> {
  requireRole(actor, 'agent');
  const agentId = ownAgent(actor);
  const sip = ctx.config.sip;
  if (sip === undefined) throw new ServiceError('SIP_NOT_CONFIGURED', 'set sip.wsUri in the configuration or SIP_WS_URI');
  const agent = await ctx.store.getAgent(agentId);
  return issueSipCredentials(sip, agentSipUri(ctx.config, agentId), ctx.now(), agent.name);
}

/**
 * The environment's say over the `sip` section: `SIP_WS_URI` sets (or replaces) its WebSocket
 * address, `SIP_SHARED_SECRET` its secret, so the secret need not sit in a configuration file.
 */
export function withSipEnvironment(config: ServiceConfig, env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const wsUri = env.SIP_WS_URI || undefined;
  const sharedSecret = env.SIP_SHARED_SECRET || undefined;
  if (wsUri === undefined && sharedSecret === undefined) return config;
  const problems: string[] = [];
  if (wsUri !== undefined && !(/^wss?:\/\//.test(wsUri) && URL.canParse(wsUri))) problems.push(`SIP_WS_URI: '${wsUri}' is not a ws:// or wss:// URL`);
  if (sharedSecret !== undefined && sharedSecret.length < 16) problems.push('SIP_SHARED_SECRET: needs at least 16 characters');
  const base = config.sip?.wsUri ?? wsUri;
  if (base === undefined) problems.push('SIP_SHARED_SECRET: set SIP_WS_URI (or sip.wsUri in the configuration) too');
  if (problems.length > 0 || base === undefined) throw new ConfigFileError('the environment', problems);
  return { ...config, sip: { ...config.sip, wsUri: wsUri ?? base, ...(sharedSecret === undefined ? {} : { sharedSecret }) } };
}
