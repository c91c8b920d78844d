import type { Redis } from 'ioredis';
import { Observable } from 'rxjs';
import { afterId } from './outbox-buffer.js';

const BLOCK_MS = 1000;
const RETRY_MS = 250;

/**
 * Keeps a process's engine current while something listens to its events: a blocking read on
 * its own connection wakes when another process appends to the domain's log, and the store
 * then catches up (applying the entries, which emits their events here). Without listeners
 * nothing is read: every store read catches up by itself.
 */
export class LogFollower {
  private listeners = 0;
  private conn: Redis | undefined;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly logKey: string,
    private readonly position: () => string,
    private readonly catchUp: () => Promise<void>,
  ) {}

  /** The given events, with the log followed while anyone subscribes. */
  following<T>(events: Observable<T>): Observable<T> {
    return new Observable<T>((sub) => {
      const inner = events.subscribe(sub);
      this.listeners++;
      this.start();
      return () => {
        inner.unsubscribe();
        this.listeners--;
      };
    });
  }

  private start(): void {
    if (this.conn !== undefined || this.closed) return;
    const conn = this.redis.duplicate({ maxRetriesPerRequest: null });
    conn.on('error', () => {}); // an outage shows as failing reads below; the loop waits and reads on
    this.conn = conn;
    void this.loop(conn);
  }

  private async loop(conn: Redis): Promise<void> {
    while (!this.closed && this.listeners > 0) {
      try {
        const res = await conn.xread('COUNT', 1, 'BLOCK', BLOCK_MS, 'STREAMS', this.logKey, this.position());
        // An entry this process applied meanwhile (its own, most often) needs no catching up.
        const id = res?.[0]?.[1]?.[0]?.[0];
        if (id !== undefined && afterId(id, this.position()) && !this.closed) await this.catchUp();
      } catch {
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
    conn.disconnect();
    if (this.conn === conn) this.conn = undefined;
  }

  /** Stops following. */
  close(): void {
    this.closed = true;
    this.conn?.disconnect();
  }
}
