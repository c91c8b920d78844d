import type { Customer } from '../config-schema.js';
import { parseNumber } from '../phone.js';

/** Where a problem of the i-th customer is: `label(i, 'numbers[0]')` → `config.customers[3].numbers[0]`. */
export type ProblemLabel = (index: number, field: string) => string;

/** Customers by id, by every number (E.164) and by every account of theirs and of their legal entities. */
export interface CustomerIndex {
  readonly byId: ReadonlyMap<string, Customer>;
  readonly byNumber: ReadonlyMap<string, Customer>;
  readonly byAccount: ReadonlyMap<string, Customer>;
}

/** A built index and what is wrong with the customers it was built from (empty when nothing is). */
export interface IndexResult {
  readonly index: CustomerIndex;
  readonly problems: readonly string[];
}

/** Every number and account of a customer, with the field it is written in. */
function keysOf(c: Customer): { numbers: Array<[string, string]>; accounts: Array<[string, string]> } {
  const numbers: Array<[string, string]> = c.numbers.map((n, j) => [`numbers[${j}]`, n]);
  const accounts: Array<[string, string]> = (c.accounts ?? []).map((a, j) => [`accounts[${j}]`, a]);
  (c.legalEntities ?? []).forEach((e, k) => {
    (e.numbers ?? []).forEach((n, j) => numbers.push([`legalEntities[${k}].numbers[${j}]`, n]));
    (e.accounts ?? []).forEach((a, j) => accounts.push([`legalEntities[${k}].accounts[${j}]`, a]));
  });
  return { numbers, accounts };
}

/** Adds `key → customer`, or reports that another customer has it already (the same customer twice is fine). */
function claim(map: Map<string, Customer>, key: string, c: Customer, owners: Map<string, number>, i: number, problem: (other: number) => string, out: string[]): void {
  const held = map.get(key);
  if (held !== undefined && held.id !== c.id) {
    out.push(problem(owners.get(key) ?? -1));
    return;
  }
  map.set(key, c);
  owners.set(key, i);
}

/**
 * Indexes customers and lists every problem, each at its place: an invalid number, a customer
 * id listed twice, a number (E.164, however written), an account or a legal entity id that two
 * customers claim. Customers with problems are still indexed as far as they can be: callers
 * refuse to serve when `problems` is not empty.
 *
 * @example
 * const { index, problems } = indexCustomers(config.customers, 'RU', (i, f) => `config.customers[${i}]${f === '' ? '' : `.${f}`}`);
 */
export function indexCustomers(customers: readonly Customer[], defaultCountry: string | undefined, label: ProblemLabel): IndexResult {
  const byId = new Map<string, Customer>();
  const byNumber = new Map<string, Customer>();
  const byAccount = new Map<string, Customer>();
  const entities = new Map<string, Customer>();
  const owners = { id: new Map<string, number>(), number: new Map<string, number>(), account: new Map<string, number>(), entity: new Map<string, number>() };
  const out: string[] = [];
  const first = (j: number): string => label(j, '');
  customers.forEach((c, i) => {
    if (byId.has(c.id)) out.push(`${label(i, 'id')}: '${c.id}' is also the id of ${first(owners.id.get(c.id) ?? -1)}`);
    else { byId.set(c.id, c); owners.id.set(c.id, i); }
    const { numbers, accounts } = keysOf(c);
    for (const [field, raw] of numbers) {
      const n = parseNumber(raw, defaultCountry);
      if (n === undefined) out.push(`${label(i, field)}: '${raw}' is not a valid phone number`);
      else claim(byNumber, n.e164, c, owners.number, i, (j) => `${label(i, field)}: ${n.e164} is also a number of ${first(j)} ('${customers[j]?.id ?? '?'}')`, out);
    }
    for (const [field, a] of accounts) {
      claim(byAccount, a, c, owners.account, i, (j) => `${label(i, field)}: account '${a}' is also held by ${first(j)} ('${customers[j]?.id ?? '?'}')`, out);
    }
    (c.legalEntities ?? []).forEach((e, k) => {
      claim(entities, e.id, c, owners.entity, i, (j) => `${label(i, `legalEntities[${k}].id`)}: legal entity '${e.id}' also belongs to ${first(j)} ('${customers[j]?.id ?? '?'}')`, out);
    });
  });
  return { index: { byId, byNumber, byAccount }, problems: out };
}
