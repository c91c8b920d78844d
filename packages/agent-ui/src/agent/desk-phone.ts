import { ApiError } from '../shared/api.js';
import type { DeskContact } from '../shared/views.js';
import type { ChosenSoftphone } from '../softphone/create-softphone.js';
import type { CallInfo, RegistrationState, SipCredentials } from '../softphone/softphone.js';
import { callOf, linkCalls } from './call-link.js';
import { playPbx } from './demo-pbx.js';
import { callTarget, dialable } from './tasks.js';

/** What the desktop shows of the phone. */
export interface PhoneState {
  readonly registration: RegistrationState;
  readonly registrationCause: string | undefined;
  readonly calls: readonly CallInfo[];
  /** Call id → contact id. */
  readonly links: Readonly<Record<string, string>>;
  /** Call id → the consultation call placed from it (attended transfer), once the phone reported it. */
  readonly consultations: Readonly<Record<string, string>>;
}

/** What the phone needs of the desktop. */
export interface DeskPhoneHost {
  /** The contacts on the desk now. */
  contacts(): readonly DeskContact[];
  /** Still logged in (a registration that finishes after a logout is dropped). */
  active(): boolean;
  /** A call linked to a contact in conversation ended: the conversation is over. */
  conversationEnded(contactId: string): void;
  changed(state: PhoneState): void;
}

export const initialPhoneState: PhoneState = { registration: 'unregistered', registrationCause: undefined, calls: [], links: {}, consultations: {} };

const describe = (e: unknown): string => (e instanceof ApiError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e));

/**
 * The softphone on the desk: registers it, keeps its calls linked to the desk's contacts,
 * answers the call of an accepted offer (at once, or when it rings), declines the call of a
 * rejected one, and tells the desktop when a conversation's call ended. With the fake phone it
 * also plays the PBX (a voice offer rings the phone).
 */
export class DeskPhone {
  private current: PhoneState = initialPhoneState;
  /** Contacts accepted whose call has not rung yet: answered when it does. */
  private readonly answerWhenRinging = new Set<string>();
  /** Calls whose end was already reported. */
  private readonly ended = new Set<string>();
  private pbxRinging: Record<string, string> = {};
  private reauthentications = 0;
  /** A consultation dialled from this call, whose outgoing call has not been reported yet. */
  private consultFrom: string | undefined;

  constructor(private readonly softphone: ChosenSoftphone, private readonly host: DeskPhoneHost) {}

  get state(): PhoneState {
    return this.current;
  }

  private set(patch: Partial<PhoneState>): void {
    this.current = { ...this.current, ...patch };
    this.host.changed(this.current);
  }

  /**
   * Registers with the credentials the service issues. Without them a real phone shows why it
   * failed; the demo phone registers with made-up ones.
   */
  async register(agentId: string, credentials: () => Promise<SipCredentials>): Promise<void> {
    let creds: SipCredentials;
    try {
      creds = await credentials();
    } catch (e) {
      if (this.softphone.kind !== 'fake') {
        this.set({ registration: 'failed', registrationCause: `no SIP credentials: ${describe(e)}` });
        return;
      }
      creds = { uri: `sip:${agentId}@fake.invalid`, wsUri: 'ws://fake.invalid', displayName: agentId };
    }
    if (!this.host.active()) return;
    this.softphone.phone.register(creds, {
      registration: (state, cause) => this.onRegistration(state, cause, () => void this.register(agentId, credentials)),
      call: (info) => this.onCall(info),
    });
  }

  /**
   * The phone retries dropped connections itself; a refused authentication is final for those
   * credentials (they expired or were revoked), so new ones are fetched — a few times, waiting
   * longer each time.
   */
  private onRegistration(state: RegistrationState, cause: string | undefined, again: () => void): void {
    this.set({ registration: state, registrationCause: cause });
    if (state === 'registered') this.reauthentications = 0;
    if (state !== 'failed' || cause !== 'Authentication Error' || this.reauthentications >= 3) return;
    this.reauthentications += 1;
    setTimeout(again, 2_000 * this.reauthentications);
  }

  /** Unregisters and forgets the calls (logout). */
  end(): void {
    this.softphone.phone.unregister();
    this.pbxRinging = {};
    this.answerWhenRinging.clear();
    this.current = initialPhoneState;
  }

  /** The desk changed: the demo PBX rings or stops ringing, calls are linked again. */
  deskChanged(): void {
    if (this.softphone.kind === 'fake' && this.host.active()) this.pbxRinging = playPbx(this.softphone.fake, this.host.contacts(), this.pbxRinging);
    this.relink();
  }

  /** The offer was accepted: answer its call, now or when it rings (chats have none). */
  accepted(contact: DeskContact): void {
    const call = callOf(this.current.links, this.current.calls, contact.id);
    if (call?.state === 'ringing') this.softphone.phone.answer(call.id);
    else if (call === undefined && contact.channel !== 'chat') this.answerWhenRinging.add(contact.id);
  }

  /** The offer was rejected: decline its ringing call. */
  rejected(contactId: string): void {
    const call = callOf(this.current.links, this.current.calls, contactId);
    if (call?.state === 'ringing') this.softphone.phone.hangup(call.id);
  }

  /** Hangs up the contact's call; false when it has none (then the desktop completes it itself). */
  hangUpContact(contactId: string): boolean {
    const call = callOf(this.current.links, this.current.calls, contactId);
    if (call === undefined) return false;
    this.softphone.phone.hangup(call.id);
    return true;
  }

  /** Click-to-call from the task list or a number. */
  dial(number: string): void {
    this.softphone.phone.dial(dialable(number));
  }

  /** Answers a call that no offer explains (e.g. a direct call to the agent). */
  answerCall(callId: string): void {
    this.softphone.phone.answer(callId);
  }

  hangup(callId: string): void {
    this.softphone.phone.hangup(callId);
  }

  hold(callId: string, on: boolean): void {
    this.softphone.phone.hold(callId, on);
  }

  mute(callId: string, on: boolean): void {
    this.softphone.phone.mute(callId, on);
  }

  dtmf(callId: string, digits: string): void {
    this.softphone.phone.dtmf(callId, digits);
  }

  /** Blind transfer: the call goes to `target` (an agent's address or a number) at once. */
  transfer(callId: string, target: string): void {
    this.softphone.phone.transfer(callId, callTarget(target));
  }

  /** Attended transfer, first half: holds the call and dials `target` to consult them. */
  consult(callId: string, target: string): void {
    this.softphone.phone.hold(callId, true);
    this.consultFrom = callId;
    this.softphone.phone.dial(callTarget(target));
  }

  /** Attended transfer, second half: hands the held caller to the consulted party (REFER with Replaces). */
  completeTransfer(callId: string): boolean {
    const other = this.current.consultations[callId];
    if (other === undefined) return false;
    this.softphone.phone.attendedTransfer(callId, other);
    return true;
  }

  private onCall(info: CallInfo): void {
    const calls = [...this.current.calls.filter((c) => c.id !== info.id && c.state !== 'ended'), info];
    this.set({ calls, consultations: this.consultationsAfter(info) });
    this.relink();
    const contactId = this.current.links[info.id];
    if (contactId === undefined) return;
    if (info.state === 'ringing' && this.answerWhenRinging.delete(contactId)) this.softphone.phone.answer(info.id);
    if (info.state === 'ended' && !this.ended.has(info.id)) {
      this.ended.add(info.id);
      if (this.host.contacts().find((x) => x.id === contactId)?.state === 'active') this.host.conversationEnded(contactId);
    }
  }

  /** Pairs a consultation call with the call it was placed from; a pair ends with either call. */
  private consultationsAfter(info: CallInfo): Record<string, string> {
    const pairs = { ...this.current.consultations };
    if (this.consultFrom !== undefined && info.direction === 'outgoing' && pairs[this.consultFrom] === undefined) {
      pairs[this.consultFrom] = info.id;
      this.consultFrom = undefined;
    }
    if (info.state === 'ended') {
      for (const [from, to] of Object.entries(pairs)) if (from === info.id || to === info.id) delete pairs[from];
    }
    return pairs;
  }

  private relink(): void {
    const voice = this.host.contacts().filter((c) => (c.state === 'reserved' || c.state === 'active') && c.channel !== 'chat').map((c) => c.id);
    const kept = Object.fromEntries(Object.entries(this.current.links).filter(([callId]) => this.current.calls.some((c) => c.id === callId)));
    const links = linkCalls(this.current.calls, voice, kept);
    // An ended call keeps its link, so its end completes the right contact.
    for (const c of this.current.calls) if (c.state === 'ended' && kept[c.id] !== undefined) links[c.id] = kept[c.id] as string;
    if (JSON.stringify(links) !== JSON.stringify(this.current.links)) this.set({ links });
  }
}
