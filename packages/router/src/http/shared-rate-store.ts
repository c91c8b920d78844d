import type { Redis } from 'ioredis';
import { reach } from '../store/redis/reach.js';

/** What `@fastify/rate-limit` gets back from a store. */
export interface RateCount {
  readonly current: number;
  /** Milliseconds until the window ends. */
  readonly ttl: number;
}

type Callback = (err: Error | null, res: RateCount) => void;

/** How a {@link SharedRateStore} shares its counts. */
export interface SharedRateStoreOptions {
  readonly redis: Redis;
  /** Prefix of the counters' keys (the domain's hash tag in it keeps them in its slot). */
  readonly prefix: string;
  /** How often counts go to Redis and come back (ms). Default 50. */
  readonly shareEveryMs?: number;
  /** Counters held; past it the least recently counted are dropped (see `bound`). Default 10,000. */
  readonly maxKeys?: number;
  readonly now?: () => number;
  /** Told when sharing fails (counting goes on in this process meanwhile). */
  readonly onError?: (e: unknown) => void;
}

/** One caller's count in one window, as this process knows it. */
interface Counter {
  /** The caller it counts. */
  readonly key: string;
  /** The window's count in Redis when last shared (this process's sent counts included). */
  shared: number;
  /** Counted here, being sent now. */
  sending: number;
  /** Counted here since. */
  pending: number;
  readonly window: number;
  readonly windowMs: number;
}

/** Whether a counter's window is over at `now`. */
const ended = (c: Counter, now: number): boolean => (c.window + 1) * c.windowMs <= now;

/**
 * A rate-limit store for `@fastify/rate-limit` whose counts every process of a domain shares
 * through Redis, without a round trip per request: each request is counted here at once, and
 * every `shareEveryMs` the counts made since go to Redis in one transaction (`INCRBY` per caller
 * and fixed window) and the domain-wide totals come back. A caller is limited by every
 * process's requests, but a process learns the others' counts only when it sends its own, so
 * several processes together may let a caller a little past its limit. While Redis is unreachable each
 * process goes on limiting by what it knows, and sends its counts once Redis is back (ioredis
 * holds the share meanwhile, or fails it, and the counts go with the next one).
 *
 * @example
 * const shared = new SharedRateStore({ redis, prefix: 'sb:{acme}:rate|' });
 * await app.register(rateLimit, { store: shared.asStoreClass(), max: 100 });
 * app.addHook('onClose', () => shared.close());
 */
export class SharedRateStore {
  /** In the order they last counted (each count moves its counter last): the least recent first. */
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly o: SharedRateStoreOptions) {}

  /** This store as `@fastify/rate-limit` takes one: a class it constructs, which gives this store. */
  asStoreClass(): new () => SharedRateStore {
    const store = this;
    return function Store() { return store; } as unknown as new () => SharedRateStore;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  /** Counts one request of `key` in the current window of `windowMs`. */
  incr(key: string, cb: Callback, windowMs: number): void {
    const now = this.now();
    const c = this.counter(key, Math.floor(now / windowMs), windowMs);
    c.pending++;
    this.counters.delete(key);
    this.counters.set(key, c);
    this.schedule();
    cb(null, { current: c.shared + c.sending + c.pending, ttl: (c.window + 1) * windowMs - now });
  }

  /** The count of `key` in the current window, without counting. */
  read(key: string, cb: Callback, windowMs: number): void {
    const now = this.now();
    const window = Math.floor(now / windowMs);
    const c = this.counters.get(key);
    cb(null, c === undefined || c.window !== window || c.windowMs !== windowMs ? { current: 0, ttl: 0 } : { current: c.shared + c.sending + c.pending, ttl: (window + 1) * windowMs - now });
  }

  /** Per-route limits share these counters (a route's group id is part of its keys). */
  child(): SharedRateStore {
    return this;
  }

  /** Sends what is counted and stops sharing; gives up after `graceMs` (Redis down). */
  async close(graceMs = 1_000): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
    const last = (async () => {
      await this.inFlight;
      await this.share().catch(() => undefined);
    })();
    await Promise.race([last, grace]);
    clearTimeout(timer);
  }

  private counter(key: string, window: number, windowMs: number): Counter {
    const c = this.counters.get(key);
    if (c !== undefined && c.window === window && c.windowMs === windowMs) return c;
    // An ended window's counts still unsent: kept under that window's own key until shared.
    if (c !== undefined && c.pending + c.sending > 0 && c.window < window) this.counters.set(`${key}\u0000${c.window}`, c);
    const fresh: Counter = { key, shared: 0, sending: 0, pending: 0, window, windowMs };
    this.counters.set(key, fresh);
    this.bound();
    return fresh;
  }

  /**
   * Keeps the counters within `maxKeys` (down to 90 % at once, so the scans are rare): the least
   * recently counted go first — those with nothing to send, then unsent counts of ended windows
   * (Redis down a while: they no longer limit anyone), then any (Redis down, many callers).
   */
  private bound(): void {
    const max = this.o.maxKeys ?? 10_000;
    if (this.counters.size <= max) return;
    const keep = Math.floor(max * 0.9);
    const now = this.now();
    for (const drop of [(c: Counter) => c.pending + c.sending === 0, (c: Counter) => ended(c, now), () => true]) {
      for (const [k, c] of this.counters) {
        if (this.counters.size <= keep) return;
        if (drop(c)) this.counters.delete(k);
      }
    }
  }

  private schedule(): void {
    if (this.closed || this.timer !== undefined || this.inFlight !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.share().catch((e: unknown) => this.o.onError?.(e)).finally(() => {
        this.inFlight = undefined;
        for (const c of this.counters.values()) {
          if (c.pending > 0) return this.schedule();
        }
      });
    }, this.o.shareEveryMs ?? 50);
    this.timer.unref();
  }

  /** One transaction: each counter's new requests added in Redis, its window's total read back. */
  private async share(): Promise<void> {
    const now = this.now();
    const batch = [...this.counters].filter(([, c]) => c.pending > 0);
    for (const [k, c] of this.counters) if (c.pending === 0 && c.sending === 0 && ended(c, now)) this.counters.delete(k);
    if (batch.length === 0) return;
    const tx = this.o.redis.multi(); // INCRBY and PEXPIRE of a key together, or neither
    for (const [, c] of batch) {
      const key = `${this.o.prefix}${c.key}|${c.windowMs}|${c.window}`;
      tx.incrby(key, c.pending).pexpire(key, 2 * c.windowMs);
      c.sending += c.pending;
      c.pending = 0;
    }
    let res: Array<[Error | null, unknown]>;
    try {
      res = (await reach(() => tx.exec())) ?? [];
    } catch (e) {
      for (const [, c] of batch) this.unsent(c);
      throw e;
    }
    const failed = batch.map(([, c], i) => this.shared(c, res[2 * i])).find((e) => e !== undefined);
    if (failed !== undefined) throw failed;
  }

  /** Takes a counter's total from its INCRBY reply; a failed one puts its counts back to send (and is returned). */
  private shared(c: Counter, reply: [Error | null, unknown] | undefined): Error | undefined {
    if (reply === undefined || reply[0] !== null) {
      this.unsent(c);
      return reply?.[0] ?? new Error('no reply to INCRBY');
    }
    c.shared = Number(reply[1]);
    c.sending = 0;
    return undefined;
  }

  private unsent(c: Counter): void {
    c.pending += c.sending;
    c.sending = 0;
  }
}
