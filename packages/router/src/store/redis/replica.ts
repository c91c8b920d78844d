import { Subject, type Subscription } from 'rxjs';
import { ManualClock } from '../../core/clock.js';
import type { RoutingEvent } from '../../core/events.js';
import { RoutingEngine } from '../../core/routing-engine.js';
import type { Pending } from './log-applier.js';
import type { LogEntry } from './log-entry.js';
import { applyOperation, splitBatch, type Operation } from './operations.js';
import type { DomainMeta, StoredSnapshot } from './replay.js';

/**
 * This process's copy of a domain's engine: it applies log entries, in order, each at its
 * entry's time, and hands on the events each caused — as JSON text for the outbox, and as
 * objects to the process's listeners. Restoring a snapshot swaps the engine underneath; the
 * listeners stay.
 */
export class EngineReplica {
  /** Every event this replica's engines emit, in order (hot). */
  readonly events = new Subject<RoutingEvent>();
  private engineNow!: RoutingEngine;
  private clock!: ManualClock;
  private subscription: Subscription | undefined;
  private fresh: string[] = [];

  private constructor(engine: RoutingEngine, clock: ManualClock) {
    this.adopt(engine, clock);
  }

  /** A replica of a domain as it was created (no entry applied yet). */
  static created(meta: DomainMeta): EngineReplica {
    const clock = new ManualClock(meta.start);
    return new EngineReplica(RoutingEngine.create(meta.config, { clock, ...meta.options }), clock);
  }

  /** A replica restored from a snapshot (SNAPSHOT_INVALID if it is not one). */
  static restored(snapshot: StoredSnapshot): EngineReplica {
    const clock = new ManualClock(snapshot.time);
    return new EngineReplica(RoutingEngine.restore(snapshot.data, { clock }), clock);
  }

  get engine(): RoutingEngine {
    return this.engineNow;
  }

  /** Continues from a snapshot: the engine is replaced, listeners keep listening. */
  restore(snapshot: StoredSnapshot): void {
    const clock = new ManualClock(snapshot.time);
    this.adopt(RoutingEngine.restore(snapshot.data, { clock }), clock);
  }

  /** The engine's state now, and the time of the last entry applied. */
  snapshot(): { time: number; data: string } {
    return { time: this.clock.now(), data: this.engineNow.snapshot() };
  }

  /**
   * Applies one log entry at its time and returns its events (JSON text). `own` are this
   * process's operations in the entry: each is resolved with what the engine returned, or
   * rejected with what it threw. Others' operations are refused here exactly as they were where
   * they were sent (the same engine in the same state), so errors are dropped.
   */
  apply(entry: LogEntry, own: readonly Pending[] | undefined): string[] {
    this.clock.set(entry.time);
    this.fresh = [];
    if (own !== undefined) {
      for (const p of own) {
        let result: unknown;
        try {
          result = applyOperation(this.engineNow, (p.encoded as { op: Operation }).op);
        } catch (e) {
          p.reject(e);
          continue;
        }
        p.resolve(result);
      }
      return this.fresh;
    }
    for (const op of splitBatch(entry.batch)) {
      try {
        applyOperation(this.engineNow, op);
      } catch {
        // refused, as where it was sent
      }
    }
    return this.fresh;
  }

  private adopt(engine: RoutingEngine, clock: ManualClock): void {
    this.subscription?.unsubscribe();
    this.engineNow = engine;
    this.clock = clock;
    this.subscription = engine.events.subscribe((e) => {
      this.fresh.push(JSON.stringify(e));
      this.events.next(e);
    });
  }
}
