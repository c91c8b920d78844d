import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentDesktop } from '../src/agent/agent-desktop.js';
import { deskView } from '../src/agent/desk-view.js';
import { FakeSoftphone } from '../src/softphone/fake-softphone.js';
import { TestService } from './agent-test-service.js';

const ACME = {
  id: 'cust-acme', name: 'ACME Holding', numbers: ['+7 812 997-83-63'], valueTier: 'platinum', ownerAgentId: 'agent05', offers: ['seat-upgrade-discount'],
};

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** The desktop on the test service, with the fake phone either as the demo phone (it plays the PBX) or in JsSIP's place. */
function desktopWith(service: TestService, kind: 'fake' | 'jssip' = 'fake') {
  const phone = new FakeSoftphone({ defer: (f) => f() });
  const softphone = kind === 'fake' ? { kind, phone, fake: phone } as const : { kind, phone } as const;
  const desktop = new AgentDesktop({ softphone, openStream: service.openStream, fetcher: service.fetcher, base: 'http://sb.test', now: () => service.now, storage: memoryStorage() });
  return { desktop, phone };
}

const posted = (s: TestService, path: string) => s.requests.filter((r) => r.method === 'POST' && r.path === path);

let service: TestService;
beforeEach(() => {
  service = new TestService();
  service.customers['cust-acme'] = ACME;
});

describe('AgentDesktop: session', () => {
  it('logs in, logs the agent in to its queues, follows the desk and registers the demo phone', async () => {
    const { desktop, phone } = desktopWith(service);
    expect(await desktop.login('agent05', 'agent-demo')).toBe(true);
    expect(service.requests.find((r) => r.method === 'PUT')?.body).toEqual({ state: 'loggedIn' });
    await vi.waitFor(() => expect(desktop.state.registration).toBe('registered'));
    expect(phone.actions[0]).toEqual({ kind: 'register', uri: 'sip:agent05@fake.invalid' });
    expect(desktop.state.desk.stream).toBe('open');
    expect(deskView(desktop.state.desk, service.now).agent?.label).toBe('Not ready — just logged in');
  });

  it('refuses a supervisor, with where to go instead', async () => {
    const { desktop } = desktopWith(service);
    expect(await desktop.login('sue', 'supervisor-demo')).toBe(false);
    expect(desktop.state.session).toBeUndefined();
    expect(desktop.state.notice?.text).toMatch(/supervisor console/);
  });

  it('without SIP credentials, a real phone is shown as failed (the demo phone registers anyway)', async () => {
    const { desktop, phone } = desktopWith(service, 'jssip');
    await desktop.login('agent05', 'agent-demo');
    await vi.waitFor(() => expect(desktop.state.registration).toBe('failed'));
    expect(desktop.state.registrationCause).toMatch(/no SIP credentials.*ROUTE_UNKNOWN/);
    expect(phone.actions).toEqual([]);
  });

  it('shows the service\'s refusal of a logout with missing wrap-ups, and the end-of-shift check', async () => {
    const { desktop } = desktopWith(service);
    await desktop.login('agent05', 'agent-demo');
    service.missing = [{ contactId: 'debt-1', queueId: 'collections', answeredAt: 5, needs: { disposition: true, note: true } }];
    service.refuse('PUT', '/v1/me/presence', 409, 'SHIFT_WRAP_UPS_PENDING', "1 contact(s) lack their wrap-up (debt-1); see GET /v1/me/wrap-ups/missing");
    expect(await desktop.logout()).toBe(false);
    expect(desktop.state.session).toBeDefined();
    expect(desktop.state.notice).toEqual({ kind: 'error', text: '1 contact(s) lack their wrap-up (debt-1); see GET /v1/me/wrap-ups/missing (SHIFT_WRAP_UPS_PENDING)' });
    expect(desktop.state.shiftCheck?.missing.map((m) => m.contactId)).toEqual(['debt-1']);
    await desktop.reopenFiling('debt-1', 'collections');
    expect(desktop.state.selected).toBe('debt-1');
    expect(deskView(desktop.state.desk, service.now).wrapUps.map((w) => [w.contact.id, w.held])).toEqual([['debt-1', false]]);
    expect(desktop.state.wrapUpNeeds['debt-1']).toEqual({ disposition: true, note: true });
  });

  it('logs out when nothing is missing: the phone unregisters and the session ends', async () => {
    const { desktop, phone } = desktopWith(service);
    await desktop.login('agent05', 'agent-demo');
    expect(await desktop.logout()).toBe(true);
    expect(desktop.state.session).toBeUndefined();
    expect(phone.actions.at(-1)).toEqual({ kind: 'unregister' });
  });
});

describe('AgentDesktop: an offered call with the softphone', () => {
  async function ready() {
    const env = desktopWith(service);
    await env.desktop.login('agent05', 'agent-demo');
    await env.desktop.setPresence('ready');
    await vi.waitFor(() => expect(env.desktop.state.registration).toBe('registered'));
    return env;
  }

  it('rings the demo phone for the offer, reads the screen pop, and answers the phone when the offer is accepted', async () => {
    const { desktop, phone } = await ready();
    service.offer({ id: 'call-1', attributes: { caller: '+78129978363', customerId: 'cust-acme' } });
    await vi.waitFor(() => expect(desktop.state.desk.contacts.map((c) => c.channel)).toEqual(['voice']));
    const ringing = phone.liveCalls();
    expect(ringing.map((c) => [c.state, c.headers['X-Contact-Id']])).toEqual([['ringing', 'call-1']]);
    await vi.waitFor(() => expect(desktop.state.customers['cust-acme']).toEqual(ACME));

    expect(await desktop.accept('call-1')).toBe(true);
    expect(posted(service, '/v1/me/offers/call-1/accept')[0]?.body).toEqual({ token: 7 });
    expect(phone.actions).toContainEqual({ kind: 'answer', callId: ringing[0]?.id });
    expect(phone.call(ringing[0]?.id ?? '')?.state).toBe('active');
    expect(deskView(desktop.state.desk, service.now).agent?.label).toBe('On a call');
  });

  it('hanging up ends the call and completes the contact: wrap-up starts', async () => {
    const { desktop, phone } = await ready();
    service.offer({ id: 'call-2', attributes: { customerId: 'cust-acme' } });
    await vi.waitFor(() => expect(phone.liveCalls()).toHaveLength(1));
    await desktop.accept('call-2');
    await desktop.complete('call-2');
    expect(phone.actions.at(-1)).toMatchObject({ kind: 'hangup' });
    await vi.waitFor(() => expect(posted(service, '/v1/contacts/call-2/complete')).toHaveLength(1));
    await vi.waitFor(() => expect(deskView(desktop.state.desk, service.now).wrapUps.map((w) => w.contact.id)).toEqual(['call-2']));
  });

  it('the caller hanging up completes the contact too (once)', async () => {
    const { desktop, phone } = await ready();
    service.offer({ id: 'call-3' });
    await vi.waitFor(() => expect(phone.liveCalls()).toHaveLength(1));
    await desktop.accept('call-3');
    const callId = phone.liveCalls()[0]?.id ?? '';
    phone.remoteHangup(callId);
    phone.remoteHangup(callId);
    await vi.waitFor(() => expect(desktop.state.desk.contacts[0]?.state).toBe('completed'));
    expect(posted(service, '/v1/contacts/call-3/complete')).toHaveLength(1);
  });

  it('rejecting declines the offer with its token and the ringing call', async () => {
    const { desktop, phone } = await ready();
    service.offer({ id: 'call-4' }, 11);
    await vi.waitFor(() => expect(phone.liveCalls()).toHaveLength(1));
    const callId = phone.liveCalls()[0]?.id;
    expect(await desktop.reject('call-4')).toBe(true);
    expect(posted(service, '/v1/me/offers/call-4/reject')[0]?.body).toEqual({ token: 11 });
    expect(phone.actions.at(-1)).toEqual({ kind: 'hangup', callId });
    expect(desktop.state.desk.contacts).toEqual([]);
  });

  it('an offer withdrawn while ringing stops the demo phone', async () => {
    const { desktop, phone } = await ready();
    service.offer({ id: 'call-5' });
    await vi.waitFor(() => expect(phone.liveCalls()).toHaveLength(1));
    const callId = phone.liveCalls()[0]?.id ?? '';
    service.contacts = [];
    service.emit('reservation.timedOut', { contactId: 'call-5', reservationId: 'R-call-5' });
    await vi.waitFor(() => expect(phone.call(callId)?.state).toBe('ended'));
    expect(desktop.state.desk.contacts).toEqual([]);
  });

  it('a failed accept shows the service\'s message and leaves the phone ringing', async () => {
    const { desktop, phone } = await ready();
    service.offer({ id: 'call-6' });
    await vi.waitFor(() => expect(phone.liveCalls()).toHaveLength(1));
    service.refuse('POST', '/v1/me/offers/call-6/accept', 409, 'RESERVATION_STALE', 'the offer moved on');
    expect(await desktop.accept('call-6')).toBe(false);
    expect(desktop.state.notice?.text).toBe('the offer moved on (RESERVATION_STALE)');
    expect(phone.liveCalls()[0]?.state).toBe('ringing');
  });
});

describe('AgentDesktop: with a real PBX (the fake phone in JsSIP\'s place)', () => {
  async function registered() {
    service.sip = { uri: 'sip:agent05@switchboard.local', wsUri: 'ws://pbx.test:8088' };
    const env = desktopWith(service, 'jssip');
    await env.desktop.login('agent05', 'agent-demo');
    await vi.waitFor(() => expect(env.desktop.state.registration).toBe('registered'));
    return env;
  }

  it('registers with the credentials the service issues', async () => {
    const { phone } = await registered();
    expect(phone.actions).toEqual([{ kind: 'register', uri: 'sip:agent05@switchboard.local' }]);
  });

  it('an offer accepted before its INVITE arrives is answered when it rings, matched by header', async () => {
    const { desktop, phone } = await registered();
    service.offer({ id: 'call-7' });
    service.offer({ id: 'call-7b' });
    await vi.waitFor(() => expect(desktop.state.desk.contacts).toHaveLength(2));
    await desktop.accept('call-7');
    expect(phone.actions.filter((a) => a.kind === 'answer')).toEqual([]);
    const other = phone.incoming('sip:+78125550000@pbx', { 'X-Switchboard-Contact': 'call-7b' });
    const mine = phone.incoming('sip:+78129978363@pbx', { 'X-Switchboard-Contact': 'call-7' });
    expect(phone.call(mine)?.state).toBe('active');
    expect(phone.call(other)?.state).toBe('ringing');
    expect(desktop.state.links).toEqual({ [other]: 'call-7b', [mine]: 'call-7' });
  });

  it('a lone ringing call without a contact header goes with the lone voice offer', async () => {
    const { desktop, phone } = await registered();
    service.offer({ id: 'call-9' });
    await vi.waitFor(() => expect(desktop.state.desk.contacts).toHaveLength(1));
    const id = phone.incoming('sip:+78129978363@pbx');
    expect(desktop.state.links).toEqual({ [id]: 'call-9' });
    await desktop.accept('call-9');
    expect(phone.call(id)?.state).toBe('active');
  });

  it('click-to-call dials the number as digits', async () => {
    const { desktop, phone } = await registered();
    desktop.phone.dial('+7 (812) 997-83-63');
    expect(phone.actions.at(-1)).toMatchObject({ kind: 'dial', target: '+78129978363' });
    expect(desktop.state.calls.map((c) => [c.direction, c.state])).toEqual([['outgoing', 'dialling']]);
  });

  it('transfers blind to an agent by name, keeping the name (not its digits)', async () => {
    const { desktop, phone } = await registered();
    const id = phone.incoming('sip:+78129978363@pbx.test');
    desktop.phone.answerCall(id);
    desktop.phone.transfer(id, ' agent07 ');
    expect(phone.actions.at(-1)).toEqual({ kind: 'transfer', callId: id, target: 'agent07' });
    desktop.phone.transfer(phone.incoming('sip:x@pbx.test'), '+7 (812) 555-01-02');
    expect(phone.actions.at(-1)).toMatchObject({ kind: 'transfer', target: '+78125550102' });
  });

  it('consults before transferring: holds the caller, dials the target, then hands the caller over (Replaces)', async () => {
    const { desktop, phone } = await registered();
    const caller = phone.incoming('sip:+78129978363@pbx.test');
    desktop.phone.answerCall(caller);
    expect(desktop.phone.completeTransfer(caller)).toBe(false); // nobody consulted yet
    desktop.phone.consult(caller, 'agent07');
    const dial = phone.actions.at(-1);
    expect(phone.actions.slice(-2, -1)).toEqual([{ kind: 'hold', callId: caller, on: true }]);
    expect(dial).toMatchObject({ kind: 'dial', target: 'agent07' });
    const consultation = (dial as { callId: string }).callId;
    expect(desktop.state.consultations).toEqual({ [caller]: consultation });
    phone.remoteAnswer(consultation);
    expect(desktop.phone.completeTransfer(caller)).toBe(true);
    expect(phone.actions.at(-1)).toEqual({ kind: 'attendedTransfer', callId: caller, otherCallId: consultation });
    expect(desktop.state.consultations).toEqual({}); // both calls ended with the transfer
  });
});

describe('AgentDesktop: script, chats, wrap-up', () => {
  it('steps the script through the service', async () => {
    const { desktop } = desktopWith(service);
    service.scripts['call-8'] = {
      selection: { scriptId: 'general', ruleId: 'default', offersAllowed: true },
      script: { id: 'general', title: 'General enquiry', start: 'greet', steps: { greet: { phase: 'greet', say: 'Hello', next: 'help' }, help: { phase: 'resolve', say: 'Help', answers: { ok: { label: 'Resolved', next: 'close' } } }, close: { phase: 'close', say: 'Bye', end: true } } },
    };
    await desktop.login('agent05', 'agent-demo');
    service.offer({ id: 'call-8', script: { scriptId: 'general', title: 'General enquiry', ruleId: 'default', offersAllowed: true } });
    await vi.waitFor(() => expect(desktop.state.scripts['call-8']?.script.title).toBe('General enquiry'));
    await desktop.accept('call-8');
    await desktop.stepScript('call-8');
    await desktop.stepScript('call-8');
    await desktop.stepScript('call-8', 'ok');
    expect(desktop.state.scripts['call-8']?.run?.stepId).toBe('close');
    expect(posted(service, '/v1/contacts/call-8/script').map((r) => r.body)).toEqual([{}, {}, { answer: 'ok' }]);
  });

  it('holds several chats at once and ends each without the phone', async () => {
    const { desktop, phone } = desktopWith(service);
    await desktop.login('agent05', 'agent-demo');
    service.offer({ id: 'chat-1', channel: 'chat', queueId: 'chat' });
    service.offer({ id: 'chat-2', channel: 'chat', queueId: 'chat' });
    await vi.waitFor(() => expect(desktop.state.desk.contacts.map((c) => c.channel)).toEqual(['chat', 'chat']));
    await desktop.accept('chat-1');
    await desktop.accept('chat-2');
    expect(deskView(desktop.state.desk, service.now).agent?.label).toBe('In 2 chats');
    expect(phone.liveCalls()).toEqual([]);
    await desktop.complete('chat-1');
    expect(posted(service, '/v1/contacts/chat-1/complete')).toHaveLength(1);
    expect(deskView(desktop.state.desk, service.now).conversations.map((c) => c.contact.id)).toEqual(['chat-2']);
  });

  it('files the wrap-up, ends it early, and learns the queue\'s dispositions from a refusal', async () => {
    const { desktop } = desktopWith(service);
    await desktop.login('agent05', 'agent-demo');
    service.offer({ id: 'debt-2', queueId: 'collections' });
    await vi.waitFor(() => expect(desktop.state.desk.contacts).toHaveLength(1));
    await desktop.accept('debt-2');
    await desktop.complete('debt-2');
    await vi.waitFor(() => expect(desktop.state.desk.contacts[0]?.state).toBe('completed'));

    service.refuse('POST', '/v1/me/wrap-ups/debt-2', 400, 'DISPOSITION_UNKNOWN', "'paid-later' is not a disposition of queue 'collections' (promise-to-pay, paid, dispute, no-answer)");
    expect(await desktop.fileWrapUp('debt-2', { disposition: 'paid-later', note: 'x' })).toBe(false);
    expect(desktop.state.learnedDispositions.collections).toEqual(['promise-to-pay', 'paid', 'dispute', 'no-answer']);

    service.allow('POST', '/v1/me/wrap-ups/debt-2');
    expect(await desktop.fileWrapUp('debt-2', { disposition: 'paid', note: '  paid by card  ' })).toBe(true);
    expect(posted(service, '/v1/me/wrap-ups/debt-2').at(-1)?.body).toEqual({ disposition: 'paid', note: 'paid by card' });
    expect(posted(service, '/v1/me/wrap-ups/debt-2/finish')).toHaveLength(1);
    expect(desktop.state.desk.filings).toEqual({});
    expect(desktop.state.notice).toEqual({ kind: 'info', text: 'Wrap-up filed for debt-2.' });
  });
});
