import { describe, expect, it } from 'vitest';
import { callOf, contactNamedBy, linkCalls } from '../src/agent/call-link.js';
import { playPbx } from '../src/agent/demo-pbx.js';
import { createSoftphone, softphoneKindOf } from '../src/softphone/create-softphone.js';
import { FakeSoftphone } from '../src/softphone/fake-softphone.js';
import type { CallInfo, RegistrationState } from '../src/softphone/softphone.js';
import type { DeskContact } from '../src/shared/views.js';

function recorded(phone: FakeSoftphone) {
  const log: Array<RegistrationState | string> = [];
  phone.register({ uri: 'sip:agent05@switchboard.local', wsUri: 'ws://pbx' }, {
    registration: (s, cause) => log.push(cause === undefined ? s : `${s}: ${cause}`),
    call: (c) => log.push(`${c.id} ${c.state}${c.muted ? ' muted' : ''}${c.cause === undefined ? '' : ` (${c.cause})`}`),
  });
  return log;
}

describe('FakeSoftphone', () => {
  it('registers, rings, answers, holds, mutes and hangs up, recording each action', () => {
    const phone = new FakeSoftphone({ defer: (f) => f() });
    const log = recorded(phone);
    const id = phone.incoming('sip:+78129978363@pbx', { 'X-Contact-Id': 'c1' });
    phone.answer(id);
    phone.hold(id, true);
    phone.hold(id, false);
    phone.mute(id, true);
    phone.dtmf(id, '12#');
    phone.hangup(id);
    phone.hangup(id); // once ended, nothing more happens
    expect(log).toEqual(['registering', 'registered', `${id} ringing`, `${id} active`, `${id} held`, `${id} active`, `${id} active muted`, `${id} ended muted (local hangup)`]);
    expect(phone.actions.map((a) => a.kind)).toEqual(['register', 'answer', 'hold', 'hold', 'mute', 'dtmf', 'hangup', 'hangup']);
  });

  it('reports after the method returned (a microtask by default), as the port promises', async () => {
    const phone = new FakeSoftphone();
    const log = recorded(phone);
    expect(log).toEqual([]);
    await Promise.resolve();
    expect(log).toEqual(['registering', 'registered']);
  });

  it('dials out; the far end answers or hangs up; transfers end the call', () => {
    const phone = new FakeSoftphone({ defer: (f) => f() });
    const log = recorded(phone);
    phone.dial('+78129978363');
    const out = phone.liveCalls()[0] as CallInfo;
    expect([out.direction, out.state, out.remote]).toEqual(['outgoing', 'dialling', '+78129978363']);
    phone.answer(out.id); // not ringing: no effect
    phone.remoteAnswer(out.id);
    phone.transfer(out.id, 'sip:agent10@switchboard.local');
    const inc = phone.incoming('sip:x@pbx');
    phone.remoteHangup(inc, 'cancelled');
    expect(log.slice(2)).toEqual([`${out.id} dialling`, `${out.id} active`, `${out.id} ended (transferred to sip:agent10@switchboard.local)`, `${inc} ringing`, `${inc} ended (cancelled)`]);
  });

  it('can leave registration pending and fail it; unregistering ends live calls', () => {
    const phone = new FakeSoftphone({ defer: (f) => f(), autoRegister: false });
    const log = recorded(phone);
    phone.completeRegistration(false, 'Authentication Error');
    expect(phone.registration).toBe('failed');
    const id = phone.incoming('sip:x@pbx');
    phone.unregister();
    expect(log).toEqual(['registering', 'failed: Authentication Error', `${id} ringing`, `${id} ended (unregistered)`, 'unregistered']);
  });
});

describe('createSoftphone', () => {
  it('?softphone=fake chooses the fake; otherwise JsSIP when built in, else the fake', () => {
    expect(softphoneKindOf('?softphone=fake', true)).toBe('fake');
    expect(softphoneKindOf('', true)).toBe('jssip');
    expect(softphoneKindOf('?softphone=jssip', false)).toBe('fake');
    expect(softphoneKindOf('', false)).toBe('fake');
  });

  it('makes a fake the demo page can drive', async () => {
    const chosen = await createSoftphone('?softphone=fake');
    expect(chosen.kind).toBe('fake');
    expect(chosen.kind === 'fake' && chosen.fake === chosen.phone).toBe(true);
  });
});

const call = (id: string, headers: Record<string, string> = {}, state: CallInfo['state'] = 'ringing'): CallInfo => ({ id, direction: 'incoming', remote: 'sip:x@pbx', headers, state, muted: false });

describe('linking calls to contacts', () => {
  it('by a contact header, any case', () => {
    expect(contactNamedBy(call('k', { 'x-switchboard-contact': 'c2' }), ['c1', 'c2'])).toBe('c2');
    expect(contactNamedBy(call('k', { 'Call-ID': 'c1' }), ['c1'])).toBe('c1');
    expect(contactNamedBy(call('k', { 'X-Other': 'c1' }), ['c1'])).toBeUndefined();
  });

  it('a lone ringing call goes with a lone contact; two of each without headers stay unlinked', () => {
    expect(linkCalls([call('k1')], ['c1'], {})).toEqual({ k1: 'c1' });
    expect(linkCalls([call('k1'), call('k2')], ['c1', 'c2'], {})).toEqual({});
    expect(linkCalls([call('k1'), call('k2', { 'X-Contact-Id': 'c2' })], ['c1', 'c2'], {})).toEqual({ k1: 'c1', k2: 'c2' });
  });

  it('keeps a link while its contact is on the desk; ended calls are not found', () => {
    expect(linkCalls([call('k1', {}, 'active'), call('k2')], ['c1', 'c2'], { k1: 'c1' })).toEqual({ k1: 'c1', k2: 'c2' });
    expect(callOf({ k1: 'c1' }, [call('k1', {}, 'ended')], 'c1')).toBeUndefined();
  });
});

describe('the demo PBX', () => {
  const voice = (id: string, state = 'reserved', channel = 'voice'): DeskContact => ({ id, state, channel, queueId: 'sales', createdAt: 0, callback: false, attributes: { caller: '+78129978363' } });

  it('rings once per voice offer, never for chats, and stops ringing when the offer is withdrawn', () => {
    const phone = new FakeSoftphone({ defer: (f) => f() });
    let ringing = playPbx(phone, [voice('c1'), voice('chat-1', 'reserved', 'chat')], {});
    expect(Object.keys(ringing)).toEqual(['c1']);
    const id = ringing.c1 as string;
    expect(phone.call(id)).toMatchObject({ state: 'ringing', remote: 'sip:+78129978363@pbx.invalid', headers: { 'X-Contact-Id': 'c1' } });
    phone.hangup(id); // declined
    ringing = playPbx(phone, [voice('c1')], ringing);
    expect(phone.liveCalls()).toEqual([]); // not rung again
    const id2 = playPbx(phone, [voice('c2')], ringing).c2 as string;
    playPbx(phone, [], { c2: id2 });
    expect(phone.call(id2)).toMatchObject({ state: 'ended', cause: 'offer withdrawn' });
  });
});
