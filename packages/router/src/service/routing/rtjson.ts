/**
 * Kamailio's rtjson routing document for an offered call: one serial route to the reserved
 * agent's address, the interaction and reservation ids as SIP headers (the agent's softphone
 * matches the call to its offer by them), and an INVITE timer that ends just before the
 * router's own ring deadline, so the PBX reports the ring-out before the router re-offers.
 */
export interface RtjsonDocument {
  readonly version: '1.0';
  readonly routing: 'serial';
  readonly routes: ReadonlyArray<{
    readonly uri: string;
    readonly headers: { readonly extra: string };
    readonly fr_inv_timer: number;
  }>;
}

/** The ring timer never goes below this, whatever the deadline says. */
const MIN_RING_MS = 1_000;
/** How much earlier than the router's deadline the PBX gives up ringing. */
const RING_MARGIN_MS = 250;

/** Header values are tokens the service made, but a header line must never be broken by one. */
const headerValue = (v: string): string => v.replace(/[\r\n]/g, '');

/**
 * @example
 * ```ts
 * rtjsonOf({ sipUri: 'sip:agent05@switchboard.local', contactId: 'call-1', reservationId: 'R7', queueId: 'sales', deadline: now + 15_000 }, now);
 * // { version: '1.0', routing: 'serial', routes: [{ uri: 'sip:agent05@…', headers: { extra: 'X-Switchboard-Contact: call-1\r\n…' }, fr_inv_timer: 14750 }] }
 * ```
 */
export function rtjsonOf(offer: { sipUri: string; contactId: string; reservationId: string; queueId: string; deadline: number }, now: number): RtjsonDocument {
  const extra = [
    `X-Switchboard-Contact: ${headerValue(offer.contactId)}`,
    `X-Switchboard-Reservation: ${headerValue(offer.reservationId)}`,
    `X-Switchboard-Queue: ${headerValue(offer.queueId)}`,
  ].map((h) => `${h}\r\n`).join('');
  return {
    version: '1.0', routing: 'serial',
    routes: [{ uri: offer.sipUri, headers: { extra }, fr_inv_timer: Math.max(MIN_RING_MS, Math.round(offer.deadline - now - RING_MARGIN_MS)) }],
  };
}
