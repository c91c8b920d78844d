import type { ServiceContext } from './context.js';

/** How long the service remembers which offer connected a call: late PBX reports come within seconds. */
const ACCEPTED_TTL_MS = 12 * 3_600_000;

const keyOf = (contactId: string): string => `accepted|${contactId}`;

/**
 * Accepts an offer (fencing token checked by the store) and remembers which reservation
 * connected the contact, so that a late "answered" for an earlier offer of the same call — a
 * phone that picked up after the router moved the call on — is told the call is not its own.
 */
export async function acceptAndRemember(ctx: ServiceContext, contactId: string, reservationId: string, token: number): Promise<void> {
  await ctx.store.acceptReservation(reservationId, token);
  await ctx.values.put(keyOf(contactId), reservationId, ACCEPTED_TTL_MS);
}

/** The reservation that connected the contact, when this service accepted it (undefined: not known). */
export function acceptedVia(ctx: ServiceContext, contactId: string): Promise<string | undefined> {
  return ctx.values.get(keyOf(contactId));
}
