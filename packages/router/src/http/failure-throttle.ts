/**
 * Counts failed authentications per client address in fixed one-minute windows, so guessing
 * API keys or tokens is throttled even though such requests never reach the rate limiter
 * (which counts authenticated callers). Per process; bounded in memory.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    private readonly maxPerMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = 10_000,
  ) {}

  private window(address: string): { start: number; failures: number } {
    const now = this.now();
    let w = this.windows.get(address);
    if (w === undefined || now - w.start >= 60_000) {
      if (this.windows.size >= this.maxAddresses) this.windows.clear();
      w = { start: now, failures: 0 };
      this.windows.set(address, w);
    }
    return w;
  }

  /** True while the address has failed too often this minute. */
  blocked(address: string): boolean {
    return this.window(address).failures >= this.maxPerMinute;
  }

  failed(address: string): void {
    this.window(address).failures++;
  }
}
