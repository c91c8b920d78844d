import type { Redis } from 'ioredis';
import { RoutingError } from '../../core/errors.js';
import type { EngineReplica } from './replica.js';
import { readSnapshot } from './replay.js';
import { registerScripts, type ScriptCall } from './scripts.js';
import type { DomainKeys } from './store-options.js';

/**
 * Snapshots of a process's engine in Redis, which bound the log: when the log holds
 * `every` entries and this process has applied at least half that many since its last
 * snapshot, it takes one at its position (synchronously, between two entries) and stores it
 * with `log_snapshot`, which trims the log before it. Any process may; the most recent wins.
 */
export class Snapshots {
  private readonly store: ScriptCall;
  private sinceLast = 0;
  private writing = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: DomainKeys,
    private readonly replica: EngineReplica,
    private readonly every: number,
  ) {
    this.store = (registerScripts(redis, ['log_snapshot']) as Record<'log_snapshot', ScriptCall>).log_snapshot;
  }

  /** An entry was applied. */
  applied(): void {
    this.sinceLast++;
  }

  /**
   * The log holds `entries`; this process has applied everything up to `position`, and
   * `events` are the outbox arguments for the events it lacks up to there (see Outbox.args).
   */
  consider(entries: number, position: string, events: () => readonly string[]): void {
    if (entries < this.every || this.sinceLast * 2 < this.every || this.writing || position === '0-0') return;
    this.sinceLast = 0;
    this.writing = true;
    const { time, data } = this.replica.snapshot();
    this.store([this.keys.meta, this.keys.log, this.keys.snap, this.keys.outbox], [position, time, data, ...events(), Math.ceil(this.every / 2)])
      .catch(() => undefined) // the next one will do; the log only grows meanwhile
      .finally(() => {
        this.writing = false;
      });
  }

  /** This process fell behind the trimmed log: continue from the latest snapshot; its position. */
  async restore(): Promise<string> {
    const snap = await readSnapshot(this.redis, this.keys.snap);
    if (snap === undefined) throw new RoutingError('STORE_UNAVAILABLE', 'the log was trimmed but no snapshot is stored');
    this.replica.restore(snap);
    this.sinceLast = 0;
    return snap.id;
  }
}
