/** The timers a {@link RefreshScheduler} uses (the page passes the browser's, tests fake ones). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface RefreshOptions {
  /** Quiet time after the last event before refreshing. */
  readonly debounceMs: number;
  /** A steady stream of events still refreshes at least this often. */
  readonly maxDelayMs: number;
  /** Fallback poll, events or not (a dropped stream, counters that move without events). */
  readonly pollMs: number;
}

/**
 * When the wallboard re-reads the statistics: after events (debounced, with a maximum delay so
 * a busy centre still sees updates) and on a periodic poll. One refresh runs at a time; asks
 * that come while it runs make one more refresh after it.
 */
export class RefreshScheduler {
  private debounce: unknown;
  private firstAskAt: number | undefined;
  private poll: unknown;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly options: RefreshOptions,
    private readonly timers: Timers,
    private readonly clock: () => number,
  ) {}

  /** Starts the poll. */
  start(): void {
    this.poll = this.timers.setInterval(() => void this.run(), this.options.pollMs);
  }

  /** Something happened: refresh soon. */
  nudge(): void {
    if (this.stopped) return;
    const now = this.clock();
    this.firstAskAt ??= now;
    if (this.debounce !== undefined) this.timers.clearTimeout(this.debounce);
    const wait = Math.max(0, Math.min(this.options.debounceMs, this.firstAskAt + this.options.maxDelayMs - now));
    this.debounce = this.timers.setTimeout(() => {
      this.debounce = undefined;
      this.firstAskAt = undefined;
      void this.run();
    }, wait);
  }

  /** Refreshes now (or right after the refresh under way). */
  async run(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.refresh();
    } catch {
      // `refresh` shows its own errors; a throw must not stop the schedule (the next nudge or poll tries again)
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      await this.run();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.debounce !== undefined) this.timers.clearTimeout(this.debounce);
    this.timers.clearInterval(this.poll);
  }
}
