/** The history flags a rule can test; a flag the context leaves out counts as `false`. */
export const CONTACT_FLAGS = ['overdueInvoices', 'openComplaint', 'unfulfilledObligation', 'churnRisk'] as const;

/** One history flag of the customer (see {@link CONTACT_FLAGS}). */
export type ContactFlag = (typeof CONTACT_FLAGS)[number];

/** The contact reason that makes a contact a complaint (as does `flags.openComplaint`). */
export const COMPLAINT_REASON = 'complaint';

/**
 * What the script rules look at, built by the service from the contact (its IVR reason) and the
 * customer directory. Every field is optional: a condition on a missing field does not match.
 */
export interface ScriptContext {
  /** Why the customer calls, e.g. `lost-ticket`, `complaint`, `billing`, `sales`. */
  readonly reason?: string;
  /** The customer's value segment, e.g. `platinum`, `gold`, `silver`, `bronze`. */
  readonly valueTier?: string;
  /** 0..1000, higher is more valuable (the top 3 % score about 900 or more). */
  readonly valueScore?: number;
  /** 0..1: how likely the customer is to take another product. */
  readonly crossSellPropensity?: number;
  /** 0..1: how ready the customer is to buy now. */
  readonly readinessToBuy?: number;
  /** Current offers and discounts this customer is eligible for. */
  readonly offers?: readonly string[];
  /** Past history: overdue invoices, an open complaint, an obligation of ours not yet met, churn risk. */
  readonly flags?: { readonly [F in ContactFlag]?: boolean };
}

/** True when the contact is a complaint: reason `complaint` or an open complaint on file. */
export function isComplaint(ctx: ScriptContext): boolean {
  return ctx.reason === COMPLAINT_REASON || ctx.flags?.openComplaint === true;
}
