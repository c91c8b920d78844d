import type { AuditEntry, AuditLog, ConfigDocs, DocKind, ExpiringValues } from './ports.js';

/** Expiring values in this process (embedded mode). */
export class MemoryExpiringValues implements ExpiringValues {
  private readonly values = new Map<string, { value: string; until: number }>();
  private puts = 0;

  constructor(private readonly now: () => number = Date.now) {}

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((++this.puts & 1023) === 0) this.sweep();
    if (this.live(key) !== undefined) return Promise.resolve(false);
    this.values.set(key, { value, until: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key));
  }

  put(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, { value, until: this.now() + ttlMs });
    return Promise.resolve();
  }

  take(key: string): Promise<string | undefined> {
    const v = this.live(key);
    this.values.delete(key);
    return Promise.resolve(v);
  }

  private live(key: string): string | undefined {
    const e = this.values.get(key);
    if (e === undefined) return undefined;
    if (e.until > this.now()) return e.value;
    this.values.delete(key);
    return undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.values) if (e.until <= now) this.values.delete(k);
  }
}

/** The audit log in this process (embedded mode): lost on restart, like the embedded store; the newest `keep` entries stay. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];
  private seq = 0;

  constructor(private readonly keep = 10_000) {}

  append(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const full = Object.freeze({ id: String(++this.seq), ...entry });
    this.entries.push(full);
    if (this.entries.length > this.keep) this.entries.splice(0, this.entries.length - this.keep);
    return Promise.resolve(full);
  }

  latest(limit: number): Promise<AuditEntry[]> {
    return Promise.resolve(this.entries.slice(-limit).reverse());
  }
}

/** Configuration documents in this process (embedded mode). */
export class MemoryConfigDocs implements ConfigDocs {
  private readonly docs = new Map<DocKind, Map<string, string>>();

  private of(kind: DocKind): Map<string, string> {
    let m = this.docs.get(kind);
    if (m === undefined) this.docs.set(kind, (m = new Map()));
    return m;
  }

  get(kind: DocKind, id: string): Promise<unknown> {
    const s = this.of(kind).get(id);
    return Promise.resolve(s === undefined ? undefined : JSON.parse(s));
  }

  list(kind: DocKind): Promise<unknown[]> {
    return Promise.resolve([...this.of(kind).values()].map((s) => JSON.parse(s) as unknown));
  }

  put(kind: DocKind, id: string, doc: unknown): Promise<void> {
    this.of(kind).set(id, JSON.stringify(doc));
    return Promise.resolve();
  }

  remove(kind: DocKind, id: string): Promise<void> {
    this.of(kind).delete(id);
    return Promise.resolve();
  }

  async seed(docs: ReadonlyArray<{ kind: DocKind; id: string; doc: unknown }>): Promise<boolean> {
    if (this.docs.size > 0) return false;
    for (const d of docs) await this.put(d.kind, d.id, d.doc);
    return true;
  }
}
