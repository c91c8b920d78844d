import type { Customer } from './config-schema.js';
import { normalizeNumber } from './phone.js';
import { ServiceError } from './service-errors.js';

/**
 * The customers the service knows, by id and by every number they call from (E.164). The
 * embedded directory is loaded from the configuration file; a CRM adapter can replace it.
 */
export class CustomerDirectory {
  private readonly byId = new Map<string, Customer>();
  private readonly byNumber = new Map<string, Customer>();
  private readonly byAccountNumber = new Map<string, Customer>();

  constructor(customers: readonly Customer[], defaultCountry: string | undefined) {
    for (const c of customers) {
      this.byId.set(c.id, c);
      for (const n of c.numbers) this.byNumber.set(normalizeNumber(n, defaultCountry).e164, c);
      for (const a of c.accounts ?? []) this.byAccountNumber.set(a, c);
    }
  }

  /** The customer with this id, if known. */
  find(id: string): Customer | undefined {
    return this.byId.get(id);
  }

  /** The customer with this id; throws CUSTOMER_UNKNOWN. */
  get(id: string): Customer {
    const c = this.find(id);
    if (c === undefined) throw new ServiceError('CUSTOMER_UNKNOWN', `no customer '${id}'`);
    return c;
  }

  /** The customer calling from this E.164 number, if known. */
  byCaller(e164: string): Customer | undefined {
    return this.byNumber.get(e164);
  }

  /** The customer holding this account number, if known. */
  byAccount(account: string): Customer | undefined {
    return this.byAccountNumber.get(account);
  }

  list(): Customer[] {
    return [...this.byId.values()];
  }
}
