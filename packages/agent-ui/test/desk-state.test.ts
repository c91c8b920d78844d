import { describe, expect, it } from 'vitest';
import { activityOf, initialDeskState, needsDeskRefresh, reduceDesk, type DeskAction, type DeskState } from '../src/agent/desk-state.js';
import { deskView, presenceChoices } from '../src/agent/desk-view.js';
import type { AgentView, Desk, DeskContact, ServiceEventMessage } from '../src/shared/views.js';

const T0 = 1_800_000_000_000;

const agent = (p: Partial<AgentView> = {}): AgentView => ({
  id: 'agent05', name: 'Agent 5', presence: 'ready', activity: 'ready', presenceSince: T0 - 60_000, capacity: 6, used: 0, skills: {}, assignments: [], handled: 0, ...p,
});

const contact = (p: Partial<DeskContact> & { id: string }): DeskContact => ({ state: 'active', queueId: 'sales', channel: 'voice', createdAt: T0, callback: false, attributes: {}, ...p });

const ev = (type: string, at: number, fields: Record<string, unknown> = {}): Extract<DeskAction, { type: 'event' }> => ({ type: 'event', event: { type, at, agentId: 'agent05', ...fields } as ServiceEventMessage, receivedAt: at });

const run = (actions: readonly DeskAction[], from: DeskState = initialDeskState): DeskState => actions.reduce(reduceDesk, from);

const loaded = (desk: Desk): DeskAction => ({ type: 'desk.loaded', desk });

const offered = (id: string, at: number, token = 3, deadline = at + 15_000) => ev('reservation.created', at, { contactId: id, token, deadline, reservationId: `R-${id}`, queueId: 'sales', step: 0 });

describe('reduceDesk', () => {
  it('an offer shows the moment reservation.created arrives, before the desk is fetched again', () => {
    const s = run([loaded({ agent: agent(), contacts: [] }), offered('c1', T0)]);
    const v = deskView(s, T0 + 5_000);
    expect(v.offers.map((o) => [o.contact.id, o.token, o.ring.seconds, o.ring.label])).toEqual([['c1', 3, 10, '0:10']]);
    expect(v.offers[0]?.ring.fraction).toBeCloseTo(10 / 15);
    expect(v.agent?.label).toBe('Offer ringing');
  });

  it('the refetched desk replaces the patched one and keeps the offer with its details', () => {
    const full = contact({ id: 'c1', state: 'reserved', reservation: { id: 'R-c1', token: 3, deadline: T0 + 15_000 }, attributes: { customerId: 'cust-acme' } });
    const s = run([loaded({ agent: agent(), contacts: [] }), offered('c1', T0), loaded({ agent: agent({ assignments: [{ contactId: 'c1', queueId: 'sales', phase: 'reserved', since: T0 }] }), contacts: [full] })]);
    expect(s.contacts).toEqual([full]);
    expect(deskView(s, T0).offers[0]?.contact.attributes.customerId).toBe('cust-acme');
  });

  it('follows a call through accept, completion and wrap-up to the end, keeping the filing open until closed', () => {
    let s = run([loaded({ agent: agent(), contacts: [] }), offered('c1', T0), ev('reservation.accepted', T0 + 2_000, { contactId: 'c1', reservationId: 'R-c1' })]);
    expect(deskView(s, T0 + 62_000).conversations.map((c) => [c.contact.id, c.talkTime])).toEqual([['c1', '1:00']]);
    expect(deskView(s, T0 + 62_000).agent?.label).toBe('On a call');

    s = run([ev('contact.completed', T0 + 70_000, { contactId: 'c1', queueId: 'sales' }), ev('agent.wrapUpStarted', T0 + 70_000, { contactId: 'c1', until: T0 + 80_000 })], s);
    let v = deskView(s, T0 + 73_000);
    expect(v.agent?.label).toBe('Wrap-up');
    expect(v.agent?.inStateFor).toBe('0:03');
    expect(v.wrapUps.map((w) => [w.contact.id, w.held, w.left?.label])).toEqual([['c1', true, '0:07']]);

    s = run([ev('agent.wrapUpEnded', T0 + 80_000, { contactId: 'c1' })], s);
    v = deskView(s, T0 + 81_000);
    expect(v.agent?.label).toBe('Ready');
    expect(v.wrapUps.map((w) => [w.contact.id, w.held, w.left])).toEqual([['c1', false, undefined]]); // late: still to file

    s = reduceDesk(s, { type: 'filing.closed', contactId: 'c1' });
    expect(deskView(s, T0 + 82_000).wrapUps).toEqual([]);
  });

  it('a rejected, timed-out, cancelled or transferred contact leaves the desk', () => {
    for (const type of ['reservation.rejected', 'reservation.timedOut', 'reservation.cancelled', 'contact.transferred']) {
      const s = run([loaded({ agent: agent(), contacts: [] }), offered('c1', T0), ev(type, T0 + 1_000, { contactId: 'c1' })]);
      expect(s.contacts, type).toEqual([]);
      expect(deskView(s, T0 + 1_000).agent?.label, type).toBe('Ready');
    }
  });

  it('presence events change the state and its reason', () => {
    const s0 = run([loaded({ agent: agent({ presence: 'offline', activity: 'offline' }), contacts: [] })]);
    const label = (s: DeskState) => deskView(s, T0).agent?.label;
    const s1 = run([ev('agent.loggedIn', T0)], s0);
    expect(label(s1)).toBe('Not ready — just logged in');
    const s2 = run([ev('agent.ready', T0)], s1);
    expect(label(s2)).toBe('Ready');
    expect(label(run([ev('agent.notReady', T0, { reason: 'lunch' })], s2))).toBe('Not ready — Lunch');
    expect(label(run([ev('agent.notReady', T0, { reason: 'dentist' })], s2))).toBe('Not ready — dentist');
    expect(label(run([ev('agent.paused', T0, { missedOffers: 2 })], s2))).toBe('Not ready — paused after missed offers');
    expect(label(run([ev('agent.loggedOut', T0)], s2))).toBe('Logged out');
  });

  it('holds several chats at once, up to what the desk lists', () => {
    const chats = ['a', 'b', 'c'].map((id) => contact({ id, channel: 'chat', queueId: 'chat', answeredAt: T0 }));
    const s = run([loaded({ agent: agent({ used: 3 }), contacts: chats })]);
    const v = deskView(s, T0 + 1_000);
    expect(v.conversations.map((c) => c.contact.id)).toEqual(['a', 'b', 'c']);
    expect(v.agent?.label).toBe('In 3 chats');
    expect([v.agent?.used, v.agent?.capacity]).toEqual([3, 6]);
  });

  it('lists offers soonest deadline first', () => {
    const s = run([loaded({ agent: agent(), contacts: [] }), offered('late', T0, 1, T0 + 30_000), offered('soon', T0, 2, T0 + 10_000)]);
    expect(deskView(s, T0).offers.map((o) => o.contact.id)).toEqual(['soon', 'late']);
  });

  it('counts down by the router\'s clock when the browser\'s runs 5 minutes behind', () => {
    const skew = -300_000; // browser time = router time − 5 min
    const s = run([loaded({ agent: agent(), contacts: [] }), { ...offered('c1', T0), receivedAt: T0 + skew + 40 }]);
    expect(deskView(s, T0 + skew + 5_040).offers[0]?.ring.seconds).toBe(10);
  });

  it('an event arriving late does not end the countdown early, and a Date-header sample sets the offset before any event', () => {
    const sampled = run([{ type: 'clock.sampled', serverAt: T0, localNow: T0 - 1_000 }]);
    expect(sampled.clockOffsetMs).toBe(1_000);
    const lateEvent = reduceDesk(sampled, { ...offered('c1', T0 + 500), receivedAt: T0 + 2_000 }); // sample −1500: smaller, moves only part way
    expect(lateEvent.clockOffsetMs).toBe(1_000 - 2_500 / 8);
  });

  it('logging out clears the desk', () => {
    const s = run([loaded({ agent: agent(), contacts: [contact({ id: 'c1' })] }), { type: 'logged.out' }]);
    expect(s.agent).toBeUndefined();
    expect(s.contacts).toEqual([]);
  });
});

describe('needsDeskRefresh, activityOf, presenceChoices', () => {
  it('refetches after events that change what the agent holds, not after presence', () => {
    const is = (type: string) => needsDeskRefresh({ type, at: 0 });
    expect(['reservation.created', 'reservation.accepted', 'contact.completed', 'agent.wrapUpEnded', 'contact.transferred'].every(is)).toBe(true);
    expect(['agent.ready', 'agent.notReady', 'agent.wrapUpStarted', 'lead.assigned'].some(is)).toBe(false);
  });

  it('derives the activity as the router does: conversation, offer, wrap-up, presence', () => {
    const c = (state: string) => contact({ id: state, state });
    expect(activityOf('ready', [c('completed'), c('reserved'), c('active')])).toBe('busy');
    expect(activityOf('ready', [c('completed'), c('reserved')])).toBe('reserved');
    expect(activityOf('notReady', [c('completed')])).toBe('wrapUp');
    expect(activityOf('notReady', [])).toBe('notReady');
  });

  it('offers the presence changes that make sense', () => {
    const view = (presence: AgentView['presence']) => deskView(run([loaded({ agent: agent({ presence }), contacts: [] })]), T0).agent;
    expect(presenceChoices(view('offline'))).toEqual({ logIn: true, ready: false, notReady: false, logOut: false });
    expect(presenceChoices(view('ready'))).toEqual({ logIn: false, ready: false, notReady: true, logOut: true });
    expect(presenceChoices(view('notReady'))).toEqual({ logIn: false, ready: true, notReady: true, logOut: true });
  });
});
