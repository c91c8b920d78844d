import { RoutingError } from '../../core/errors.js';
import { LogApplier, type AppendReply, type ApplierOptions, type Pending } from './log-applier.js';
import type { LogEntry } from './log-entry.js';
import { joinBatch, type EncodedOperation } from './operations.js';
import type { Outbox } from './outbox-buffer.js';
import { reach } from './reach.js';
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

/** What {@link DomainLog} needs to reach Redis. */
export interface DomainLogOptions extends ApplierOptions {
  /** `log_append`, on a connection that never sends a call again by itself after a reconnect. */
  readonly append: ScriptCall;
  /** The domain's meta hash, command log and outbox. */
  readonly keys: readonly [meta: string, log: string, outbox: string];
  /** The time to give an entry (tests' injected clock); undefined = Redis server time. */
  readonly time: (() => number) | undefined;
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
  private readonly applier: LogApplier;
  private inFlight = 0;
  private eventsInFlight = false;
  /** Replies are handled in turn, in the order of the calls. */
  private turn: Promise<void> = Promise.resolve();
  private closed = false;
  /** How to fail each call whose reply has not come yet (see abortCalls). */
  private readonly unanswered = new Set<(e: unknown) => void>();

  constructor(private readonly o: DomainLogOptions) {
    this.applier = new LogApplier(o);
  }

  /** The id of the last entry applied here. */
  get position(): string {
    return this.applier.position;
  }

  private get outbox(): Outbox {
    return this.applier.outbox;
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
    this.applier.apply(entry);
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
      if (this.closed) throw new RoutingError('STORE_UNAVAILABLE', 'the store is closed');
      const time = this.o.time === undefined ? '' : this.o.time();
      const sent = this.applier.position;
      const reply = this.call([sent, time, batch, MAX_FOREIGN, ...outboxArgs]);
      reply.catch(() => undefined); // handled in turn below; not an unhandled rejection meanwhile
      outboxArgs = NO_EVENTS;
      const handled = this.turn.then(async () => this.applier.handle(await reply, sent, batch, own));
      this.turn = handled.then(() => undefined, () => undefined);
      if (await handled) {
        for (const p of items) if (p.encoded === undefined) p.resolve(undefined);
        return;
      }
    }
  }

  /**
   * Fails every call whose reply has not come: the connection closed. Such a call may have run
   * in Redis (it is then in the log, and this process applies it when it catches up), so its
   * operations fail with STORE_UNAVAILABLE as with any reply lost; nothing is sent twice.
   */
  abortCalls(): void {
    const e = new RoutingError('STORE_UNAVAILABLE', 'the connection to Redis closed before the reply came: the operation may or may not have been applied');
    for (const fail of this.unanswered) fail(e);
    this.unanswered.clear();
  }

  private async call(args: ReadonlyArray<string | number>): Promise<AppendReply | 'behind'> {
    const sent = reach(() => this.o.append(this.o.keys, args));
    const reply = (await new Promise<unknown>((resolve, reject) => {
      this.unanswered.add(reject);
      sent.then(resolve, reject).finally(() => this.unanswered.delete(reject));
    })) as AppendReply | number;
    if (reply === -4) return 'behind';
    if (reply === -2) throw new RoutingError('CONFIG_INVALID', 'the routing domain is gone from Redis');
    if (reply === -5) throw new RoutingError('STORE_UNAVAILABLE', 'Redis lost log entries this process applied (a restart without every write persisted?): open the store again');
    if (typeof reply === 'number') throw new RoutingError('STORE_UNAVAILABLE', `log append refused (${reply})`);
    return reply;
  }
}
