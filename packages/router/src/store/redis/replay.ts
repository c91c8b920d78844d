import type { Redis } from 'ioredis';
import type { DomainConfig } from '../../core/config.js';
import { RoutingError } from '../../core/errors.js';
import { BehindSnapshot, entryOf, type LogEntry } from './log-entry.js';
import { afterId } from './outbox-buffer.js';
import { reach } from './reach.js';

/** What a domain was created with: every process builds its engine from it. */
export interface DomainMeta {
  readonly config: DomainConfig;
  readonly options: { readonly trace: boolean; readonly retainEnded: number };
  /** The engine's time at creation (ms). */
  readonly start: number;
  /** The last log entry whose events the outbox holds ('0-0' = none). */
  readonly outbox: string;
}

/** Reads a domain's creation record; CONFIG_INVALID when there is no such domain. */
export async function readDomain(redis: Redis, metaKey: string, name: string): Promise<DomainMeta> {
  const [config, options, start, outbox] = await reach(() => redis.hmget(metaKey, 'config', 'options', 'start', 'outbox'));
  if (config == null || options == null || start == null) throw new RoutingError('CONFIG_INVALID', `no domain '${name}' in this Redis`);
  return { config: JSON.parse(config) as DomainConfig, options: JSON.parse(options) as DomainMeta['options'], start: Number(start), outbox: outbox ?? '0-0' };
}

/** A snapshot as stored: the log entry it includes, that entry's time, the engine's state. */
export interface StoredSnapshot {
  readonly id: string;
  readonly time: number;
  readonly data: string;
}

/** The domain's latest snapshot, if one was taken. */
export async function readSnapshot(redis: Redis, snapKey: string): Promise<StoredSnapshot | undefined> {
  const [id, time, data] = await reach(() => redis.hmget(snapKey, 'id', 'time', 'data'));
  return id == null || time == null || data == null ? undefined : { id, time: Number(time), data };
}

const CHUNK = 1000;

/**
 * Applies every log entry after `from` (and before `to`, if given), in order, reading the log
 * in chunks; returns the last id applied. Each chunk is read with the domain's `floor` (the
 * last entry a snapshot trimmed) in one transaction: when entries after the position were
 * trimmed before they were read, it throws {@link BehindSnapshot} instead of skipping them.
 */
export async function replayLog(redis: Redis, keys: { readonly meta: string; readonly log: string }, from: string, apply: (e: LogEntry) => void, to?: string): Promise<string> {
  let at = from;
  for (;;) {
    const res = await reach(() => redis.multi().hget(keys.meta, 'floor').xrange(keys.log, `(${at}`, to === undefined ? '+' : `(${to}`, 'COUNT', CHUNK).exec());
    const floor = res?.[0]?.[1] as string | null | undefined;
    const raw = (res?.[1]?.[1] ?? []) as Array<[string, string[]]>;
    if (floor != null && afterId(floor, at)) throw new BehindSnapshot();
    for (const r of raw) {
      const e = entryOf(r);
      apply(e);
      at = e.id;
    }
    if (raw.length < CHUNK) return at;
  }
}
