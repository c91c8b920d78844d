/**
 * The softphone port: what the agent desktop needs of a SIP phone. Only `jssip-softphone.ts`
 * imports JsSIP; the desktop's logic is tested against `FakeSoftphone`.
 *
 * ```
 *  registration:  unregistered ──register()──▶ registering ──▶ registered
 *                      ▲                            │ failed / dropped
 *                      └──────── (back-off) ◀───────┘
 *  call:  idle ──incoming──▶ ringing ──answer()──▶ active ⇄ held ──hangup()/remote bye──▶ ended
 *         idle ──dial()────▶ dialling ──answered──▶ active
 * ```
 */

/** Where and how the phone registers: what the service issues for the agent (`GET /v1/me/sip`). */
export interface SipCredentials {
  /** The agent's address of record, e.g. `sip:agent05@switchboard.local`. */
  readonly uri: string;
  /** The PBX's SIP-over-WebSocket address, e.g. `ws://127.0.0.1:8088`. */
  readonly wsUri: string;
  readonly authorizationUser?: string;
  readonly password?: string;
  readonly displayName?: string;
}

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'failed';
export type CallState = 'idle' | 'ringing' | 'dialling' | 'active' | 'held' | 'ended';

/** One call as the desktop shows it. */
export interface CallInfo {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  /** The other party's address (`sip:…` or a number). */
  readonly remote: string;
  /** SIP headers of the INVITE the desktop uses to match the call to its offer (e.g. the routed contact id). */
  readonly headers: Readonly<Record<string, string>>;
  readonly state: CallState;
  readonly muted: boolean;
  /** Why it ended, when it did. */
  readonly cause?: string;
}

/** What the phone tells the desktop. */
export interface SoftphoneListener {
  registration(state: RegistrationState, cause?: string): void;
  call(info: CallInfo): void;
}

/** A SIP phone. Every method returns at once; outcomes come through the listener. */
export interface Softphone {
  register(credentials: SipCredentials, listener: SoftphoneListener): void;
  unregister(): void;
  dial(target: string): void;
  answer(callId: string): void;
  hangup(callId: string): void;
  hold(callId: string, on: boolean): void;
  mute(callId: string, on: boolean): void;
  dtmf(callId: string, digits: string): void;
  /** Blind transfer: REFER the call to `target`. */
  transfer(callId: string, target: string): void;
  /** Attended transfer: REFER the call to the party of `otherCallId` (Replaces), after consulting it. */
  attendedTransfer(callId: string, otherCallId: string): void;
}
