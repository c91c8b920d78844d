import { LRUCache } from 'lru-cache';
import { Value } from 'typebox/value';
import { CustomerSchema, type Customer } from '../config-schema.js';
import { observed, type CustomerDirectory, type CustomerLookup, type LookupListener, type LookupVerb } from './customer-directory.js';

/** How to reach a CRM and how long to trust its answers. */
export interface HttpCrmOptions {
  /** Base URL: lookups are `GET {url}/customers/…`. */
  readonly url: string;
  /** Budget of one lookup, connection to last byte (default 250 ms). */
  readonly timeoutMs?: number;
  /** How long a customer found stays cached (default 60 s; 0: not cached). */
  readonly cacheTtlSeconds?: number;
  /** How long "no such customer" stays cached (default 10 s; 0: not cached). */
  readonly negativeCacheTtlSeconds?: number;
  readonly cacheMaxEntries?: number;
  /** Answers when the CRM cannot; none: the caller is unknown. */
  readonly fallback?: CustomerDirectory;
  /** Sent with every lookup (e.g. `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly onLookup?: LookupListener;
  /** The cache's clock in ms, always positive (tests pin it); default `performance.now`. */
  readonly now?: () => number;
}

/** What the CRM said: a customer, none, or nothing usable (and why). */
type Answer = { readonly kind: 'found'; readonly customer: Customer } | { readonly kind: 'absent' } | { readonly kind: 'failed'; readonly reason: string };

/** A cached answer: `customer: null` is a cached "no such customer". */
interface Cached { readonly customer: Customer | null }

const MAX_BODY_BYTES = 256 * 1024;
const failed = (reason: string): Answer => ({ kind: 'failed', reason });

/** The body as text, or undefined past `max` bytes (the rest is not read). */
async function textOf(res: Response, max: number): Promise<string | undefined> {
  const reader = res.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/** A customer as the CRM sent it, unknown fields dropped; undefined unless it matches the schema. */
function customerOf(text: string): Customer | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const cleaned = Value.Clean(CustomerSchema, raw);
  return Value.Check(CustomerSchema, cleaned) ? cleaned : undefined;
}

const reasonOf = (e: unknown): string =>
  e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'timeout' : 'unreachable';

/**
 * The customer directory of an external CRM, asked over HTTP (contract:
 * docs/customer-directory.md): `GET {url}/customers/{id}`, `/customers/by-number/{e164}`,
 * `/customers/by-account/{account}`; 200 with a customer, 404 for none. Every lookup has a
 * budget (`timeoutMs`, enforced with an abort signal); a CRM that is slow, unreachable, answers
 * another status or a body that is not a customer makes the lookup fall back. Answers are cached
 * (LRU with a TTL, "none" for a shorter time); concurrent lookups of one key share one request.
 *
 * @example
 * const crm = new HttpCrmDirectory({ url: 'https://crm.example/api', timeoutMs: 200, fallback: embedded });
 * const { customer, outcome } = await crm.byNumber('+78129978363'); // outcome: hit | miss | fallback
 */
export class HttpCrmDirectory implements CustomerDirectory {
  private readonly base: string;
  private readonly cache: LRUCache<string, Cached>;
  private readonly inflight = new Map<string, Promise<Answer>>();
  private readonly timeoutMs: number;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;

  constructor(private readonly opts: HttpCrmOptions) {
    this.base = opts.url.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 250;
    this.positiveTtlMs = Math.round((opts.cacheTtlSeconds ?? 60) * 1000);
    this.negativeTtlMs = Math.round((opts.negativeCacheTtlSeconds ?? 10) * 1000);
    const now = opts.now;
    this.cache = new LRUCache<string, Cached>({ max: opts.cacheMaxEntries ?? 10_000, ttlResolution: 0, ...(now === undefined ? {} : { perf: { now } }) });
  }

  byId(id: string): Promise<CustomerLookup> {
    return this.lookup('byId', `i|${id}`, `customers/${encodeURIComponent(id)}`, id, (c) => c.id === id);
  }

  byNumber(e164: string): Promise<CustomerLookup> {
    return this.lookup('byNumber', `n|${e164}`, `customers/by-number/${encodeURIComponent(e164)}`, e164, () => true);
  }

  byAccount(account: string): Promise<CustomerLookup> {
    return this.lookup('byAccount', `a|${account}`, `customers/by-account/${encodeURIComponent(account)}`, account, () => true);
  }

  /** The fallback's customers: the contract has no listing. */
  async list(): Promise<readonly Customer[]> {
    return this.opts.fallback === undefined ? [] : this.opts.fallback.list();
  }

  peek(id: string): Customer | undefined {
    return this.cache.get(`i|${id}`)?.customer ?? this.opts.fallback?.peek(id);
  }

  private lookup(verb: LookupVerb, key: string, path: string, arg: string, fits: (c: Customer) => boolean): Promise<CustomerLookup> {
    return observed(verb, this.opts.onLookup, async () => {
      const cached = this.cache.get(key);
      if (cached !== undefined) return { customer: cached.customer ?? undefined, outcome: cached.customer === null ? 'miss' : 'hit', cached: true };
      const answer = await this.shared(key, () => this.ask(path, fits));
      if (answer.kind === 'found') return { customer: answer.customer, outcome: 'hit', cached: false };
      if (answer.kind === 'absent') return { customer: undefined, outcome: 'miss', cached: false };
      const fb = this.opts.fallback === undefined ? undefined : (await this.opts.fallback[verb](arg)).customer;
      return { customer: fb, outcome: 'fallback', cached: false, reason: answer.reason };
    });
  }

  /** One request per key at a time; its answer is cached when it is one. */
  private shared(key: string, ask: () => Promise<Answer>): Promise<Answer> {
    const running = this.inflight.get(key);
    if (running !== undefined) return running;
    const p = ask().then((a) => {
      this.remember(key, a);
      return a;
    }).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private remember(key: string, a: Answer): void {
    if (a.kind === 'found' && this.positiveTtlMs > 0) {
      this.cache.set(key, { customer: a.customer }, { ttl: this.positiveTtlMs });
      this.cache.set(`i|${a.customer.id}`, { customer: a.customer }, { ttl: this.positiveTtlMs });
    }
    if (a.kind === 'absent' && this.negativeTtlMs > 0) this.cache.set(key, { customer: null }, { ttl: this.negativeTtlMs });
  }

  private async ask(path: string, fits: (c: Customer) => boolean): Promise<Answer> {
    try {
      const res = await fetch(`${this.base}/${path}`, {
        headers: { accept: 'application/json', ...(this.opts.headers ?? {}) }, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (res.status === 404) {
        await res.body?.cancel();
        return { kind: 'absent' };
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return failed(`status ${res.status}`);
      }
      const text = await textOf(res, MAX_BODY_BYTES);
      if (text === undefined) return failed('body too large');
      const customer = customerOf(text);
      if (customer === undefined) return failed('invalid body');
      return fits(customer) ? { kind: 'found', customer } : failed('another customer');
    } catch (e) {
      return failed(reasonOf(e));
    }
  }
}
