/**
 * The day's curve of each queue — how many contacts waited and the service level — sampled by
 * the service and kept for a day, so a supervisor who opens the wallboard at 15:00 sees the
 * morning too. One point per queue per minute: the most contacts seen waiting in that minute,
 * and the latest service level.
 */

/** One minute of one queue. */
export interface TimelinePoint {
  /** Start of the minute (epoch ms). */
  readonly t: number;
  readonly waiting: number;
  /** Percent answered within the threshold, or null before anything was answered. */
  readonly serviceLevel: number | null;
}

/** A sample of a queue as the service read it. */
export interface QueueSample {
  readonly queueId: string;
  readonly waiting: number;
  readonly serviceLevel: number | null;
}

/** Where the timeline is kept: in the process (embedded), or in Redis (shared by a domain's processes). */
export interface QueueTimeline {
  /** Adds samples read at `at`: the minute's waiting becomes the larger of the two, its service level the latest. */
  record(at: number, samples: readonly QueueSample[]): Promise<void>;
  /** The points of each queue from `from` on, oldest first. */
  since(from: number, queueIds: readonly string[]): Promise<Record<string, TimelinePoint[]>>;
}

export const MINUTE_MS = 60_000;
/** How long points are kept: a day, and a little more so "today" is always whole. */
export const KEEP_MS = 26 * 3_600_000;

export const minuteOf = (t: number): number => t - (t % MINUTE_MS);

/** Merges a sample into a minute's point (pure). */
export function mergePoint(old: TimelinePoint | undefined, t: number, s: QueueSample): TimelinePoint {
  return { t, waiting: Math.max(old?.waiting ?? 0, s.waiting), serviceLevel: s.serviceLevel };
}
