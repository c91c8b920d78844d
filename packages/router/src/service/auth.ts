import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { actorOfUser, type Actor } from './access.js';
import type { User } from './config-schema.js';
import type { ServiceContext } from './context.js';
import { verifyPassword } from './passwords.js';
import { ServiceError } from './service-errors.js';

const TICKET_TTL_MS = 30_000;
// Spent on unknown users too, so a login does not tell which user names exist.
const DUMMY_HASH = 'scrypt:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Checks a user name and password; throws AUTH_INVALID without saying which was wrong. */
export function checkLogin(ctx: ServiceContext, userId: string, password: string): User {
  const user = ctx.config.users.find((u) => u.id === userId);
  const ok = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (user === undefined || !ok) throw new ServiceError('AUTH_INVALID', 'wrong user or password');
  return user;
}

/** The actor of a verified token's subject; a user removed since is refused. */
export function actorOfSubject(ctx: ServiceContext, userId: string): Actor {
  const user = ctx.config.users.find((u) => u.id === userId);
  if (user === undefined) throw new ServiceError('AUTH_INVALID', 'the token names no current user');
  return actorOfUser(user);
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

const keyDigests = new WeakMap<ServiceContext['config'], ReadonlyArray<{ id: string; digest: Buffer }>>();

function pbxDigests(ctx: ServiceContext): ReadonlyArray<{ id: string; digest: Buffer }> {
  let list = keyDigests.get(ctx.config);
  if (list === undefined) keyDigests.set(ctx.config, (list = ctx.config.pbx.map((p) => ({ id: p.id, digest: digest(p.apiKey) }))));
  return list;
}

/**
 * Keys that passed the digest comparison, by configuration: a PBX sends the same key on every
 * request, and hashing it each time was about 2 % of a routed call. Only verified keys are kept
 * (one per configured PBX at most), so wrong guesses neither fill it nor skip the comparison.
 */
const verifiedKeys = new WeakMap<ServiceContext['config'], Map<string, Actor>>();

/** The PBX with this API key (digests compared in constant time); throws AUTH_INVALID. */
export function actorOfApiKey(ctx: ServiceContext, key: string): Actor {
  let verified = verifiedKeys.get(ctx.config);
  if (verified === undefined) verifiedKeys.set(ctx.config, (verified = new Map()));
  const known = verified.get(key);
  if (known !== undefined) return known;
  const d = digest(key);
  const pbx = pbxDigests(ctx).find((p) => timingSafeEqual(p.digest, d));
  if (pbx === undefined) throw new ServiceError('AUTH_INVALID', 'unknown API key');
  const actor: Actor = Object.freeze({ kind: 'pbx', id: pbx.id });
  verified.set(key, actor);
  return actor;
}

/**
 * A PBX's HTTP Basic credentials (`Authorization: Basic base64(<pbx id>:<API key>)`), for SIP
 * servers whose HTTP client sets no custom header (Kamailio's http_client connections).
 */
export function actorOfBasic(ctx: ServiceContext, encoded: string): Actor {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const actor = colon < 0 ? undefined : actorOfApiKey(ctx, text.slice(colon + 1));
  if (actor === undefined || actor.id !== text.slice(0, colon)) throw new ServiceError('AUTH_INVALID', 'Basic credentials are a PBX id and its API key');
  return actor;
}

/** A single-use ticket, valid for 30 s, that lets a browser open the event stream as this user. */
export async function issueTicket(ctx: ServiceContext, actor: Actor): Promise<{ ticket: string; expiresInSeconds: number }> {
  if (actor.kind !== 'user') throw new ServiceError('FORBIDDEN', 'tickets are for users');
  const ticket = randomBytes(24).toString('base64url');
  await ctx.values.putIfAbsent(`ticket|${ticket}`, actor.id, TICKET_TTL_MS);
  return { ticket, expiresInSeconds: TICKET_TTL_MS / 1000 };
}

/** Redeems a ticket once; a second use, an expired or an unknown ticket is TICKET_INVALID. */
export async function redeemTicket(ctx: ServiceContext, ticket: string): Promise<Actor> {
  const userId = /^[A-Za-z0-9_-]{16,64}$/.test(ticket) ? await ctx.values.take(`ticket|${ticket}`) : undefined;
  if (userId === undefined) throw new ServiceError('TICKET_INVALID', 'unknown, used or expired ticket');
  return actorOfSubject(ctx, userId);
}
