/**
 * The service's clock as seen from the browser. Times in the service's answers
 * (`presenceSince`, event `at`) are the server's wall clock, which the browser's normally
 * matches (both synchronised). A browser clock running behind would show negative waits, so
 * every server time observed raises the offset to at least `serverTime − localTime` (the time
 * had already happened when it arrived). A browser running ahead cannot be told apart from an
 * idle server and is taken as is.
 */
export class ServerClock {
  private offset = 0;

  /** A server time that has already happened by local time `localNow`. */
  observe(serverTime: number, localNow: number): void {
    this.offset = Math.max(this.offset, serverTime - localNow);
  }

  /** The server's now at local time `localNow`. */
  now(localNow: number): number {
    return localNow + this.offset;
  }
}
