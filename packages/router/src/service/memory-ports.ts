import type { AuditEntry, AuditLog, ConfigDocs, DocKind, ExpiringValues } from './ports.js';

/** How many stored values each put checks for expiry (more than one, so the sweep outpaces the puts). */
const SWEEP_PER_PUT = 2;

/**
 * Expiring values in this process (embedded mode). Expired values are invisible at once and
 * swept a few at a time: every put checks the next {@link SWEEP_PER_PUT} values, round and
 * round, so an expired value goes within one round and the map holds at most about twice the
 * live values, at a constant cost per put (a full scan every 1,024 puts was O(values), and
 * idempotent answers are kept for an hour).
 */
export class MemoryExpiringValues implements ExpiringValues {
  private readonly values = new Map<string, { value: string; until: number }>();
  private sweeping = this.values.entries();

  constructor(private readonly now: () => number = Date.now) {}

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.sweep();
    if (this.live(key) !== undefined) return Promise.resolve(false);
    this.values.set(key, { value, until: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.live(key));
  }

  put(key: string, value: string, ttlMs: number): Promise<void> {
    this.sweep();
    this.values.set(key, { value, until: this.now() + ttlMs });
    return Promise.resolve();
  }

  take(key: string): Promise<string | undefined> {
    const v = this.live(key);
    this.values.delete(key);
    return Promise.resolve(v);
  }

  /** Values held, expired ones not swept yet included. */
  get size(): number {
    return this.values.size;
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
    for (let i = 0; i < SWEEP_PER_PUT; i++) {
      let next = this.sweeping.next();
      if (next.done === true) {
        this.sweeping = this.values.entries(); // a finished round: start the next one
        next = this.sweeping.next();
        if (next.done === true) return;
      }
      const [key, e] = next.value;
      if (e.until <= now) this.values.delete(key);
    }
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
