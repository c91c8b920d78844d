import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ManualClock,
  ROUTING_ERRORS,
  isRoutingError,
  type DomainConfig,
  type RoutingErrorCode,
  type RoutingEvent,
  type RoutingStore,
  type SubmitOutcome,
} from '@switchboard/router';

/**
 * The behaviour every RoutingStore must show, written against the port alone (domain verbs,
 * promises, the event stream), so the memory store and the Redis store run the same suite.
 * Time only moves through the injected ManualClock and `runDueTimers()`.
 */

const T0 = 1_700_000_000_000;

export const CONTRACT_DOMAIN: DomainConfig = {
  skills: [{ id: 'sales' }, { id: 'support' }],
  queues: [
    { id: 'help', steps: [{ requirement: 'support', afterSeconds: 0 }] },
    {
      id: 'sales', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }, { requirement: 'sales', afterSeconds: 30 }],
      ringTimeoutSeconds: 20, wrapUpSeconds: 10, autoPauseAfterMissed: 2, overflowQueueId: 'help',
    },
  ],
  agents: [
    { id: 'ann', skills: { sales: 4 } },
    { id: 'bob', skills: { sales: 2, support: 3 } },
  ],
};
const QUEUES = ['help', 'sales'];

type Reserved = Extract<SubmitOutcome, { kind: 'reserved' }>;

function asReserved(o: SubmitOutcome): Reserved {
  if (o.kind !== 'reserved') throw new Error(`expected a reservation, got ${JSON.stringify(o)}`);
  return o;
}

export function describeRoutingStoreContract(
  name: string,
  makeStore: (config: DomainConfig, clock: ManualClock) => Promise<RoutingStore>,
): void {
  describe(`RoutingStore contract: ${name}`, () => {
    let store: RoutingStore;
    let clock: ManualClock;
    let events: RoutingEvent[];
    let waiters: Array<() => void>;
    let subscription: { unsubscribe(): void };

    beforeEach(async () => {
      clock = new ManualClock(T0);
      store = await makeStore(CONTRACT_DOMAIN, clock);
      events = [];
      waiters = [];
      subscription = store.events.subscribe((e) => {
        events.push(e);
        for (const w of waiters.splice(0)) w();
      });
    });

    afterEach(async () => {
      subscription.unsubscribe();
      await store.close();
    });

    /** Resolves once `n` events have arrived (a store may deliver them after the operation resolves). */
    function eventsReached(n: number): Promise<RoutingEvent[]> {
      return eventsUntil(() => events.length >= n).then((all) => all.slice(0, n));
    }

    /** Resolves with every event so far once one of them satisfies `done`. */
    function eventsUntil(done: (e: RoutingEvent) => boolean): Promise<RoutingEvent[]> {
      return new Promise((resolve) => {
        const check = () => (events.some(done) ? resolve([...events]) : waiters.push(check));
        check();
      });
    }

    async function readyAgent(id: string): Promise<void> {
      await store.loginAgent(id);
      await store.readyAgent(id);
    }

    async function acceptCurrent(contactId: string): Promise<void> {
      const r = (await store.getContact(contactId)).reservation;
      if (r === undefined) throw new Error(`contact ${contactId} has no reservation`);
      await store.acceptReservation(r.id, r.token);
    }

    async function advance(ms: number): Promise<number> {
      clock.advance(ms);
      return store.runDueTimers();
    }

    async function snapshot(): Promise<unknown> {
      return structuredClone({
        agents: await store.listAgents(),
        contacts: await store.listContacts(),
        queues: await Promise.all(QUEUES.map((q) => store.queueStats(q))),
        nextDueAt: await store.nextDueAt(),
      });
    }

    it('offers a contact to a ready agent, and accept → complete → wrap-up → free, with events in order', async () => {
      await readyAgent('ann');
      const o = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
      expect(o).toMatchObject({ contactId: 'c1', queueId: 'sales', agentId: 'ann', deadline: T0 + 20_000 });
      await advance(2_000);
      await store.acceptReservation(o.reservationId, o.token);
      expect(await store.getContact('c1')).toMatchObject({ state: 'active', agentId: 'ann', answeredAt: T0 + 2_000 });
      await advance(8_000);
      await store.completeContact('c1');
      expect(await store.getAgent('ann')).toMatchObject({ activity: 'wrapUp', used: 6 });
      expect(await store.nextDueAt()).toBe(T0 + 20_000);
      expect(await advance(10_000)).toBeGreaterThanOrEqual(1);
      expect(await store.getAgent('ann')).toMatchObject({ activity: 'ready', used: 0, handled: 1 });
      const seen = await eventsReached(7);
      expect(seen.map((e) => [e.type, e.at - T0])).toEqual([
        ['agent.loggedIn', 0], ['agent.ready', 0], ['reservation.created', 0], ['reservation.accepted', 2_000],
        ['contact.completed', 10_000], ['agent.wrapUpStarted', 10_000], ['agent.wrapUpEnded', 20_000],
      ]);
      expect(seen[2]).toMatchObject({ reservationId: o.reservationId, token: o.token, contactId: 'c1', agentId: 'ann' });
      expect((await store.queueStats('sales'))).toMatchObject({ offered: 1, answered: 1, asaMs: 2_000, ahtMs: 18_000 });
    });

    it('queues a contact nobody can take, escalates it, and offers it to the first agent who qualifies', async () => {
      await readyAgent('bob'); // sales 2: step 1 only
      expect(await store.enqueueContact({ id: 'c1', queueId: 'sales' })).toEqual({ kind: 'queued', contactId: 'c1', queueId: 'sales', step: 0, waiting: 1 });
      expect(await store.nextDueAt()).toBe(T0 + 30_000);
      await advance(29_999);
      expect((await store.getContact('c1')).state).toBe('queued');
      await advance(1);
      expect(await store.getContact('c1')).toMatchObject({ state: 'reserved', step: 1, agentId: 'bob' });
      expect(await store.decisionTrace('c1')).toEqual([
        expect.objectContaining({ trigger: 'contact-arrived', outcome: 'queued' }),
        expect.objectContaining({ trigger: 'step-escalated', outcome: 'reserved', agentId: 'bob' }),
      ]);
    });

    it('returns a rejected contact to its place and does not offer it to that agent again', async () => {
      await readyAgent('ann');
      const o = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
      const key = (await store.getContact('c1')).orderKey;
      await store.rejectReservation(o.reservationId, o.token);
      expect(await store.getContact('c1')).toMatchObject({ state: 'queued', orderKey: key, declinedBy: ['ann'] });
      const why = await store.explainContact('c1');
      expect(why.find((x) => x.agentId === 'ann')?.eligibility).toBe('declined');
      expect(asReserved(await store.enqueueContact({ id: 'c2', queueId: 'sales' })).agentId).toBe('ann');
    });

    it('times a ringing offer out at its deadline and pauses the agent after the configured misses', async () => {
      await readyAgent('ann');
      await store.enqueueContact({ id: 'c1', queueId: 'sales' });
      await store.enqueueContact({ id: 'c2', queueId: 'sales' });
      expect(await store.nextDueAt()).toBe(T0 + 20_000);
      expect(await advance(19_999)).toBe(0);
      expect(await advance(1)).toBe(1);
      expect(await store.getContact('c1')).toMatchObject({ state: 'queued', declinedBy: ['ann'] });
      expect(await store.getContact('c2')).toMatchObject({ state: 'reserved', agentId: 'ann' });
      await advance(20_000);
      expect(await store.getAgent('ann')).toMatchObject({ presence: 'notReady', reason: 'missed-offers' });
      const seen = await eventsUntil((e) => e.type === 'agent.paused');
      expect(seen.filter((e) => e.type === 'agent.paused')).toEqual([{ type: 'agent.paused', at: T0 + 40_000, agentId: 'ann', missedOffers: 2 }]);
    });

    it('releases the agent when the customer hangs up while ringing', async () => {
      await readyAgent('ann');
      const o = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
      await store.enqueueContact({ id: 'c2', queueId: 'sales' });
      await store.abandonContact('c1');
      expect((await store.getContact('c1')).state).toBe('abandoned');
      expect(await store.getContact('c2')).toMatchObject({ state: 'reserved', agentId: 'ann' });
      await expect(store.acceptReservation(o.reservationId, o.token)).rejects.toMatchObject({ code: 'RESERVATION_UNKNOWN' });
      expect(await store.queueStats('sales')).toMatchObject({ abandoned: 1, abandonmentRate: 100 });
    });

    it('ends wrap-up early on finishWrapUp', async () => {
      await readyAgent('ann');
      const o = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
      await store.acceptReservation(o.reservationId, o.token);
      await store.completeContact('c1');
      await store.enqueueContact({ id: 'c2', queueId: 'sales' });
      expect((await store.getContact('c2')).state).toBe('queued');
      await store.finishWrapUp('ann', 'c1');
      expect(await store.getContact('c2')).toMatchObject({ state: 'reserved', agentId: 'ann' });
    });

    it('transfers an active contact, keeps a virtual-hold callback in place, and holds a scheduled callback until its time', async () => {
      await readyAgent('ann');
      const o = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
      await store.acceptReservation(o.reservationId, o.token);
      await store.transferContact('c1', 'help');
      expect(await store.getContact('c1')).toMatchObject({ state: 'queued', queueId: 'help' });
      await store.requestCallback('c1');
      expect(await store.getContact('c1')).toMatchObject({ state: 'queued', callback: true });
      expect(await store.enqueueContact({ id: 'cb', queueId: 'help', callbackAt: T0 + 60_000 })).toMatchObject({ kind: 'scheduled', callbackAt: T0 + 60_000 });
      await readyAgent('bob');
      expect(await store.getContact('c1')).toMatchObject({ state: 'reserved', agentId: 'bob' });
      await acceptCurrent('c1');
      expect((await store.getContact('cb')).state).toBe('scheduled');
      await advance(59_999);
      expect((await store.getContact('cb')).state).toBe('scheduled');
      await advance(1);
      expect((await store.getContact('cb')).state).toBe('queued'); // bob is busy with c1
      expect((await store.queueStats('help')).waiting).toBe(1);
    });

    it('takes a contact on virtual hold from arrival: announced, offered like any other, never expired at max wait', async () => {
      await store.upsertQueue({ id: 'help', steps: [{ requirement: 'support', afterSeconds: 0 }], maxWaitSeconds: 60 });
      expect(await store.enqueueContact({ id: 'hold-1', queueId: 'help', callback: true })).toMatchObject({ kind: 'queued' });
      expect(await store.enqueueContact({ id: 'live-1', queueId: 'help' })).toMatchObject({ kind: 'queued' });
      expect(await store.getContact('hold-1')).toMatchObject({ state: 'queued', callback: true });
      expect((await eventsUntil((e) => e.type === 'callback.requested')).find((e) => e.type === 'callback.requested')).toEqual({ type: 'callback.requested', at: T0, contactId: 'hold-1', queueId: 'help' });
      await advance(60_000);
      expect([(await store.getContact('hold-1')).state, (await store.getContact('live-1')).state]).toEqual(['queued', 'expired']);
      await readyAgent('bob');
      expect(await store.getContact('hold-1')).toMatchObject({ state: 'reserved', agentId: 'bob', callback: true });
      await expect(store.enqueueContact({ id: 'hold-2', queueId: 'help', callback: 'yes' } as never)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    });

    it("offers a contact only to agents with the skills it requires itself, on top of its queue's steps, preferred agents included", async () => {
      await readyAgent('ann'); // sales 4, no support
      const o = await store.enqueueContact({ id: 'req-1', queueId: 'sales', requiredSkills: ['support'], preferredAgentIds: ['ann'] });
      expect(o).toMatchObject({ kind: 'queued', queueId: 'sales' }); // ann qualifies for sales, lacks support: not waited for either
      expect((await store.getContact('req-1')).requiredSkills).toEqual(['support']);
      expect((await store.explainContact('req-1')).find((x) => x.agentId === 'ann')?.eligibility).toBe('lacks-skill');
      await readyAgent('bob'); // sales 2 (step 1, after 30 s), support 3
      expect((await store.getContact('req-1')).state).toBe('queued');
      await advance(30_000);
      expect(await store.getContact('req-1')).toMatchObject({ state: 'reserved', agentId: 'bob' });
      expect(await store.enqueueContact({ id: 'req-2', queueId: 'sales' })).toMatchObject({ kind: 'reserved', agentId: 'ann' });
      await expect(store.enqueueContact({ id: 'req-3', queueId: 'sales', requiredSkills: ['lang.xx'] })).rejects.toMatchObject({ code: 'SKILL_INVALID' });
    });

    it('moves a queued contact to another queue, keeping its order key, and offers it there', async () => {
      await store.enqueueContact({ id: 'm1', queueId: 'sales', valueTier: 'none' });
      const before = await store.getContact('m1');
      await advance(5_000);
      await store.moveContact('m1', 'help');
      const moved = await store.getContact('m1');
      expect(moved).toMatchObject({ state: 'queued', queueId: 'help', orderKey: before.orderKey, queueEnteredAt: T0 + 5_000, step: 0 });
      expect(events.find((e) => e.type === 'contact.moved')).toEqual({ type: 'contact.moved', at: T0 + 5_000, contactId: 'm1', fromQueueId: 'sales', toQueueId: 'help' });
      expect([(await store.queueStats('sales')).waiting, (await store.queueStats('help')).waiting]).toEqual([0, 1]);
      expect((await store.queueStats('sales')).transferred).toBe(1);
      await readyAgent('bob');
      expect(await store.getContact('m1')).toMatchObject({ state: 'reserved', agentId: 'bob' });
    });

    it('tells a waiting contact its place in the queue, across escalation steps', async () => {
      await readyAgent('ann');
      const r = asReserved(await store.enqueueContact({ id: 'p0', queueId: 'sales' }));
      await store.acceptReservation(r.reservationId, r.token); // ann busy: the rest wait
      await store.enqueueContact({ id: 'p1', queueId: 'sales' });
      await advance(31_000); // p1 escalates to step 1
      await store.enqueueContact({ id: 'p2', queueId: 'sales' });
      await store.enqueueContact({ id: 'p3', queueId: 'sales' });
      expect(await Promise.all(['p1', 'p2', 'p3'].map((id) => store.queuePosition(id)))).toEqual([
        { position: 1, waiting: 3 }, { position: 2, waiting: 3 }, { position: 3, waiting: 3 },
      ]);
      await store.abandonContact('p2');
      expect(await store.queuePosition('p3')).toEqual({ position: 2, waiting: 2 });
      await expect(store.queuePosition(r.contactId)).rejects.toMatchObject({ code: 'CONTACT_STATE_INVALID' });
      await expect(store.queuePosition('nope')).rejects.toMatchObject({ code: 'CONTACT_UNKNOWN' });
    });

    it('applies configuration verbs', async () => {
      await store.upsertAgent({ id: 'cat', skills: { support: 5 } });
      await store.setAgentSkills('cat', { sales: 5 });
      expect((await store.getAgent('cat')).memberships.map((m) => [m.queueId, m.step])).toEqual([['sales', 0]]);
      await store.upsertQueue({ id: 'extra', steps: [{ requirement: '*', afterSeconds: 0 }] });
      await store.removeQueue('extra');
      await store.removeAgent('cat');
      expect((await store.listAgents()).map((a) => a.id)).toEqual(['ann', 'bob']);
      await readyAgent('ann');
      await advance(1_000);
      await store.pauseAgent('ann', 'lunch');
      await store.logoutAgent('ann');
      expect(await store.agentStats('ann')).toEqual({ agentId: 'ann', handled: 0, missedInARow: 0, staffedMs: 1_000, occupiedMs: 0, occupancy: 0 });
    });

    describe('a refused operation', () => {
      const refusals: ReadonlyArray<readonly [string, (s: RoutingStore, r: Reserved) => Promise<unknown>, RoutingErrorCode]> = [
        ['enqueue to an unknown queue', (s) => s.enqueueContact({ id: 'x', queueId: 'nope' }), 'QUEUE_UNKNOWN'],
        ['enqueue a duplicate id', (s) => s.enqueueContact({ id: 'c1', queueId: 'sales' }), 'CONTACT_DUPLICATE'],
        ['enqueue a bad id', (s) => s.enqueueContact({ id: 'x y', queueId: 'sales' }), 'ID_INVALID'],
        ['enqueue with a bad field', (s) => s.enqueueContact({ id: 'x', queueId: 'sales', valueScore: -3 }), 'INPUT_INVALID'],
        ['accept with a stale token', (s, r) => s.acceptReservation(r.reservationId, r.token + 1), 'RESERVATION_STALE'],
        ['reject an unknown reservation', (s, r) => s.rejectReservation('nope', r.token), 'RESERVATION_UNKNOWN'],
        ['complete a ringing contact', (s) => s.completeContact('c1'), 'CONTACT_STATE_INVALID'],
        ['abandon an unknown contact', (s) => s.abandonContact('nope'), 'CONTACT_UNKNOWN'],
        ['transfer a queued contact', (s) => s.transferContact('c2', 'help'), 'CONTACT_STATE_INVALID'],
        ['callback for a ringing contact', (s) => s.requestCallback('c1'), 'CONTACT_STATE_INVALID'],
        ['move a ringing contact', (s) => s.moveContact('c1', 'help'), 'CONTACT_STATE_INVALID'],
        ['move to an unknown queue', (s) => s.moveContact('c2', 'nope'), 'QUEUE_UNKNOWN'],
        ['move to the queue it is in', (s) => s.moveContact('c2', 'sales'), 'INPUT_INVALID'],
        ['move an unknown contact', (s) => s.moveContact('nope', 'help'), 'CONTACT_UNKNOWN'],
        ['finish a wrap-up that is not running', (s) => s.finishWrapUp('ann', 'c1'), 'CONTACT_STATE_INVALID'],
        ['log in twice', (s) => s.loginAgent('ann'), 'AGENT_STATE_INVALID'],
        ['log out an agent with an offer', (s) => s.logoutAgent('ann'), 'AGENT_BUSY'],
        ['ready an unknown agent', (s) => s.readyAgent('nobody'), 'AGENT_UNKNOWN'],
        ['remove a logged-in agent', (s) => s.removeAgent('ann'), 'AGENT_STATE_INVALID'],
        ['an agent with capacity 0', (s) => s.upsertAgent({ id: 'dan', skills: {}, capacity: 0 }), 'CAPACITY_INVALID'],
        ['an unknown skill', (s) => s.setAgentSkills('bob', { cooking: 2 }), 'SKILL_INVALID'],
        ['a malformed requirement', (s) => s.upsertQueue({ id: 'sales', steps: [{ requirement: 'sales>=3 & |', afterSeconds: 0 }] }), 'SKILL_INVALID'],
        ['a queue without steps', (s) => s.upsertQueue({ id: 'sales', steps: [] }), 'CONFIG_INVALID'],
        ['remove a queue holding contacts', (s) => s.removeQueue('sales'), 'QUEUE_NOT_EMPTY'],
        ['remove an overflow target', (s) => s.removeQueue('help'), 'QUEUE_IN_USE'],
        ['stats of an unknown queue', (s) => s.queueStats('nope'), 'QUEUE_UNKNOWN'],
        ['an unknown contact', (s) => s.getContact('nope'), 'CONTACT_UNKNOWN'],
      ];

      /** ann rings with c1; c2 waits; bob is logged in, not ready. */
      async function busyDomain(): Promise<Reserved> {
        await readyAgent('ann');
        const r = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
        await store.enqueueContact({ id: 'c2', queueId: 'sales' });
        await store.loginAgent('bob');
        return r;
      }

      it.each(refusals)('%s: rejects with a RoutingError carrying code and status, and changes nothing', async (_, op, code) => {
        const r = await busyDomain();
        const emitted = (await eventsReached(5)).length; // loggedIn, ready, created, queued, loggedIn
        const before = await snapshot();
        const err: unknown = await op(store, r).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isRoutingError(err), `expected a RoutingError, got ${String(err)}`).toBe(true);
        expect(err).toMatchObject({ code, status: ROUTING_ERRORS[code].status });
        expect(await snapshot()).toEqual(before);
        // the pending offer is still the current one, and its answer is the next event: the refusal emitted none
        await store.acceptReservation(r.reservationId, r.token);
        expect((await store.getContact('c1')).state).toBe('active');
        const after = await eventsUntil((e) => e.type === 'reservation.accepted');
        expect(after.slice(emitted).map((e) => e.type)).toEqual(['reservation.accepted']);
      });
    });

    it('delivers the events of a sequence of operations in the order they happened', async () => {
      await readyAgent('ann');
      await store.loginAgent('bob');
      const a = asReserved(await store.enqueueContact({ id: 'c1', queueId: 'sales' }));
      await store.enqueueContact({ id: 'c2', queueId: 'sales' });
      await advance(5_000);
      await store.rejectReservation(a.reservationId, a.token); // ann is offered c2 at once
      await advance(5_000);
      await store.readyAgent('bob'); // c1 (step 0 still) waits: bob qualifies from 30 s only
      await advance(20_000); // c1 reaches step 1 → bob
      const seen = await eventsReached(13);
      expect(seen.map((e) => [e.type, 'contactId' in e ? e.contactId : 'agentId' in e ? e.agentId : '', e.at - T0])).toEqual([
        ['agent.loggedIn', 'ann', 0],
        ['agent.ready', 'ann', 0],
        ['agent.loggedIn', 'bob', 0],
        ['reservation.created', 'c1', 0],
        ['contact.queued', 'c2', 0],
        ['reservation.rejected', 'c1', 5_000],
        ['contact.queued', 'c1', 5_000],
        ['reservation.created', 'c2', 5_000],
        ['agent.ready', 'bob', 10_000],
        ['reservation.timedOut', 'c2', 25_000],
        ['contact.queued', 'c2', 25_000],
        ['contact.escalated', 'c1', 30_000],
        ['reservation.created', 'c1', 30_000],
      ]);
      for (let i = 1; i < seen.length; i++) expect((seen[i] as RoutingEvent).at).toBeGreaterThanOrEqual((seen[i - 1] as RoutingEvent).at);
    });
  });
}
