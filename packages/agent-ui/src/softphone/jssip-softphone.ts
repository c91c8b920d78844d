import { C, UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { RTCSessionEvent, UAConfiguration } from 'jssip/lib/UA.js';
import type { CallInfo, RegistrationState, SipCredentials, Softphone, SoftphoneListener } from './softphone.js';

/** What the phone uses of a JsSIP session (tests drive a fake one). */
export type JsSipSession = Pick<RTCSession,
  'id' | 'direction' | 'remote_identity' | 'connection' | 'answer' | 'terminate' | 'hold' | 'unhold' | 'mute' | 'unmute' | 'sendDTMF' | 'refer' | 'on'>;

/** What the phone uses of a JsSIP user agent (tests drive a fake one). */
export interface JsSipUserAgent {
  on(event: string, listener: (e: never) => void): unknown;
  start(): void;
  stop(): void;
  register(): void;
  isConnected(): boolean;
  call(target: string, options: object): unknown;
}

export interface JsSipSoftphoneOptions {
  /** Seconds between reconnection (and re-registration) attempts, growing from min to max (default 2 and 30). */
  readonly reconnect?: { readonly minSeconds: number; readonly maxSeconds: number };
  /** ICE servers for calls (default none: the PBX's media relay or the local network). */
  readonly iceServers?: readonly RTCIceServer[];
  /** How DTMF goes: `rfc2833` (default) in the media as telephone events, `info` as SIP INFO requests. */
  readonly dtmfTransport?: 'rfc2833' | 'info';
  /** Follow a REFER from the other party (they transfer this phone elsewhere); default true. */
  readonly acceptTransfers?: boolean;
  /** Plays a call's remote audio, and stops it (`undefined`) when the call ends; default one `<audio>` per call. */
  readonly playRemoteAudio?: (callId: string, stream: MediaStream | undefined) => void;
  /** DTMF the other party sent as SIP INFO. */
  readonly onDtmfReceived?: (callId: string, tone: string) => void;
  /** Makes the user agent; default JsSIP's, over a WebSocket to `credentials.wsUri`. */
  readonly createUserAgent?: (config: Omit<UAConfiguration, 'sockets'>, wsUri: string) => JsSipUserAgent;
}

/** Registration failures that retrying with the same credentials cannot mend: fetch new ones and `register()` again. */
const FINAL_CAUSES = new Set(['Authentication Error', 'Rejected', 'Not Found', 'Bad Media Description']);

/** The wait before re-registration attempt `attempt` (0-based): min doubling up to max, in ms. */
export const retryDelayMs = (attempt: number, minSeconds: number, maxSeconds: number): number =>
  Math.min(maxSeconds, minSeconds * 2 ** Math.min(attempt, 16)) * 1000;

/** The INVITE's headers by their canonical name (`X-Switchboard-Contact`, `Call-ID`); repeated ones joined with `, `. */
export function headersOf(request: unknown): Record<string, string> {
  const raw = (request as { headers?: Record<string, ReadonlyArray<{ raw: string }>> } | undefined)?.headers ?? {};
  return Object.fromEntries(Object.entries(raw).map(([name, values]) => [name, values.map((v) => v.raw).join(', ')]));
}

const defaultUserAgent = (config: Omit<UAConfiguration, 'sockets'>, wsUri: string): JsSipUserAgent =>
  new UA({ ...config, sockets: [new WebSocketInterface(wsUri)] }) as unknown as JsSipUserAgent;

/** One `<audio>` element per call, removed when the call ends. */
function audioElements(): (callId: string, stream: MediaStream | undefined) => void {
  const playing = new Map<string, HTMLAudioElement>();
  return (callId, stream) => {
    const old = playing.get(callId);
    if (stream === undefined) {
      old?.remove();
      playing.delete(callId);
      return;
    }
    const audio = old ?? document.body.appendChild(Object.assign(document.createElement('audio'), { autoplay: true }));
    audio.srcObject = stream;
    playing.set(callId, audio);
    void audio.play().catch(() => undefined); // autoplay may wait for a user gesture; the call goes on
  };
}

/** Hands a listener's exception to the page (window.onerror) instead of into JsSIP's event loop. */
function safely(f: () => void): void {
  try {
    f();
  } catch (e) {
    setTimeout(() => { throw e; });
  }
}

interface Call {
  readonly session: JsSipSession;
  info: CallInfo;
  /** The hold the desktop asked for last; applied one re-INVITE at a time. */
  wantHold?: boolean;
  reoffering?: boolean;
  holdRetries?: number;
}

/**
 * The agent's SIP phone on JsSIP: registers over WebSocket with the credentials the service
 * issues (`GET /v1/me/sip`), answers, dials, holds, mutes, sends DTMF, transfers (REFER; with
 * Replaces when attended), and reports registration and calls through the listener.
 *
 * Registration: a dropped connection reports `failed` and reconnects with back-off (JsSIP's
 * connection recovery), re-registering once connected (`registering` → `registered`); a refused
 * REGISTER other than an authentication failure is retried with the same back-off. An
 * authentication failure is final: the credentials expired or were revoked, so the desktop
 * fetches new ones and calls `register()` again (which replaces the user agent).
 *
 * Calls: `held` is this phone's own hold; `muted` its microphone; an INVITE with Replaces for a
 * call of this phone (the far end of an attended transfer) is answered at once and takes over.
 *
 * @example
 * ```ts
 * const phone = new JsSipSoftphone();
 * phone.register(await api.get<SipCredentials>('/v1/me/sip'), {
 *   registration: (state, cause) => render({ state, cause }),
 *   call: (call) => { if (call.state === 'ringing') phone.answer(call.id); },
 * });
 * ```
 */
export class JsSipSoftphone implements Softphone {
  private ua: JsSipUserAgent | undefined;
  private listener: SoftphoneListener | undefined;
  private readonly calls = new Map<string, Call>();
  private reported: string | undefined;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sessions that replace a call of ours (attended transfer to us): answered as they arrive. */
  private readonly replacing = new WeakSet<object>();
  private failedDials = 0;
  private audio: ((callId: string, stream: MediaStream | undefined) => void) | undefined;

  constructor(private readonly options: JsSipSoftphoneOptions = {}) {}

  register(credentials: SipCredentials, listener: SoftphoneListener): void {
    this.stop();
    this.listener = listener;
    this.attempts = 0;
    const { minSeconds = 2, maxSeconds = 30 } = this.options.reconnect ?? {};
    const ua = (this.options.createUserAgent ?? defaultUserAgent)({
      uri: credentials.uri, register: true, user_agent: 'Switchboard softphone (JsSIP)',
      connection_recovery_min_interval: minSeconds, connection_recovery_max_interval: maxSeconds,
      ...(credentials.authorizationUser === undefined ? {} : { authorization_user: credentials.authorizationUser }),
      ...(credentials.password === undefined ? {} : { password: credentials.password }),
      ...(credentials.displayName === undefined ? {} : { display_name: credentials.displayName }),
    }, credentials.wsUri);
    this.ua = ua;
    const mine = (f: (e: never) => void) => (e: never) => { if (this.ua === ua) f(e); };
    ua.on('connecting', mine(() => this.report('registering')));
    ua.on('disconnected', mine(() => this.report('failed', 'Connection Error')));
    ua.on('registered', mine(() => { this.attempts = 0; this.report('registered'); }));
    ua.on('registrationFailed', mine((e: { cause?: string }) => this.registrationFailed(ua, e.cause ?? 'Registration failed')));
    ua.on('newRTCSession', mine((e: RTCSessionEvent) => this.track(e)));
    this.report('registering');
    ua.start();
  }

  unregister(): void {
    if (this.ua === undefined) return;
    this.stop();
    this.report('unregistered');
  }

  dial(target: string): void {
    try {
      if (this.ua === undefined) throw new Error('Not registered');
      this.ua.call(target, this.mediaOptions());
    } catch (e) {
      // No session was made: say so with a call that ended before it began.
      this.emit({ id: `failed-dial-${++this.failedDials}`, direction: 'outgoing', remote: target, headers: {}, state: 'ended', muted: false, cause: (e as Error).message });
    }
  }

  answer(callId: string): void {
    this.with(callId, (s, info) => { if (info.state === 'ringing') s.answer(this.mediaOptions()); });
  }

  hangup(callId: string): void {
    this.with(callId, (s, info) => s.terminate(info.state === 'ringing' ? { status_code: 603, reason_phrase: 'Decline' } : {}));
  }

  hold(callId: string, on: boolean): void {
    const call = this.calls.get(callId);
    if (call === undefined) return;
    call.wantHold = on;
    call.holdRetries = 0;
    this.applyHold(call);
  }

  mute(callId: string, on: boolean): void {
    this.with(callId, (s) => (on ? s.mute({ audio: true }) : s.unmute({ audio: true })));
  }

  dtmf(callId: string, digits: string): void {
    const transportType = this.options.dtmfTransport === 'info' ? C.DTMF_TRANSPORT.INFO : C.DTMF_TRANSPORT.RFC2833;
    this.with(callId, (s) => s.sendDTMF(digits, { transportType, duration: 100, interToneGap: 70 }));
  }

  transfer(callId: string, target: string): void {
    // Blind: once the other party takes the REFER (202) the call is theirs to move; we leave it.
    this.with(callId, (s) => s.refer(target, { eventHandlers: { requestSucceeded: () => this.hangupQuietly(callId) } }));
  }

  attendedTransfer(callId: string, otherCallId: string): void {
    const other = this.calls.get(otherCallId)?.session;
    if (other === undefined) return;
    // Once the transferee reached the consulted party (NOTIFY 200), leave the first call; the
    // consulted party ends the consultation itself when the INVITE with Replaces takes it over.
    this.with(callId, (s) => s.refer(other.remote_identity.uri, { replaces: other as RTCSession, eventHandlers: { accepted: () => this.hangupQuietly(callId) } }));
  }

  private stop(): void {
    clearTimeout(this.retryTimer);
    const ua = this.ua;
    if (ua === undefined) return;
    ua.stop(); // ends every call and unregisters
    this.ua = undefined;
    this.reported = undefined;
    // A call JsSIP ends only once the far end answers its CANCEL is over for the desktop now.
    for (const id of [...this.calls.keys()]) this.update(id, { state: 'ended', cause: 'Unregistered' });
  }

  private registrationFailed(ua: JsSipUserAgent, cause: string): void {
    this.report('failed', cause);
    if (FINAL_CAUSES.has(cause) || !ua.isConnected()) return; // not connected: reconnecting re-registers
    const { minSeconds = 2, maxSeconds = 30 } = this.options.reconnect ?? {};
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => { if (this.ua === ua) { this.report('registering'); ua.register(); } }, retryDelayMs(this.attempts++, minSeconds, maxSeconds));
  }

  private report(state: RegistrationState, cause?: string): void {
    const key = `${state}|${cause ?? ''}`;
    if (key === this.reported) return;
    this.reported = key;
    const listener = this.listener;
    if (listener !== undefined) safely(() => listener.registration(state, cause));
  }

  private emit(info: CallInfo): void {
    const listener = this.listener;
    if (listener !== undefined) safely(() => listener.call(info));
  }

  private mediaOptions(): object {
    return { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [...(this.options.iceServers ?? [])] } };
  }

  /** Runs `f` on a live call; an unknown id, or a call that moved on meanwhile (JsSIP's INVALID_STATE_ERROR), does nothing. */
  private with(callId: string, f: (s: JsSipSession, info: CallInfo) => unknown): void {
    const call = this.calls.get(callId);
    if (call === undefined) return;
    try {
      f(call.session, call.info);
    } catch (e) {
      if ((e as { name?: string }).name !== 'INVALID_STATE_ERROR') throw e;
    }
  }

  /**
   * Brings the call's hold to what the desktop asked for. JsSIP refuses a re-INVITE while one is
   * under way (hold then unhold at once), so each waits for the previous one, and one refused
   * for another reason (the other side re-negotiating) is tried again shortly.
   */
  private applyHold(call: Call): void {
    if (call.reoffering === true || call.wantHold === undefined || this.calls.get(call.info.id) !== call) return;
    if (call.wantHold === (call.info.state === 'held')) return;
    const done = () => { call.reoffering = false; this.applyHold(call); };
    call.reoffering = call.wantHold ? call.session.hold({}, done) : call.session.unhold({}, done);
    if (!call.reoffering && (call.holdRetries = (call.holdRetries ?? 0) + 1) <= 20) setTimeout(() => this.applyHold(call), 250);
  }

  private hangupQuietly(callId: string): void {
    this.with(callId, (s) => s.terminate());
  }

  private play(callId: string, stream: MediaStream | undefined): void {
    (this.options.playRemoteAudio ?? (this.audio ??= audioElements()))(callId, stream);
  }

  private update(callId: string, change: Partial<Pick<CallInfo, 'state' | 'muted' | 'cause'>>): void {
    const call = this.calls.get(callId);
    if (call === undefined) return;
    const next = { ...call.info, ...change };
    if (next.state === call.info.state && next.muted === call.info.muted) return;
    call.info = next;
    if (next.state === 'ended') {
      this.calls.delete(callId);
      this.play(callId, undefined);
    }
    this.emit(next);
  }

  private track(e: RTCSessionEvent): void {
    const s = e.session as JsSipSession;
    const incoming = e.originator === 'remote';
    const info: CallInfo = {
      id: s.id, direction: incoming ? 'incoming' : 'outgoing', remote: String(s.remote_identity.uri),
      headers: incoming ? headersOf(e.request) : {}, state: incoming ? 'ringing' : 'dialling', muted: false,
    };
    this.calls.set(s.id, { session: s, info });
    this.listenTo(s);
    this.emit(info);
    if (incoming && this.replacing.has(s)) this.answer(s.id);
  }

  private listenTo(s: JsSipSession): void {
    const id = s.id;
    const ended = (e: { cause?: string }) => this.update(id, { state: 'ended', ...(e.cause === undefined ? {} : { cause: e.cause }) });
    s.on('accepted', () => this.update(id, { state: 'active' }));
    s.on('confirmed', () => { if (this.calls.get(id)?.info.state !== 'held') this.update(id, { state: 'active' }); });
    s.on('hold', (e) => { if (e.originator === 'local') this.update(id, { state: 'held' }); });
    s.on('unhold', (e) => { if (e.originator === 'local') this.update(id, { state: 'active' }); });
    s.on('muted', () => this.update(id, { muted: true }));
    s.on('unmuted', () => this.update(id, { muted: false }));
    s.on('ended', ended);
    s.on('failed', ended);
    s.on('newDTMF', (e: { originator: string; dtmf: { tone: string } }) => { if (e.originator === 'remote') this.options.onDtmfReceived?.(id, e.dtmf.tone); });
    s.on('refer', (e) => (this.options.acceptTransfers === false ? e.reject() : e.accept(() => undefined, this.mediaOptions())));
    // The INVITE with Replaces becomes a new session, announced (newRTCSession) within accept().
    s.on('replaces', (e) => e.accept((next: object) => this.replacing.add(next)));
    const play = (pc: RTCPeerConnection) => pc.addEventListener('track', (t) => this.play(id, t.streams[0] ?? new MediaStream([t.track])));
    if (s.connection !== undefined && s.connection !== null) play(s.connection);
    else s.on('peerconnection', (e) => play(e.peerconnection));
  }
}
