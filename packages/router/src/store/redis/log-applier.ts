import { RoutingError } from '../../core/errors.js';
import type { EncodedOperation } from './operations.js';
import { afterId, Outbox } from './outbox-buffer.js';
import { BehindSnapshot, entryOf, type LogEntry, type RawEntry } from './log-entry.js';

/** An operation waiting to be sequenced (or a read waiting for the log to be caught up). */
export interface Pending {
  /** The operation; undefined for a read, which only waits for the log to be caught up. */
  readonly encoded: EncodedOperation | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Applies an entry, in log order, and returns the events (JSON text) it caused; `own` (when
 * given) are this process's operations in the entry, to be resolved or rejected with their results.
 */
export type EntrySink = (entry: LogEntry, own?: readonly Pending[]) => string[];

/** A reply of `log_append`: its entry (or ''), time, foreign entries, outbox position, more waiting, log length, server time. */
export type AppendReply = [id: string, time: string, foreign: RawEntry[], outbox: string, more: number, length: number, now: number];

/** How an {@link LogApplier} reaches the engine and the log. */
export interface ApplierOptions {
  /** Log position already applied ('0-0' = none). */
  readonly position: string;
  /** The outbox position known when the process started (events of later entries are its to write). */
  readonly outbox: string;
  readonly sink: EntrySink;
  /** Reads the log entries after `from` and before `to` (both ids), in order; BehindSnapshot if some were trimmed. */
  readonly read: (from: string, to: string, apply: (e: LogEntry) => void) => Promise<void>;
  /** Rebuilds the engine from the latest snapshot; returns the snapshot's position. */
  readonly restore: () => Promise<string>;
  /** Told the log's length after each reply, at a position where a snapshot may be taken (see Snapshots). */
  readonly length: (entries: number, events: () => readonly string[]) => void;
  /** Told Redis's clock (ms) with each reply. */
  readonly serverTime: (ms: number) => void;
}

/**
 * The reading side of a process's copy of the log: it applies every entry once, in log order —
 * entries of other processes, this process's own (resolving their callers), entries read to
 * fill a gap — and keeps the events the outbox lacks. Replies reach it one at a time.
 */
export class LogApplier {
  readonly outbox: Outbox;
  private at: string;

  constructor(private readonly o: ApplierOptions) {
    this.at = o.position;
    this.outbox = new Outbox(o.outbox);
  }

  /** The id of the last entry applied here. */
  get position(): string {
    return this.at;
  }

  /**
   * Applies a reply to a call sent at position `sent` with `batch` (this process's `own`
   * operations); true when the call is done (its batch appended, or the log read to its head).
   * 'behind': the log was trimmed past `sent`: the snapshot is restored (unless an earlier
   * reply did) and the call must be sent again.
   */
  async handle(reply: AppendReply | 'behind', sent: string, batch: string, own: readonly Pending[]): Promise<boolean> {
    if (reply === 'behind') {
      if (this.at === sent) await this.restore();
      return false;
    }
    const [id, t, foreign, outbox, more, length, now] = reply;
    this.o.serverTime(now);
    this.outbox.written(outbox);
    this.o.length(length, () => this.outbox.args(Number.MAX_SAFE_INTEGER));
    for (const raw of foreign) if (afterId(raw[0], this.at)) this.apply(entryOf(raw));
    if (id === '') return more === 0;
    if (more === 1) await this.fillTo(id);
    if (afterId(id, this.at)) this.apply({ id, time: Number(t), batch }, own);
    else {
      // A snapshot restored meanwhile holds this very entry: it happened, but its results are gone.
      const unknown = new RoutingError('STORE_UNAVAILABLE', 'applied, but this process then restored a snapshot that holds it: read the state for the outcome');
      for (const p of own) p.reject(unknown);
    }
    return true;
  }

  /** Applies an entry read from the log directly (opening the store); it must be the next one. */
  apply(entry: LogEntry, own?: readonly Pending[]): void {
    const events = this.o.sink(entry, own);
    this.at = entry.id;
    if (afterId(entry.id, this.outbox.position)) this.outbox.add(entry.id, events);
  }

  /**
   * Applies the entries before `id` that a reply did not carry. Were some trimmed meanwhile, the
   * snapshot is restored (it holds them) and the rest read after it, until nothing is missing.
   */
  private async fillTo(id: string): Promise<void> {
    for (;;) {
      try {
        await this.o.read(this.at, id, (e) => {
          if (afterId(e.id, this.at)) this.apply(e);
        });
        return;
      } catch (e) {
        if (!(e instanceof BehindSnapshot)) throw e;
        await this.restore();
        if (!afterId(id, this.at)) return;
      }
    }
  }

  private async restore(): Promise<void> {
    this.at = await this.o.restore();
    this.outbox.written(this.at);
  }
}
