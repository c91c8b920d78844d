import type { Customer } from '../config-schema.js';
import { ServiceError } from '../service-errors.js';

/**
 * How a lookup went:
 * - `hit`: the directory knows the customer;
 * - `miss`: the directory answered that it has no such customer;
 * - `fallback`: the directory could not answer (a CRM slow, down, answering 5xx or garbage) and
 *   its fallback did — `customer` is the fallback's answer, possibly none.
 */
export type LookupOutcome = 'hit' | 'miss' | 'fallback';

/** The answer of a lookup. */
export interface CustomerLookup {
  readonly customer: Customer | undefined;
  readonly outcome: LookupOutcome;
  /** Answered from the cache, without asking the source. */
  readonly cached: boolean;
}

/** What a directory asks by: a customer id, a caller number (E.164), an account number. */
export type LookupVerb = 'byId' | 'byNumber' | 'byAccount';

/**
 * One lookup, for metrics and logs. It carries no key (numbers and account numbers are personal
 * data); `reason` says why a lookup fell back (`timeout`, `unreachable`, `status 503`,
 * `invalid body`…).
 */
export interface LookupEvent {
  readonly verb: LookupVerb;
  readonly outcome: LookupOutcome;
  readonly cached: boolean;
  readonly seconds: number;
  readonly reason?: string;
}

/** Told of every lookup a directory makes. */
export type LookupListener = (e: LookupEvent) => void;

/**
 * Who the service's customers are: the port the routing asks "who is calling?". Lookups never
 * reject and never take longer than the directory's budget: a source that cannot answer yields
 * `fallback`. Implementations: {@link MemoryCustomerDirectory} (embedded, from the
 * configuration and a customers file) and {@link HttpCrmDirectory} (an external CRM).
 */
export interface CustomerDirectory {
  /** The customer with this id. */
  byId(id: string): Promise<CustomerLookup>;
  /** The customer calling from this number (E.164, as `normalizeNumber` gives it). */
  byNumber(e164: string): Promise<CustomerLookup>;
  /** The customer holding this account number (keyed in the IVR). */
  byAccount(account: string): Promise<CustomerLookup>;
  /** The customers this process holds (embedded: all; a CRM: those of its fallback). */
  list(): Promise<readonly Customer[]>;
  /**
   * The customer with this id if this process holds it now, without asking anyone: for paths
   * that must not wait (picking an agent's script). A CRM directory answers from its cache,
   * then from its fallback.
   */
  peek(id: string): Customer | undefined;
}

/**
 * The customer of a lookup by id the caller insists on: CUSTOMER_UNKNOWN when the directory
 * has none, CUSTOMER_DIRECTORY_UNAVAILABLE when it could not tell (and its fallback had none).
 */
export function requireCustomer(l: CustomerLookup, id: string): Customer {
  if (l.customer !== undefined) return l.customer;
  if (l.outcome === 'fallback') throw new ServiceError('CUSTOMER_DIRECTORY_UNAVAILABLE', `cannot tell whether customer '${id}' exists`);
  throw new ServiceError('CUSTOMER_UNKNOWN', `no customer '${id}'`);
}

/** Times a lookup and tells the listener how it went. */
export async function observed(verb: LookupVerb, listener: LookupListener | undefined, run: () => Promise<CustomerLookup & { reason?: string }>): Promise<CustomerLookup> {
  const t0 = performance.now();
  const { reason, ...lookup } = await run();
  tell(listener, verb, lookup, t0, reason);
  return lookup;
}

/**
 * {@link observed} for a directory that answers at once (the embedded one): the same timing
 * and listener, without an async function and a copy of the answer per lookup (a routed call
 * makes one lookup; the two cost about 1 % of it).
 */
export function observedAtOnce(verb: LookupVerb, listener: LookupListener | undefined, run: () => CustomerLookup): Promise<CustomerLookup> {
  const t0 = performance.now();
  const lookup = run();
  tell(listener, verb, lookup, t0, undefined);
  return Promise.resolve(lookup);
}

function tell(listener: LookupListener | undefined, verb: LookupVerb, lookup: CustomerLookup, t0: number, reason: string | undefined): void {
  if (listener === undefined) return;
  try {
    listener({ verb, outcome: lookup.outcome, cached: lookup.cached, seconds: (performance.now() - t0) / 1000, ...(reason === undefined ? {} : { reason }) });
  } catch {
    // a failing metrics hook must not fail the lookup
  }
}
