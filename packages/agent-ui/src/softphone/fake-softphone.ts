import type { CallInfo, CallState, RegistrationState, SipCredentials, Softphone, SoftphoneListener } from './softphone.js';

/** What the desktop asked the phone to do, in order (tests assert on these). */
export type FakeAction =
  | { readonly kind: 'register'; readonly uri: string }
  | { readonly kind: 'unregister' }
  | { readonly kind: 'dial'; readonly target: string; readonly callId: string }
  | { readonly kind: 'answer' | 'hangup'; readonly callId: string }
  | { readonly kind: 'hold' | 'mute'; readonly callId: string; readonly on: boolean }
  | { readonly kind: 'dtmf'; readonly callId: string; readonly digits: string }
  | { readonly kind: 'transfer'; readonly callId: string; readonly target: string }
  | { readonly kind: 'attendedTransfer'; readonly callId: string; readonly otherCallId: string };

export interface FakeSoftphoneOptions {
  /** How listener callbacks run after a method returns (default: a microtask; tests may pass `(f) => f()`). */
  readonly defer?: (f: () => void) => void;
  /** Registration succeeds by itself after `register()` (default true); false leaves it `registering` for {@link FakeSoftphone.completeRegistration}. */
  readonly autoRegister?: boolean;
  /** An outgoing call is answered by the far end after this many ms (default: never; call {@link FakeSoftphone.remoteAnswer}). */
  readonly answerOutgoingAfterMs?: number;
}

/**
 * A softphone without SIP, for tests and demos (`?softphone=fake`): it registers at once,
 * lets a test (or the demo page) make calls arrive with {@link incoming}, answer or end them
 * from the far end, and records every action the desktop takes in {@link actions}.
 *
 * @example
 * ```ts
 * const phone = new FakeSoftphone({ defer: (f) => f() });
 * phone.register(credentials, listener);            // listener.registration('registering'), then ('registered')
 * const id = phone.incoming('sip:+78129978363@pbx', { 'X-Contact-Id': 'call-1' });
 * phone.answer(id);                                  // listener.call({ id, state: 'active', … })
 * phone.actions;                                     // [{ kind: 'register', … }, { kind: 'answer', callId: id }]
 * ```
 */
export class FakeSoftphone implements Softphone {
  readonly actions: FakeAction[] = [];
  private listener: SoftphoneListener | undefined;
  private readonly calls = new Map<string, CallInfo>();
  private registrationState: RegistrationState = 'unregistered';
  private seq = 0;
  private readonly defer: (f: () => void) => void;

  constructor(private readonly options: FakeSoftphoneOptions = {}) {
    this.defer = options.defer ?? ((f) => queueMicrotask(f));
  }

  /** The registration state now. */
  get registration(): RegistrationState {
    return this.registrationState;
  }

  /** A call by id, as the phone last reported it. */
  call(callId: string): CallInfo | undefined {
    return this.calls.get(callId);
  }

  /** Every call that has not ended. */
  liveCalls(): CallInfo[] {
    return [...this.calls.values()].filter((c) => c.state !== 'ended');
  }

  register(credentials: SipCredentials, listener: SoftphoneListener): void {
    this.actions.push({ kind: 'register', uri: credentials.uri });
    this.listener = listener;
    this.setRegistration('registering');
    if (this.options.autoRegister !== false) this.setRegistration('registered');
  }

  unregister(): void {
    this.actions.push({ kind: 'unregister' });
    for (const c of this.liveCalls()) this.update(c.id, { state: 'ended', cause: 'unregistered' });
    this.setRegistration('unregistered');
  }

  /** Ends a registration left `registering` (`autoRegister: false`): registered, or failed with a cause. */
  completeRegistration(ok: boolean, cause?: string): void {
    this.setRegistration(ok ? 'registered' : 'failed', cause);
  }

  /** The far end (the PBX) sends an INVITE: a ringing incoming call. Returns its id. */
  incoming(remote: string, headers: Readonly<Record<string, string>> = {}): string {
    const id = this.nextId();
    this.put({ id, direction: 'incoming', remote, headers, state: 'ringing', muted: false });
    return id;
  }

  /** The far end answers an outgoing call. */
  remoteAnswer(callId: string): void {
    if (this.calls.get(callId)?.state === 'dialling') this.update(callId, { state: 'active' });
  }

  /** The far end hangs up (or cancels a ringing call). */
  remoteHangup(callId: string, cause = 'remote hangup'): void {
    if (this.isLive(callId)) this.update(callId, { state: 'ended', cause });
  }

  dial(target: string): void {
    const id = this.nextId();
    this.actions.push({ kind: 'dial', target, callId: id });
    this.put({ id, direction: 'outgoing', remote: target, headers: {}, state: 'dialling', muted: false });
    const after = this.options.answerOutgoingAfterMs;
    if (after !== undefined) setTimeout(() => this.remoteAnswer(id), after);
  }

  answer(callId: string): void {
    this.actions.push({ kind: 'answer', callId });
    if (this.calls.get(callId)?.state === 'ringing') this.update(callId, { state: 'active' });
  }

  hangup(callId: string): void {
    this.actions.push({ kind: 'hangup', callId });
    if (this.isLive(callId)) this.update(callId, { state: 'ended', cause: 'local hangup' });
  }

  hold(callId: string, on: boolean): void {
    this.actions.push({ kind: 'hold', callId, on });
    const s = this.calls.get(callId)?.state;
    if (on && s === 'active') this.update(callId, { state: 'held' });
    else if (!on && s === 'held') this.update(callId, { state: 'active' });
  }

  mute(callId: string, on: boolean): void {
    this.actions.push({ kind: 'mute', callId, on });
    if (this.isLive(callId)) this.update(callId, { muted: on });
  }

  dtmf(callId: string, digits: string): void {
    this.actions.push({ kind: 'dtmf', callId, digits });
  }

  transfer(callId: string, target: string): void {
    this.actions.push({ kind: 'transfer', callId, target });
    if (this.isLive(callId)) this.update(callId, { state: 'ended', cause: `transferred to ${target}` });
  }

  attendedTransfer(callId: string, otherCallId: string): void {
    this.actions.push({ kind: 'attendedTransfer', callId, otherCallId });
    for (const id of [callId, otherCallId]) if (this.isLive(id)) this.update(id, { state: 'ended', cause: 'transferred' });
  }

  private isLive(callId: string): boolean {
    const s = this.calls.get(callId)?.state;
    return s !== undefined && s !== 'ended';
  }

  private nextId(): string {
    this.seq += 1;
    return `fake-call-${this.seq}`;
  }

  private put(info: CallInfo): void {
    this.calls.set(info.id, info);
    const l = this.listener;
    this.defer(() => l?.call(info));
  }

  private update(callId: string, change: { state?: CallState; muted?: boolean; cause?: string }): void {
    const c = this.calls.get(callId);
    if (c !== undefined) this.put({ ...c, ...change });
  }

  private setRegistration(state: RegistrationState, cause?: string): void {
    this.registrationState = state;
    const l = this.listener;
    this.defer(() => (cause === undefined ? l?.registration(state) : l?.registration(state, cause)));
  }
}
