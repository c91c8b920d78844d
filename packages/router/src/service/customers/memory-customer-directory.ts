import type { Customer } from '../config-schema.js';
import { indexCustomers, type CustomerIndex } from './customer-index.js';
import { observedAtOnce, type CustomerDirectory, type CustomerLookup, type LookupListener } from './customer-directory.js';
import { ConfigFileError } from '../service-config.js';

const found = (customer: Customer | undefined): CustomerLookup => ({ customer, outcome: customer === undefined ? 'miss' : 'hit', cached: false });

/**
 * The embedded directory: customers held in this process, indexed by id, by every number and
 * account of theirs and of their legal entities. Answers at once; never falls back.
 *
 * @example
 * const directory = MemoryCustomerDirectory.of(config.customers, config.defaultCountry);
 * (await directory.byNumber('+78129978363')).customer?.id; // 'cust-1'
 */
export class MemoryCustomerDirectory implements CustomerDirectory {
  private constructor(
    private readonly index: CustomerIndex,
    private readonly listener: LookupListener | undefined,
  ) {}

  /** A directory of these customers; throws {@link ConfigFileError} naming each duplicate or invalid number. */
  static of(customers: readonly Customer[], defaultCountry: string | undefined, opts: { onLookup?: LookupListener; source?: string } = {}): MemoryCustomerDirectory {
    const source = opts.source ?? 'customers';
    const { index, problems } = indexCustomers(customers, defaultCountry, (i, f) => `${source}[${i}]${f === '' ? '' : `.${f}`}`);
    if (problems.length > 0) throw new ConfigFileError(source, problems);
    return new MemoryCustomerDirectory(index, opts.onLookup);
  }

  /** A directory over an index already checked (by the customers file loader). */
  static ofIndex(index: CustomerIndex, opts: { onLookup?: LookupListener } = {}): MemoryCustomerDirectory {
    return new MemoryCustomerDirectory(index, opts.onLookup);
  }

  byId(id: string): Promise<CustomerLookup> {
    return observedAtOnce('byId', this.listener, () => found(this.index.byId.get(id)));
  }

  byNumber(e164: string): Promise<CustomerLookup> {
    return observedAtOnce('byNumber', this.listener, () => found(this.index.byNumber.get(e164)));
  }

  byAccount(account: string): Promise<CustomerLookup> {
    return observedAtOnce('byAccount', this.listener, () => found(this.index.byAccount.get(account)));
  }

  list(): Promise<readonly Customer[]> {
    return Promise.resolve([...this.index.byId.values()]);
  }

  peek(id: string): Customer | undefined {
    return this.index.byId.get(id);
  }

  /** How many customers it holds. */
  get size(): number {
    return this.index.byId.size;
  }
}
