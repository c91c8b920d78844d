import type { FakeSoftphone } from '../softphone/fake-softphone.js';
import type { DeskContact } from '../shared/views.js';

/**
 * Plays the PBX for the fake softphone (`?softphone=fake`): a voice offer on the desk rings the
 * phone, as the PBX's INVITE would, naming the contact in `X-Contact-Id`; an offer withdrawn
 * before it was answered stops ringing. Returns the calls it rings, by contact id, for the next
 * round.
 */
export function playPbx(fake: FakeSoftphone, contacts: readonly DeskContact[], ringing: Readonly<Record<string, string>>): Record<string, string> {
  const next: Record<string, string> = {};
  const byId = new Map(contacts.map((c) => [c.id, c]));
  for (const [contactId, callId] of Object.entries(ringing)) {
    if (byId.has(contactId)) next[contactId] = callId; // rung once per offer, even if declined since
    else if (fake.call(callId)?.state === 'ringing') fake.remoteHangup(callId, 'offer withdrawn');
  }
  for (const c of contacts) {
    if (c.state !== 'reserved' || c.channel !== 'voice' || next[c.id] !== undefined) continue;
    next[c.id] = fake.incoming(`sip:${c.attributes.caller ?? 'anonymous'}@pbx.invalid`, { 'X-Contact-Id': c.id });
  }
  return next;
}
