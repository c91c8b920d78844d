import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { outboxEvents } from '../../store/redis/outbox-format.js';
import type { RoutingEvent } from '../../core/events.js';
import type { HistoryFeed, HistoryRecorder } from './history-recorder.js';
import type { AppendOptions } from './interaction-history.js';

/** The consumer group every service process of a domain reads the event log in, for the history. */
export const HISTORY_GROUP = 'history';

/** The routing store's event log (its outbox stream) of a domain. */
export const eventLogKey = (domain: string): string => `sb:{${domain}}:events`;

type RawEntry = [id: string, fields: string[]];

/** How a {@link HistoryStreamReader} reads. */
export interface StreamReaderOptions {
  /** Entries another consumer left unacknowledged this long (ms) are taken over. Default 30,000. */
  readonly claimIdleMs?: number;
  /** How long one blocking read waits (ms). Default 200. */
  readonly blockMs?: number;
  /** This consumer's name in the group; default host, process id and a random suffix. */
  readonly consumer?: string;
}

/**
 * Redis mode: this process's share of the domain's event log, through a consumer group. Each
 * event goes to one process of the domain and is acknowledged once recorded; an event a dead or
 * stuck process left pending is taken over after `claimIdleMs` and recorded again, which records
 * nothing new (appends are idempotent by the event's log id). Unlike the outbox's
 * `StreamConsumer`, the loop outlives failures: a read that fails (Redis restarting, the group
 * gone with a Redis that lost its data) is reported, the group re-created, and the read retried.
 */
export class HistoryStreamReader implements HistoryFeed {
  private running = true;
  private done: Promise<void> = Promise.resolve();
  private readonly conn: Redis;
  private readonly consumer: string;

  constructor(
    redis: Redis, private readonly stream: string, private readonly recorder: HistoryRecorder,
    private readonly onError: (e: unknown) => void, private readonly opts: StreamReaderOptions = {},
  ) {
    this.consumer = opts.consumer ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.conn = redis.duplicate({ maxRetriesPerRequest: null });
    this.conn.on('error', () => {}); // reported through the failing reads
    this.done = this.loop();
  }

  /** Redis mode records asynchronously in several processes: nothing to wait for here. */
  idle(): Promise<void> {
    return Promise.resolve();
  }

  /** From XINFO GROUPS (Redis 7): the group's `lag` (entries not read yet) plus its `pending` (read, not acknowledged). */
  async backlog(): Promise<number | undefined> {
    const groups = (await this.conn.xinfo('GROUPS', this.stream)) as unknown[][];
    for (const flat of groups) {
      const f = new Map<unknown, unknown>();
      for (let i = 0; i + 1 < flat.length; i += 2) f.set(flat[i], flat[i + 1]);
      if (f.get('name') !== HISTORY_GROUP) continue;
      const lag = f.get('lag');
      return typeof lag === 'number' ? lag + Number(f.get('pending') ?? 0) : undefined;
    }
    return undefined;
  }

  /**
   * Stops reading: the event being recorded is finished and acknowledged, those read but not
   * begun stay pending for another process. A read hanging in an outage is cut after a grace.
   */
  async stop(): Promise<void> {
    this.running = false;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((r) => { timer = setTimeout(r, (this.opts.blockMs ?? 200) + 1_000); });
    await Promise.race([this.done, grace]);
    clearTimeout(timer);
    this.conn.disconnect();
    await this.done;
  }

  private async loop(): Promise<void> {
    let grouped = false;
    while (this.running) {
      try {
        if (!grouped) grouped = await this.ensureGroup();
        await this.round();
      } catch (e) {
        if (!this.running) return;
        if (String(e).includes('NOGROUP')) grouped = false;
        this.report(e);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Tells `onError`; a reporter that throws must not stop the loop. */
  private report(e: unknown): void {
    try {
      this.onError(e);
    } catch {
      // nothing more to do
    }
  }

  private async ensureGroup(): Promise<true> {
    try {
      await this.conn.xgroup('CREATE', this.stream, HISTORY_GROUP, '0', 'MKSTREAM');
    } catch (e) {
      if (!String(e).includes('BUSYGROUP')) throw e;
    }
    return true;
  }

  /** Takes over entries left pending too long, then reads new ones. */
  private async round(): Promise<void> {
    const claimed = (await this.conn.xautoclaim(this.stream, HISTORY_GROUP, this.consumer, this.opts.claimIdleMs ?? 30_000, '0', 'COUNT', 128)) as [string, Array<RawEntry | null>];
    await this.processAll(claimed[1].filter((raw): raw is RawEntry => raw !== null));
    const res = (await this.conn.xreadgroup('GROUP', HISTORY_GROUP, this.consumer, 'COUNT', 128, 'BLOCK', this.opts.blockMs ?? 200, 'STREAMS', this.stream, '>')) as Array<[string, RawEntry[]]> | null;
    for (const [, entries] of res ?? []) await this.processAll(entries);
  }

  /**
   * Records the events of the entries read together (keyed by their positions) in one batch and
   * acknowledges them in one command. When the batch fails, each entry is recorded on its own, so
   * one that cannot be recorded stays pending, to be taken over later, without holding up the
   * others (recording events again records nothing twice).
   */
  private async processAll(raws: readonly RawEntry[]): Promise<void> {
    if (!this.running || raws.length === 0) return;
    try {
      await this.recorder.recordMany(raws.flatMap(eventsOf));
    } catch {
      // Reported below, by the entry that fails alone.
      for (const raw of raws) await this.process(raw);
      return;
    }
    await this.conn.xack(this.stream, HISTORY_GROUP, ...raws.map(([id]) => id));
  }

  /** {@link processAll} for one entry; when it fails, the entry stays pending. What is not an event is skipped, not retried forever. */
  private async process(raw: RawEntry): Promise<void> {
    if (!this.running) return;
    try {
      await this.recorder.recordMany(eventsOf(raw));
    } catch (err) {
      this.report(err);
      return;
    }
    await this.conn.xack(this.stream, HISTORY_GROUP, raw[0]);
  }
}

/** The events of one outbox entry, each to be recorded once by its position. */
function eventsOf([id, flat]: RawEntry): Array<{ e: RoutingEvent; at: AppendOptions }> {
  const out: Array<{ e: RoutingEvent; at: AppendOptions }> = [];
  for (const { position, event } of outboxEvents(id, flat)) if (event !== undefined) out.push({ e: event, at: { position, key: position } });
  return out;
}
