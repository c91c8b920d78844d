import { RoutingError } from '../../core/errors.js';
import { reach } from './reach.js';
import { joinBatch, type EncodedOperation } from './operations.js';
import { afterId, Outbox } from './outbox-buffer.js';
import { BehindSnapshot, entryOf, type LogEntry, type RawEntry } from './log-entry.js';
import type { ScriptCall } from './scripts.js';

/** Most operations one log entry carries (a bound on one script's run time). */
const MAX_BATCH = 256;
/** Most entries of other processes one call brings back. */
const MAX_FOREIGN = 512;
/** Calls in flight at once (see DomainLog.kick). */
const MAX_IN_FLIGHT = 2;
/** The outbox arguments of a call that writes no events. */
const NO_EVENTS: readonly string[] = ['', '', ''];
/** How long to wait before trying again to write events after Redis failed (ms). */
const RETRY_MS = 250;

/** An operation waiting to be sequenced (or a read waiting for the log to be caught up). */
export interface Pending {
  readonly encoded: EncodedOperation | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Applies an entry, in log order, and returns the events (JSON text) it caused; `own` (when
 * given) are this process's operations in the entry, to be resolved or rejected with their results.
 */
export type EntrySink = (entry: LogEntry, own?: readonly Pending[]) => string[];

type Reply = [id: string, time: string, foreign: RawEntry[], outbox: string, more: number, length: number];
type AppendReply = number | Reply;

/** What {@link DomainLog} needs to reach Redis. */
export interface DomainLogOptions {
  readonly append: ScriptCall;
  readonly keys: readonly [meta: string, log: string, outbox: string];
  /** The time to give an entry (tests' injected clock); undefined = Redis server time. */
  readonly time: (() => number) | undefined;
  /** Log position already applied ('0-0' = none). */
  readonly position: string;
  /** The outbox position known when the process started (events of later entries are its to write). */
  readonly outbox: string;
  readonly sink: EntrySink;
  /** Reads the log entries after `from` and before `to` (both ids), in order. */
  readonly read: (from: string, to: string, apply: (e: LogEntry) => void) => Promise<void>;
  /**
   * Entries this process needs were trimmed (it fell behind a snapshot): rebuild the engine
   * from the snapshot and return the snapshot's position.
   */
  readonly restore: () => Promise<string>;
  /**
   * Told the log's length (entries) after each call, at a position where a snapshot may be
   * taken, with the outbox arguments of the events the outbox lacks up to that position.
   */
  readonly length: (entries: number, events: () => readonly string[]) => void;
}

/**
 * The client side of a domain's command log: group commit. Operations are queued; while one
 * append is in flight the next ones wait and then go together as one entry, so one script call
 * sequences many decisions under load and a lone operation is not delayed. Every call brings
 * back what other processes appended since this process's position, which is applied first:
 * the local engine applies the whole log, in order. Every call also carries the events of the
 * entries applied here that the outbox does not hold yet. An operation resolves once it is in
 * the log and applied here; its events follow in this process's next call (made at once when
 * nothing else is queued) — or, should it die first, in another process's (see Outbox).
 */
export class DomainLog {
  private readonly queue: Pending[] = [];
  private readonly outbox: Outbox;
  private inFlight = 0;
  private eventsInFlight = false;
  /** Replies are handled in turn, in the order of the calls. */
  private turn: Promise<void> = Promise.resolve();
  private closed = false;
  private positionId: string;

  constructor(private readonly o: DomainLogOptions) {
    this.positionId = o.position;
    this.outbox = new Outbox(o.outbox);
  }

  /** The id of the last entry applied here. */
  get position(): string {
    return this.positionId;
  }

  /** Sequences one operation; resolves with what the engine returned when it applied it. */
  submit(encoded: EncodedOperation): Promise<unknown> {
    return new Promise((resolve, reject) => this.enqueue({ encoded, resolve, reject }));
  }

  /** Resolves once every entry appended before this call has been applied here. */
  sync(): Promise<void> {
    return new Promise<unknown>((resolve, reject) => this.enqueue({ encoded: undefined, resolve, reject })).then(() => undefined);
  }

  /** Applies an entry read from the log directly (opening the store); it must be the next one. */
  applyEntry(entry: LogEntry): void {
    this.apply(entry);
  }

  /** Writes the events the outbox lacks now, in the background (after opening: those of entries no process wrote). */
  writeEvents(): void {
    this.kick();
  }

  /** Stops writing; operations still queued fail with STORE_UNAVAILABLE. */
  close(): void {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new RoutingError('STORE_UNAVAILABLE', 'the store is closed'));
  }

  private enqueue(p: Pending): void {
    if (this.closed) {
      p.reject(new RoutingError('STORE_UNAVAILABLE', 'the store is closed'));
      return;
    }
    this.queue.push(p);
    this.kick();
  }

  /**
   * Starts calls while there is work: up to {@link MAX_IN_FLIGHT} at once, so this process
   * prepares and applies one batch while Redis runs the other. Replies come back in order on
   * the connection; each applies the entries after the position it finds (see {@link send}).
   */
  private kick(): void {
    while (!this.closed && this.inFlight < MAX_IN_FLIGHT && (this.queue.length > 0 || (this.inFlight === 0 && this.outbox.unwritten))) {
      const items = this.queue.splice(0, MAX_BATCH);
      const events = this.eventsInFlight ? undefined : this.outbox.args();
      if (events !== undefined && events[0] !== '') this.eventsInFlight = true;
      this.inFlight++;
      this.send(items, events ?? NO_EVENTS).then(
        () => this.done(events),
        (e: unknown) => {
          for (const p of items) p.reject(e);
          this.done(events, true);
        },
      );
    }
  }

  /** A call ended; after a failure, unwritten events wait a little before the next try (Redis may be away). */
  private done(events: readonly string[] | undefined, failed = false): void {
    this.inFlight--;
    if (events !== undefined && events[0] !== '') this.eventsInFlight = false;
    if (!failed || this.queue.length > 0) this.kick();
    else if (this.inFlight === 0) setTimeout(() => this.kick(), RETRY_MS).unref();
  }

  /**
   * One call: the outbox written as far as applied, the log caught up, the batch appended and
   * applied. Replies are handled one at a time, in the order of the calls; entries this
   * process applied meanwhile (another call's reply came first) are skipped: every entry is
   * applied once, in log order.
   */
  private async send(items: readonly Pending[], events: readonly string[]): Promise<void> {
    const own = items.filter((p) => p.encoded !== undefined);
    const batch = joinBatch(own.map((p) => (p.encoded as EncodedOperation).text));
    let outboxArgs = events;
    for (;;) {
      const time = this.o.time === undefined ? '' : this.o.time();
      const sent = this.positionId;
      const reply = this.call([sent, time, batch, MAX_FOREIGN, ...outboxArgs]);
      reply.catch(() => undefined); // handled in turn below; not an unhandled rejection meanwhile
      outboxArgs = NO_EVENTS;
      const handled = this.turn.then(async () => this.handle(await reply, sent, batch, own));
      this.turn = handled.then(() => undefined, () => undefined);
      if (await handled) {
        for (const p of items) if (p.encoded === undefined) p.resolve(undefined);
        return;
      }
    }
  }

  private async call(args: ReadonlyArray<string | number>): Promise<Reply | 'behind'> {
    const reply = (await reach(() => this.o.append(this.o.keys, args))) as AppendReply;
    if (reply === -4) return 'behind';
    if (reply === -2) throw new RoutingError('CONFIG_INVALID', 'the routing domain is gone from Redis');
    if (typeof reply === 'number') throw new RoutingError('STORE_UNAVAILABLE', `log append refused (${reply})`);
    return reply;
  }

  /** Applies a reply; true when the call is done (its batch appended, or the log read to its head). */
  private async handle(reply: Reply | 'behind', sent: string, batch: string, own: readonly Pending[]): Promise<boolean> {
    if (reply === 'behind') {
      // Nothing was appended. Restore the snapshot, unless an earlier reply already did.
      if (this.positionId === sent) await this.restore();
      return false;
    }
    const [id, t, foreign, outbox, more, length] = reply;
    this.outbox.written(outbox);
    this.o.length(length, () => this.outbox.args(Number.MAX_SAFE_INTEGER));
    for (const raw of foreign) if (afterId(raw[0], this.positionId)) this.apply(entryOf(raw));
    if (id === '') return more === 0;
    if (more === 1) {
      // More entries came before this one than a reply carries: read them first. Were some
      // trimmed meanwhile (BehindSnapshot), the snapshot is restored: it includes them.
      try {
        await this.o.read(this.positionId, id, (e) => {
          if (afterId(e.id, this.positionId)) this.apply(e);
        });
      } catch (e) {
        if (!(e instanceof BehindSnapshot)) throw e;
        await this.restore();
        if (afterId(this.positionId, id)) {
          // The snapshot includes this very entry: its operations happened, but their results are gone.
          const unknown = new RoutingError('STORE_UNAVAILABLE', 'applied, but this process then restored a snapshot past it: read the state for the outcome');
          for (const p of own) p.reject(unknown);
          return true;
        }
      }
    }
    this.apply({ id, time: Number(t), batch }, own);
    return true;
  }

  private async restore(): Promise<void> {
    this.positionId = await this.o.restore();
    this.outbox.written(this.positionId);
  }

  private apply(entry: LogEntry, own?: readonly Pending[]): void {
    const events = this.o.sink(entry, own);
    this.positionId = entry.id;
    if (afterId(entry.id, this.outbox.position)) this.outbox.add(entry.id, events);
  }
}
