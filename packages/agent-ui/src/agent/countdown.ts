/**
 * Countdowns against the router's clock. Deadlines (ring timeouts, wrap-up ends) are in the
 * router's time; the browser's clock may differ, so the page keeps an offset estimated from
 * the events it receives (`at` is when the router made them, a moment before they arrive).
 */

/** A countdown to a deadline, as the page shows it. */
export interface Countdown {
  readonly remainingMs: number;
  /** Whole seconds left, rounded up (a deadline 0.2 s away shows 1). */
  readonly seconds: number;
  /** Share of the time left, 0–1, when the full span is known. */
  readonly fraction: number | undefined;
  readonly expired: boolean;
  /** `m:ss`. */
  readonly label: string;
}

/** `m:ss` (or `h:mm:ss`) of whole seconds. */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The countdown to `deadline` at `serverNow`; `startedAt` (same clock) gives the fraction left. */
export function countdown(deadline: number, serverNow: number, startedAt?: number): Countdown {
  const remainingMs = Math.max(0, deadline - serverNow);
  const seconds = Math.ceil(remainingMs / 1000);
  const span = startedAt === undefined ? undefined : deadline - startedAt;
  const fraction = span === undefined || span <= 0 ? undefined : Math.min(1, remainingMs / span);
  return { remainingMs, seconds, fraction, expired: remainingMs === 0, label: formatSeconds(seconds) };
}

/** Time elapsed since `since` (router clock), as `m:ss`. */
export function elapsedLabel(since: number, serverNow: number): string {
  return formatSeconds((serverNow - since) / 1000);
}

/**
 * The next estimate of `router time − browser time` after an event made at `serverAt` arrived
 * at `localNow`. The event was made before it arrived, so each sample is a lower bound of the
 * true offset, short by the delivery delay: the estimate follows a larger sample at once and a
 * smaller one only part of the way (the clocks may really have drifted apart).
 */
export function observeClock(offsetMs: number | undefined, serverAt: number, localNow: number): number {
  const sample = serverAt - localNow;
  if (offsetMs === undefined || sample > offsetMs) return sample;
  return offsetMs + (sample - offsetMs) / 8;
}
