// JsSipSoftphone's mapping of JsSIP events to the Softphone port, on a fake JsSIP user agent and
// fake sessions (the real thing runs in Chromium against Kamailio: test/browser/sip-call.test.ts).
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsSipSoftphone, headersOf, retryDelayMs, type JsSipSoftphoneOptions } from '../src/softphone/jssip-softphone.js';
import type { CallInfo, SipCredentials } from '../src/softphone/softphone.js';

class FakeSession extends EventEmitter {
  readonly remote_identity: { uri: { toString(): string } };
  readonly connection = undefined;
  readonly did: Array<[string, ...unknown[]]> = [];
  /** The completion callback of the last hold/unhold: the re-INVITE is under way until it is called. */
  reoffer: (() => void) | undefined;

  constructor(readonly id: string, readonly direction: 'incoming' | 'outgoing', remote: string) {
    super();
    this.remote_identity = { uri: { toString: () => remote } };
  }

  answer(o: unknown) { this.did.push(['answer', o]); }
  terminate(o?: unknown) { this.did.push(['terminate', o]); }
  hold(_o: unknown, done: () => void) { return this.reinvite('hold', done); }
  unhold(_o: unknown, done: () => void) { return this.reinvite('unhold', done); }
  mute(o: unknown) { this.did.push(['mute', o]); this.emit('muted', o); }
  unmute(o: unknown) { this.did.push(['unmute', o]); this.emit('unmuted', o); }
  sendDTMF(tones: string, o: unknown) { this.did.push(['dtmf', tones, o]); }
  refer(target: unknown, o: unknown) { this.did.push(['refer', target, o]); }

  private reinvite(kind: 'hold' | 'unhold', done: () => void): boolean {
    if (this.reoffer !== undefined) return false; // JsSIP: not ready to re-offer
    this.did.push([kind]);
    this.reoffer = () => { this.reoffer = undefined; done(); };
    this.emit(kind, { originator: 'local' });
    return true;
  }
}

class FakeUserAgent extends EventEmitter {
  started = false;
  stopped = false;
  registers = 0;
  connected = true;
  readonly dialled: Array<{ target: string; options: unknown; session: FakeSession }> = [];
  private n = 0;

  constructor(readonly config: Record<string, unknown>, readonly wsUri: string) { super(); }
  start() { this.started = true; }
  stop() { this.stopped = true; }
  register() { this.registers += 1; }
  isConnected() { return this.connected; }
  call(target: string, options: unknown) {
    if (!target.startsWith('sip:')) throw new TypeError(`Invalid target: ${target}`);
    const s = new FakeSession(`out-${++this.n}`, 'outgoing', target);
    this.dialled.push({ target, options, session: s });
    this.emit('newRTCSession', { originator: 'local', session: s, request: {} });
    return s;
  }

  /** An INVITE arrives. */
  incoming(id: string, from: string, headers: Record<string, string[]> = {}): FakeSession {
    const s = new FakeSession(id, 'incoming', from);
    const request = { headers: Object.fromEntries(Object.entries(headers).map(([k, vs]) => [k, vs.map((raw) => ({ raw }))])) };
    this.emit('newRTCSession', { originator: 'remote', session: s, request });
    return s;
  }
}

const credentials: SipCredentials = {
  uri: 'sip:ann@switchboard.local', wsUri: 'ws://127.0.0.1:8088', authorizationUser: '1795000000:ann', password: 'pw', displayName: 'Ann',
};

function setUp(options: JsSipSoftphoneOptions = {}) {
  const uas: FakeUserAgent[] = [];
  const registrations: string[] = [];
  const calls: CallInfo[] = [];
  const phone = new JsSipSoftphone({
    playRemoteAudio: () => undefined, ...options,
    createUserAgent: (config, wsUri) => {
      const ua = new FakeUserAgent(config as Record<string, unknown>, wsUri);
      uas.push(ua);
      return ua;
    },
  });
  const listener = {
    registration: (s: string, cause?: string) => registrations.push(cause === undefined ? s : `${s}: ${cause}`),
    call: (c: CallInfo) => calls.push(c),
  };
  phone.register(credentials, listener);
  const ua = uas[0] as FakeUserAgent;
  const states = (id: string) => calls.filter((c) => c.id === id).map((c) => (c.cause === undefined ? c.state : `${c.state}: ${c.cause}`));
  const last = (id: string) => calls.filter((c) => c.id === id).at(-1);
  return { phone, ua, uas, registrations, calls, states, last, listener };
}

describe('JsSipSoftphone: registration', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('configures JsSIP from the issued credentials and reports registering → registered', () => {
    const { ua, registrations } = setUp({ reconnect: { minSeconds: 1, maxSeconds: 8 } });
    expect(ua.wsUri).toBe('ws://127.0.0.1:8088');
    expect(ua.config).toMatchObject({
      uri: 'sip:ann@switchboard.local', authorization_user: '1795000000:ann', password: 'pw', display_name: 'Ann', register: true,
      connection_recovery_min_interval: 1, connection_recovery_max_interval: 8,
    });
    expect(ua.started).toBe(true);
    ua.emit('connecting', {});
    ua.emit('connected', {});
    ua.emit('registered', {});
    expect(registrations).toEqual(['registering', 'registered']);
  });

  it('reports a dropped connection as failed, then registering again while JsSIP reconnects, then registered', () => {
    const { ua, registrations } = setUp();
    ua.emit('registered', {});
    ua.emit('disconnected', { error: true });
    ua.emit('unregistered', {}); // JsSIP's registrator follows the transport down: nothing new to say
    ua.emit('connecting', { attempts: 1 });
    ua.emit('disconnected', { error: true });
    ua.emit('connecting', { attempts: 2 });
    ua.emit('registered', {});
    expect(registrations).toEqual(['registering', 'registered', 'failed: Connection Error', 'registering', 'failed: Connection Error', 'registering', 'registered']);
  });

  it('retries a refused REGISTER with back-off while connected, but not an authentication failure', () => {
    const { ua, registrations } = setUp({ reconnect: { minSeconds: 2, maxSeconds: 5 } });
    ua.emit('registrationFailed', { cause: 'Request Timeout' });
    vi.advanceTimersByTime(1_999);
    expect(ua.registers).toBe(0);
    vi.advanceTimersByTime(1);
    expect(ua.registers).toBe(1);
    ua.emit('registrationFailed', { cause: 'Request Timeout' });
    vi.advanceTimersByTime(4_000);
    expect(ua.registers).toBe(2);
    ua.emit('registrationFailed', { cause: 'Authentication Error' });
    vi.advanceTimersByTime(60_000);
    expect(ua.registers).toBe(2);
    expect(registrations).toEqual(['registering', 'failed: Request Timeout', 'registering', 'failed: Request Timeout', 'registering', 'failed: Authentication Error']);
  });

  it('leaves re-registration to the reconnection when the connection is down', () => {
    const { ua } = setUp();
    ua.connected = false;
    ua.emit('registrationFailed', { cause: 'Connection Error' });
    vi.advanceTimersByTime(60_000);
    expect(ua.registers).toBe(0);
  });

  it('doubles the wait from min to max', () => {
    expect([0, 1, 2, 3, 4, 50].map((a) => retryDelayMs(a, 2, 30))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('unregisters: stops the user agent, ends its calls, and ignores it from then on', () => {
    const { phone, ua, registrations, states } = setUp();
    ua.emit('registered', {});
    const s = ua.incoming('in-1', 'sip:bob@switchboard.local');
    phone.unregister();
    expect(ua.stopped).toBe(true);
    expect(states(s.id)).toEqual(['ringing', 'ended: Unregistered']);
    ua.emit('registered', {});
    s.emit('accepted', {});
    expect(registrations).toEqual(['registering', 'registered', 'unregistered']);
    expect(states(s.id)).toHaveLength(2);
  });

  it('replaces the user agent when registering again (fresh credentials)', () => {
    const { phone, uas, registrations, listener } = setUp();
    phone.register({ ...credentials, password: 'new' }, listener);
    expect(uas[0]?.stopped).toBe(true);
    expect(uas[1]?.config.password).toBe('new');
    uas[0]?.emit('registered', {});
    uas[1]?.emit('registered', {});
    expect(registrations).toEqual(['registering', 'registering', 'registered']);
  });
});

describe('JsSipSoftphone: calls', () => {
  it('shows an incoming call with its INVITE headers, answers it with audio, and follows it to the end', () => {
    const { phone, ua, states, last } = setUp();
    const s = ua.incoming('in-1', 'sip:+78129978363@pbx', { 'X-Switchboard-Contact': ['c-42'], 'Call-ID': ['abc'], Via: ['SIP/2.0/WS a', 'SIP/2.0/UDP b'] });
    expect(last('in-1')).toEqual({
      id: 'in-1', direction: 'incoming', remote: 'sip:+78129978363@pbx', state: 'ringing', muted: false,
      headers: { 'X-Switchboard-Contact': 'c-42', 'Call-ID': 'abc', Via: 'SIP/2.0/WS a, SIP/2.0/UDP b' },
    });
    phone.answer('in-1');
    expect(s.did[0]).toEqual(['answer', { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } }]);
    s.emit('accepted', {});
    s.emit('confirmed', {});
    s.emit('hold', { originator: 'remote' }); // the other side's hold is not ours
    phone.mute('in-1', true);
    phone.hold('in-1', true);
    s.reoffer?.();
    phone.hold('in-1', false);
    s.reoffer?.();
    phone.mute('in-1', false);
    s.emit('ended', { originator: 'remote', cause: 'Terminated' });
    phone.hangup('in-1'); // gone: nothing to do
    expect(states('in-1')).toEqual(['ringing', 'active', 'active', 'held', 'active', 'active', 'ended: Terminated']);
    expect(s.did.map((d) => d[0])).toEqual(['answer', 'mute', 'hold', 'unhold', 'unmute']);
  });

  it('declines a ringing call with 603 and ends an answered one plainly', () => {
    const { phone, ua } = setUp();
    const ringing = ua.incoming('in-1', 'sip:x@pbx');
    phone.hangup('in-1');
    expect(ringing.did).toEqual([['terminate', { status_code: 603, reason_phrase: 'Decline' }]]);
    const answered = ua.incoming('in-2', 'sip:y@pbx');
    answered.emit('accepted', {});
    phone.hangup('in-2');
    expect(answered.did).toEqual([['terminate', {}]]);
  });

  it('dials: dialling, then active when answered, or ended with the reason it failed', () => {
    const { phone, ua, states, last } = setUp();
    phone.dial('sip:bob@switchboard.local');
    phone.dial('sip:cat@switchboard.local');
    expect(ua.dialled.map((d) => d.target)).toEqual(['sip:bob@switchboard.local', 'sip:cat@switchboard.local']);
    const [bob, cat] = ua.dialled.map((d) => d.session) as [FakeSession, FakeSession];
    bob.emit('progress', {});
    bob.emit('accepted', {});
    bob.emit('confirmed', {});
    cat.emit('failed', { originator: 'remote', cause: 'Busy' });
    expect(states(bob.id)).toEqual(['dialling', 'active']);
    expect(states(cat.id)).toEqual(['dialling', 'ended: Busy']);
    expect(last(bob.id)).toMatchObject({ direction: 'outgoing', remote: 'sip:bob@switchboard.local', headers: {} });
  });

  it('reports a dial it could not make as a call that ended at once', () => {
    const { phone, calls } = setUp();
    phone.dial('not a target');
    expect(calls).toEqual([{ id: 'failed-dial-1', direction: 'outgoing', remote: 'not a target', headers: {}, state: 'ended', muted: false, cause: 'Invalid target: not a target' }]);
    phone.unregister();
    phone.dial('sip:bob@x');
    expect(calls.at(-1)).toMatchObject({ state: 'ended', cause: 'Not registered' });
  });

  it('holds then unholds at once: the unhold waits for the hold re-INVITE to finish', () => {
    const { phone, ua, states } = setUp();
    const s = ua.incoming('in-1', 'sip:x@pbx');
    s.emit('accepted', {});
    phone.hold('in-1', true);
    phone.hold('in-1', false);
    expect(s.did).toEqual([['hold']]);
    s.reoffer?.();
    expect(s.did).toEqual([['hold'], ['unhold']]);
    s.reoffer?.();
    expect(states('in-1')).toEqual(['ringing', 'active', 'held', 'active']);
  });

  it('sends DTMF in the media by default, as SIP INFO when asked, and hears INFO tones', () => {
    const heard: string[] = [];
    for (const [options, transport] of [[{}, 'RFC2833'], [{ dtmfTransport: 'info' as const, onDtmfReceived: (_: string, t: string) => heard.push(t) }, 'INFO']] as const) {
      const { phone, ua } = setUp(options);
      const s = ua.incoming('in-1', 'sip:x@pbx');
      s.emit('accepted', {});
      phone.dtmf('in-1', '12#');
      expect(s.did.at(-1)).toEqual(['dtmf', '12#', { transportType: transport, duration: 100, interToneGap: 70 }]);
      s.emit('newDTMF', { originator: 'remote', dtmf: { tone: '7' } });
      s.emit('newDTMF', { originator: 'local', dtmf: { tone: '1' } });
    }
    expect(heard).toEqual(['7']);
  });

  it('blind transfer: REFERs the call and leaves it once the REFER is accepted', () => {
    const { phone, ua } = setUp();
    const s = ua.incoming('in-1', 'sip:x@pbx');
    s.emit('accepted', {});
    phone.transfer('in-1', 'sip:cat@switchboard.local');
    const [kind, target, options] = s.did[0] as [string, string, { eventHandlers: { requestSucceeded(): void } }];
    expect([kind, target]).toEqual(['refer', 'sip:cat@switchboard.local']);
    expect(s.did).toHaveLength(1);
    options.eventHandlers.requestSucceeded();
    expect(s.did.at(-1)).toEqual(['terminate', undefined]);
  });

  it('attended transfer: REFERs the first call to the consulted party with Replaces, and leaves it once connected', () => {
    const { phone, ua } = setUp();
    const customer = ua.incoming('in-1', 'sip:+7812@pbx');
    customer.emit('accepted', {});
    phone.dial('sip:cat@switchboard.local');
    phone.attendedTransfer('in-1', 'out-1');
    const [kind, target, options] = customer.did[0] as [string, { toString(): string }, { replaces: FakeSession; eventHandlers: { accepted(): void } }];
    expect([kind, String(target), options.replaces.id]).toEqual(['refer', 'sip:cat@switchboard.local', 'out-1']);
    options.eventHandlers.accepted();
    expect(customer.did.at(-1)).toEqual(['terminate', undefined]);
    phone.attendedTransfer('in-1', 'no-such-call');
    expect(customer.did).toHaveLength(2);
  });

  it('follows a REFER from the other party (unless told not to), and answers an INVITE that replaces its call', () => {
    const { ua } = setUp();
    const s = ua.incoming('in-1', 'sip:x@pbx');
    s.emit('accepted', {});
    const accept = vi.fn();
    s.emit('refer', { accept, reject: vi.fn() });
    expect(accept).toHaveBeenCalledWith(expect.any(Function), { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });

    const replacing = new FakeSession('in-2', 'incoming', 'sip:+7812@pbx');
    s.emit('replaces', { accept: (init: (x: FakeSession) => void) => { init(replacing); ua.emit('newRTCSession', { originator: 'remote', session: replacing, request: {} }); } });
    expect(replacing.did.map((d) => d[0])).toEqual(['answer']);

    const refusing = setUp({ acceptTransfers: false });
    const t = refusing.ua.incoming('in-1', 'sip:x@pbx');
    const reject = vi.fn();
    t.emit('refer', { accept: vi.fn(), reject });
    expect(reject).toHaveBeenCalled();
  });
});

describe('headersOf', () => {
  it('reads the headers JsSIP parsed, joining repeated ones', () => {
    expect(headersOf({ headers: { 'X-A': [{ raw: '1' }, { raw: '2' }] } })).toEqual({ 'X-A': '1, 2' });
    expect(headersOf(undefined)).toEqual({});
  });
});
