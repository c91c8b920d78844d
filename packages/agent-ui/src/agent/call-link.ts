import type { CallInfo } from '../softphone/softphone.js';

/**
 * Which phone call is which contact. The PBX's INVITE for a routed call names the contact in a
 * header (the contact id is the SIP Call-ID unless that was not a valid id): `X-Contact-Id`,
 * `X-Switchboard-Contact-Id` or `Call-ID`, any case. When no header names it, a lone ringing
 * incoming call goes with a lone voice offer.
 */

const CONTACT_HEADERS = ['x-contact-id', 'x-switchboard-contact-id', 'x-switchboard-contact', 'call-id'];

/** The contact id the call's headers name, if one of `contactIds`. */
export function contactNamedBy(call: CallInfo, contactIds: readonly string[]): string | undefined {
  for (const [k, v] of Object.entries(call.headers)) {
    if (CONTACT_HEADERS.includes(k.toLowerCase()) && contactIds.includes(v)) return v;
  }
  return undefined;
}

/**
 * The contact of each live incoming call: by header first, then the lone-call rule. `voiceOffers`
 * are the voice contacts ringing on the desk (or accepted and waiting for their call).
 */
export function linkCalls(calls: readonly CallInfo[], voiceContacts: readonly string[], existing: Readonly<Record<string, string>>): Record<string, string> {
  const links: Record<string, string> = {};
  const live = calls.filter((c) => c.state !== 'ended');
  for (const c of live) {
    const kept = existing[c.id];
    const named = contactNamedBy(c, voiceContacts);
    if (named !== undefined) links[c.id] = named;
    else if (kept !== undefined && voiceContacts.includes(kept)) links[c.id] = kept;
  }
  const taken = new Set(Object.values(links));
  const freeCalls = live.filter((c) => c.direction === 'incoming' && links[c.id] === undefined && c.state === 'ringing');
  const freeContacts = voiceContacts.filter((id) => !taken.has(id));
  const lone = freeCalls[0];
  const loneContact = freeContacts[0];
  if (freeCalls.length === 1 && freeContacts.length === 1 && lone !== undefined && loneContact !== undefined) links[lone.id] = loneContact;
  return links;
}

/** The call linked to a contact, if any. */
export function callOf(links: Readonly<Record<string, string>>, calls: readonly CallInfo[], contactId: string): CallInfo | undefined {
  return calls.find((c) => links[c.id] === contactId && c.state !== 'ended');
}
