/**
 * What the service keeps besides routing state, as ports with a memory implementation (one
 * process) and a Redis one (many processes share it). Named for what they hold, not for Redis.
 */

/** Short-lived values shared by the service's processes: event-stream tickets, idempotent answers. */
export interface ExpiringValues {
  /** Stores `value` under `key` for `ttlMs` unless the key holds a value; true when stored. */
  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs`, replacing what is there. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** Reads and deletes in one step (a value can be taken once). */
  take(key: string): Promise<string | undefined>;
}

/** One configuration change: who changed what, from what to what, when. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: 'create' | 'update' | 'delete';
  readonly kind: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Append-only record of configuration changes. */
export interface AuditLog {
  append(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** The newest `limit` entries, newest first. */
  latest(limit: number): Promise<AuditEntry[]>;
}

/** Kinds of configuration document the service keeps for reading back. */
export type DocKind = 'queue' | 'agent' | 'center' | 'policy';

/** The configuration as configured (not normalised): what `GET` returns and the audit log compares. */
export interface ConfigDocs {
  get(kind: DocKind, id: string): Promise<unknown>;
  list(kind: DocKind): Promise<unknown[]>;
  put(kind: DocKind, id: string, doc: unknown): Promise<void>;
  remove(kind: DocKind, id: string): Promise<void>;
  /** Seeds the documents when none exist yet (first start of a domain); true when seeded. */
  seed(docs: ReadonlyArray<{ kind: DocKind; id: string; doc: unknown }>): Promise<boolean>;
}
