import type { Redis } from 'ioredis';
import { reach } from '../store/redis/reach.js';
import type { AuditEntry, AuditLog, ConfigDocs, DocKind, ExpiringValues } from './ports.js';

/** Keys of the service's own data share the routing domain's hash tag: `sb:{<domain>}:svc|…`. */
export const serviceKey = (domain: string, ...parts: string[]): string => `sb:{${domain}}:svc|${parts.join('|')}`;

/** Expiring values in Redis: every process of the domain sees them; `take` is GETDEL. */
export class RedisExpiringValues implements ExpiringValues {
  constructor(private readonly redis: Redis, private readonly domain: string) {}

  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await reach(() => this.redis.set(serviceKey(this.domain, 'v', key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX'))) === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    return (await reach(() => this.redis.get(serviceKey(this.domain, 'v', key)))) ?? undefined;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await reach(() => this.redis.set(serviceKey(this.domain, 'v', key), value, 'PX', Math.max(1, Math.round(ttlMs))));
  }

  async take(key: string): Promise<string | undefined> {
    return (await reach(() => this.redis.getdel(serviceKey(this.domain, 'v', key)))) ?? undefined;
  }
}

/** The audit log as a Redis Stream (append-only, ordered, kept across restarts; about the newest 100,000 entries). */
export class RedisAuditLog implements AuditLog {
  constructor(private readonly redis: Redis, private readonly domain: string) {}

  async append(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const id = await reach(() => this.redis.xadd(serviceKey(this.domain, 'audit'), 'MAXLEN', '~', 100_000, '*', 'e', JSON.stringify(entry)));
    return { id: id ?? '', ...entry };
  }

  async latest(limit: number): Promise<AuditEntry[]> {
    const rows = await reach(() => this.redis.xrevrange(serviceKey(this.domain, 'audit'), '+', '-', 'COUNT', limit));
    return rows.map(([id, fields]) => ({ id, ...(JSON.parse(fields[1] ?? '{}') as Omit<AuditEntry, 'id'>) }));
  }
}

/** Configuration documents in Redis: one hash per kind, one JSON field per id. */
export class RedisConfigDocs implements ConfigDocs {
  constructor(private readonly redis: Redis, private readonly domain: string) {}

  private key(kind: DocKind): string {
    return serviceKey(this.domain, 'doc', kind);
  }

  async get(kind: DocKind, id: string): Promise<unknown> {
    const s = await reach(() => this.redis.hget(this.key(kind), id));
    return s === null ? undefined : JSON.parse(s);
  }

  async list(kind: DocKind): Promise<unknown[]> {
    return Object.values(await reach(() => this.redis.hgetall(this.key(kind)))).map((s) => JSON.parse(s) as unknown);
  }

  async put(kind: DocKind, id: string, doc: unknown): Promise<void> {
    await reach(() => this.redis.hset(this.key(kind), id, JSON.stringify(doc)));
  }

  async remove(kind: DocKind, id: string): Promise<void> {
    await reach(() => this.redis.hdel(this.key(kind), id));
  }

  async seed(docs: ReadonlyArray<{ kind: DocKind; id: string; doc: unknown }>): Promise<boolean> {
    if ((await this.redis.set(serviceKey(this.domain, 'seeded'), '1', 'NX')) !== 'OK') return false;
    const tx = this.redis.multi();
    for (const d of docs) tx.hset(this.key(d.kind), d.id, JSON.stringify(d.doc));
    await tx.exec();
    return true;
  }
}
