import { readCallerNumber, type CallerNumberProblem } from '../caller-number.js';
import type { Customer } from '../config-schema.js';
import type { ServiceContext } from '../context.js';
import type { PhoneNumber } from '../phone.js';
import { requireCustomer, type CustomerLookup } from './customer-directory.js';

/**
 * How the directory answered "who is this?": `fallback` — the source (a CRM) could not answer
 * and its fallback named the customer; `failed` — the source could not answer and nobody named
 * one: the caller may well be a customer, so the call must not be taken for a stranger's.
 */
export type DirectoryAnswer = 'fallback' | 'failed';

/** Who is calling, as far as the service can tell. */
export interface CallerIdentity {
  /** The caller's number, when the caller-id held a valid one. */
  readonly number: PhoneNumber | undefined;
  /** Why there is no number: withheld, or not a valid number. */
  readonly numberProblem: CallerNumberProblem | undefined;
  readonly customer: Customer | undefined;
  /** Set when the directory could not answer; undefined when it did (or was not asked). */
  readonly directory: DirectoryAnswer | undefined;
}

const answerOf = (l: CustomerLookup): DirectoryAnswer | undefined =>
  l.outcome !== 'fallback' ? undefined : l.customer === undefined ? 'failed' : 'fallback';

/**
 * Identifies a caller: by the customer id the PBX names (which must exist: CUSTOMER_UNKNOWN
 * when the directory denies it), else by the caller's number. A withheld or malformed caller-id
 * identifies nobody and is never an error; neither is a directory that cannot answer.
 */
export async function identifyCaller(ctx: ServiceContext, call: { readonly caller?: string; readonly customerId?: string }): Promise<CallerIdentity> {
  const read = readCallerNumber(call.caller, ctx.config.defaultCountry);
  const number = read.kind === 'number' ? read.number : undefined;
  const numberProblem = read.kind === 'number' ? undefined : read.kind;
  if (call.customerId !== undefined) {
    const found = await ctx.directory.byId(call.customerId);
    const customer = found.outcome === 'fallback' ? found.customer : requireCustomer(found, call.customerId);
    return { number, numberProblem, customer, directory: answerOf(found) };
  }
  if (number === undefined) return { number, numberProblem, customer: undefined, directory: undefined };
  const found = await ctx.directory.byNumber(number.e164);
  return { number, numberProblem, customer: found.customer, directory: answerOf(found) };
}
