import type { Redis } from 'ioredis';
import { Observable } from 'rxjs';

/** One entry of a domain's event stream: its stream id and its fields. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

type RawEntry = [id: string, fields: string[]];
type RawRead = Array<[stream: string, entries: RawEntry[]]> | null;

function entryOf([id, flat]: RawEntry): StreamEntry {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
  return { id, fields };
}

export interface TailOptions {
  /** Start after this id; `'$'` (default) = only entries added from now on, `'0'` = from the start. */
  readonly after?: string;
  /** How long one blocking read waits before it is re-issued (ms). Default 1000. */
  readonly blockMs?: number;
  /** Entries per read. Default 512. */
  readonly count?: number;
}

const RETRY_MS = 250;

/**
 * Every entry of a stream, in order, as it is appended: what each store instance uses to feed
 * its `events` Observable (every instance sees every event). Each subscription reads on its
 * own duplicate connection (a blocking read holds its connection) and closes it on unsubscribe.
 * While Redis is unreachable the tail waits and reads on from where it was: no entry is
 * skipped or repeated, and the subscriber sees no error (a service's event feed outlives an outage).
 */
export function tailStream(redis: Redis, stream: string, opts: TailOptions = {}): Observable<StreamEntry> {
  return new Observable<StreamEntry>((sub) => {
    const conn = redis.duplicate({ maxRetriesPerRequest: null });
    conn.on('error', () => {}); // reported through the failing read below, not as an unhandled event
    let last = opts.after ?? '$';
    let closed = false;
    const loop = async () => {
      if (last === '$') {
        // Resolve '$' once, so entries added between two reads are not skipped.
        const info = (await conn.xinfo('STREAM', stream).catch(() => undefined)) as unknown[] | undefined;
        const i = info?.indexOf('last-generated-id') ?? -1;
        last = i >= 0 ? String(info?.[i + 1]) : '0';
      }
      while (!closed) {
        let res: RawRead;
        try {
          res = (await conn.xread('COUNT', opts.count ?? 512, 'BLOCK', opts.blockMs ?? 1000, 'STREAMS', stream, last)) as RawRead;
        } catch {
          // Redis is away (restart, network): keep the place and read again once it is back.
          await new Promise((r) => setTimeout(r, RETRY_MS));
          continue;
        }
        for (const [, entries] of res ?? []) {
          for (const raw of entries) {
            const e = entryOf(raw);
            last = e.id;
            if (!closed) sub.next(e);
          }
        }
      }
    };
    loop().catch((err: unknown) => {
      if (!closed) sub.error(err);
    });
    return () => {
      closed = true;
      conn.disconnect();
    };
  });
}

export interface GroupOptions {
  /** Entries a consumer left unacknowledged this long (ms) are claimed by another. Default 30,000. */
  readonly claimIdleMs?: number;
  /** How long one blocking read waits (ms); also how often pending entries are checked. Default 1000. */
  readonly blockMs?: number;
  /** Entries per read or claim. Default 128. */
  readonly count?: number;
}

/**
 * Work that must happen once per event across all router processes (delivering an offer to the
 * connection its agent is on, a webhook): a consumer group on the stream. Each entry goes to one
 * consumer and is acknowledged after its handler resolves; entries a consumer left pending
 * longer than `claimIdleMs` (it died, or hangs) are claimed with XAUTOCLAIM by a live one and
 * handled again — at-least-once, so handlers must be idempotent (entries carry their stream id).
 */
export class StreamConsumer {
  private conn: Redis | undefined;
  private running = false;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly group: string,
    readonly consumer: string,
    private readonly opts: GroupOptions = {},
  ) {}

  /** Creates the group if it does not exist (reading from the stream's start). */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (e) {
      if (!String(e).includes('BUSYGROUP')) throw e;
    }
  }

  /** Starts consuming; `handle` is awaited for each entry before it is acknowledged. */
  async start(handle: (e: StreamEntry) => Promise<void>): Promise<void> {
    await this.ensureGroup();
    this.conn = this.redis.duplicate({ maxRetriesPerRequest: null });
    this.conn.on('error', () => {}); // reported through the failing commands, not as an unhandled event
    this.running = true;
    this.done = this.loop(this.conn, handle);
  }

  /** Stops after the current read; unacknowledged entries stay pending for others to claim. */
  async stop(): Promise<void> {
    this.running = false;
    this.conn?.disconnect();
    await this.done.catch(() => undefined);
  }

  private async loop(conn: Redis, handle: (e: StreamEntry) => Promise<void>): Promise<void> {
    const count = this.opts.count ?? 128;
    while (this.running) {
      for (const e of await this.claim(conn, count)) await this.process(conn, e, handle);
      const res = (await conn.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', count, 'BLOCK', this.opts.blockMs ?? 1000, 'STREAMS', this.stream, '>')) as RawRead;
      for (const [, entries] of res ?? []) for (const raw of entries) await this.process(conn, entryOf(raw), handle);
    }
  }

  /** Entries other consumers left pending too long, now ours. */
  private async claim(conn: Redis, count: number): Promise<StreamEntry[]> {
    const res = (await conn.xautoclaim(this.stream, this.group, this.consumer, this.opts.claimIdleMs ?? 30_000, '0', 'COUNT', count)) as [string, Array<RawEntry | null>, string[]?];
    // Entries deleted from the stream meanwhile come back as null: nothing to handle.
    return res[1].filter((x): x is RawEntry => x !== null).map(entryOf);
  }

  /** Handles and acknowledges one entry; a handler that fails leaves it pending, to be claimed again. */
  private async process(conn: Redis, e: StreamEntry, handle: (e: StreamEntry) => Promise<void>): Promise<void> {
    if (!this.running) return;
    try {
      await handle(e);
    } catch {
      return;
    }
    await conn.xack(this.stream, this.group, e.id);
  }
}
