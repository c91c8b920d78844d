import type { RoutingStore } from '../store/routing-store.js';

/** How long pokes are gathered before the pump re-plans (ms). */
const REPLAN_MS = 5;

/** How the pump reports a failed run (the store was unreachable, say); it keeps going. */
export type PumpErrorHandler = (e: unknown) => void;

/**
 * Fires the store's due timers (ring timeouts, escalation steps, wrap-up ends, max waits,
 * callbacks) on time: it sleeps until the next due time, at most `maxSleepMs` (so timers set
 * by other processes sharing a Redis domain are seen), and is woken early by `poke()` after an
 * operation that may have set an earlier timer. Every process of a domain runs one; the store
 * makes sure each timer fires once.
 */
export class TimerPump {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private poked = false;
  private wakeAt = 0;

  constructor(
    private readonly store: RoutingStore,
    private readonly now: () => number,
    private readonly maxSleepMs: number,
    private readonly onError: PumpErrorHandler,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /**
   * Re-plans soon: an operation may have set an earlier timer. Pokes within a few milliseconds
   * share one re-plan, so a busy service does not run the pump once per request.
   */
  poke(): void {
    if (this.running !== undefined) this.poked = true;
    else if (this.wakeAt > this.now() + REPLAN_MS) this.schedule(REPLAN_MS);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.wakeAt = this.now() + ms;
    this.timer = setTimeout(() => { this.running = this.tick().finally(() => { this.running = undefined; }); }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let sleep = this.maxSleepMs;
    try {
      await this.store.runDueTimers();
      const next = await this.store.nextDueAt();
      if (next !== undefined) sleep = Math.min(this.maxSleepMs, Math.max(1, next - this.now() + 1));
    } catch (e) {
      this.onError(e);
    }
    this.schedule(this.poked ? REPLAN_MS : sleep);
    this.poked = false;
  }

  /** Stops planning and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
