import { KEEP_MS, mergePoint, minuteOf, type QueueSample, type QueueTimeline, type TimelinePoint } from './queue-timeline.js';

/** The timeline in the process: per queue, its minutes in order; older than a day is dropped. */
export class MemoryQueueTimeline implements QueueTimeline {
  private readonly points = new Map<string, TimelinePoint[]>();

  async record(at: number, samples: readonly QueueSample[]): Promise<void> {
    const t = minuteOf(at);
    for (const s of samples) {
      const list = this.points.get(s.queueId) ?? [];
      const last = list[list.length - 1];
      if (last !== undefined && last.t === t) list[list.length - 1] = mergePoint(last, t, s);
      else if (last === undefined || last.t < t) list.push(mergePoint(undefined, t, s));
      while (list.length > 0 && (list[0] as TimelinePoint).t < t - KEEP_MS) list.shift();
      this.points.set(s.queueId, list);
    }
  }

  async since(from: number, queueIds: readonly string[]): Promise<Record<string, TimelinePoint[]>> {
    return Object.fromEntries(queueIds.map((q) => [q, (this.points.get(q) ?? []).filter((p) => p.t >= minuteOf(from))]));
  }
}
