import type { RoutingStore } from '../../store/routing-store.js';
import type { QueueTimeline } from './queue-timeline.js';

/**
 * Samples every queue's waiting count and service level into the timeline every `everyMs`
 * (and once at start). A failed read (Redis away) skips a sample; the next one tries again.
 */
export class TimelineSampler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: RoutingStore,
    private readonly timeline: QueueTimeline,
    private readonly queueIds: () => Promise<readonly string[]>,
    private readonly now: () => number,
    private readonly everyMs = 15_000,
  ) {}

  start(): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.everyMs);
    this.timer.unref();
  }

  /** Takes one sample now (the tests call it). */
  sample(): Promise<void> {
    this.running ??= (async () => {
      try {
        const ids = await this.queueIds();
        const stats = await Promise.all(ids.map((q) => this.store.queueStats(q)));
        await this.timeline.record(this.now(), stats.map((s) => ({ queueId: s.queueId, waiting: s.waiting, serviceLevel: s.serviceLevel })));
      } catch {
        // the store is away: this sample is lost, the next one is taken on time
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.running;
  }
}
