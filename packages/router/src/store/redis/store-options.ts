import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import { RoutingError } from '../../core/errors.js';
import { ID_PATTERN } from '../../core/ids.js';

/** How a process creates or opens a domain in Redis. */
export interface RedisStoreOptions {
  readonly redis: Redis;
  /** The routing domain's name: its keys are `sb:{<domain>}:…`. */
  readonly domain: string;
  /** Tests only: an injected clock instead of Redis server time. */
  readonly clock?: Clock;
  /** Record a decision trace for every decision (default true, as the engine). Set by the process that creates the domain. */
  readonly trace?: boolean;
  /** How many ended contacts stay queryable (default 10,000). Set by the process that creates the domain. */
  readonly retainEnded?: number;
  /**
   * Once the log holds this many entries (default 200,000), this process keeps a snapshot of
   * its engine in Redis and the log before it is trimmed: a process that opens the domain then
   * restores it and applies only what came after. Taking one blocks the process (about 0.6 s
   * at 10,000 agents); 0 = this process never takes one (leave it to another, e.g. one that
   * serves no calls).
   */
  readonly snapshotEvery?: number;
}

/** A fencing token for the log: anything but a number (a symbol cannot be stored) matches no reservation, as in the engine. */
export function tokenArg(token: unknown): number {
  return typeof token === 'number' ? token : Number.NaN;
}

/** A domain's keys, all under its `{domain}` hash tag. */
export interface DomainKeys {
  readonly meta: string;
  readonly log: string;
  readonly outbox: string;
  readonly snap: string;
}

/** The domain's keys, under one hash tag: meta hash, command log, outbox (events) and snapshot; INPUT_INVALID for a bad name. */
export function keysOf(domain: string): DomainKeys {
  if (typeof domain !== 'string' || !ID_PATTERN.test(domain)) throw new RoutingError('INPUT_INVALID', `domain '${String(domain)}' is not a valid id`);
  const p = `sb:{${domain}}:`;
  return { meta: `${p}meta`, log: `${p}log`, outbox: `${p}events`, snap: `${p}snap` };
}

/** `snapshotEvery` checked; Infinity for 0 (never). INPUT_INVALID for anything else but a positive integer. */
export function snapshotEveryOf(opts: RedisStoreOptions): number {
  const n = opts.snapshotEvery ?? 200_000;
  if (!Number.isInteger(n) || n < 0) throw new RoutingError('INPUT_INVALID', 'snapshotEvery must be an integer >= 0');
  return n === 0 ? Number.POSITIVE_INFINITY : n;
}
