import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, STRATEGIES, seededRng, type DomainConfig, type RoutingEvent } from '@switchboard/router';
import { accept, expectCode, ready, serve } from './engine-fixture.js';
import { caseArb, checkCase, picture } from './snapshot-harness.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** Sets the built-in RNG's state in a snapshot string: a restore that "forgets" the RNG. */
function withRngState(snapshot: string, state: number): string {
  const s = JSON.parse(snapshot) as { objects: unknown[][] };
  for (const o of s.objects) if (o[0] === 'H' && o[1] === 'seededRng') o[2] = state;
  return JSON.stringify(s);
}

/** A domain with every strategy, chats, preferred agents, callbacks, wrap-up and overflow in use. */
const RICH: DomainConfig = {
  skills: [{ id: 'sales' }, { id: 'support' }, { id: 'lang.en', name: 'English' }],
  queues: [
    ...STRATEGIES.map((strategy, i) => ({
      id: `q-${strategy}`, steps: [{ requirement: 'sales>=3', afterSeconds: 0 }, { requirement: 'sales | support', afterSeconds: 20 }],
      strategy, wrapUpSeconds: i % 2 === 0 ? 5 : 0, maxWaitSeconds: 120, ...(i > 0 ? { overflowQueueId: 'q-longest-idle' } : {}),
      skillWeights: i === 2 ? { sales: 2, support: 1 } : undefined,
      priority: { tierBoostSeconds: { gold: 30 }, maxBoostSeconds: 60 },
    })).map(({ skillWeights, ...q }) => (skillWeights === undefined ? q : { ...q, skillWeights })),
    { id: 'chat', channel: 'chat', steps: [{ requirement: { any: [{ skill: 'support' }, { skill: 'sales', op: '>=', level: 4 }] }, afterSeconds: 0 }], strategy: 'least-occupied' },
  ],
  agents: [
    { id: 'ann', skills: { sales: 5, 'lang.en': 3 }, weight: 2 },
    { id: 'bob', skills: { sales: 3 }, absences: [{ from: 0, to: 3_600_000 }] },
    { id: 'cat', skills: { support: 4, sales: 1 }, capacity: 6, maxPerChannel: { chat: 3 } },
    { id: 'dan', skills: { sales: 4, support: 2 }, weight: 5 },
  ],
};

/** An engine over RICH with a bit of everything in flight, ended, scheduled and waiting. */
function richEngine(trace = true): { engine: RoutingEngine; clock: ManualClock } {
  const clock = new ManualClock(1_000);
  const engine = RoutingEngine.create(RICH, { clock, trace, seed: 99, retainEnded: 50 });
  ready(engine, 'ann', 'cat', 'dan');
  engine.login('bob');
  STRATEGIES.forEach((s, i) => engine.submit({ id: `v${i}`, queueId: `q-${s}`, ...(i % 2 ? { valueTier: 'gold' } : {}) }));
  for (let i = 0; i < 4; i++) engine.submit({ id: `chat${i}`, queueId: 'chat', ...(i === 0 ? { requiredSkills: ['support'] } : {}) });
  engine.submit({ id: 'owner', queueId: 'q-round-robin', preferredAgentIds: ['bob', 'ann'] });
  engine.submit({ id: 'later', queueId: 'q-most-skilled', callbackAt: 900_000 });
  engine.submit({ id: 'virtual', queueId: 'q-fewest-contacts', callback: true, data: { crm: 7, vip: true } });
  accept(engine, 'v0');
  clock.advance(2_000);
  serve(engine, 'chat1');
  engine.complete('v0');
  clock.advance(30_000);
  engine.advance();
  engine.notReady('dan', 'lunch');
  return { engine, clock };
}

/** The engine's internal state, to plant what a snapshot must refuse. */
const internals = (e: RoutingEngine) => (e as unknown as { d: { agents: Map<string, Record<string, unknown>>; queues: Map<string, Record<string, unknown>> } }).d;

describe('RoutingEngine snapshot / restore', () => {
  it('a restored engine behaves exactly like the original under random operations (every strategy)', () => {
    fc.assert(fc.property(caseArb(), (c) => checkCase(c)), { numRuns: RUNS });
  });

  it('… also where every queue is weighted-random, so the RNG state decides', () => {
    fc.assert(fc.property(caseArb(true), (c) => checkCase(c)), { numRuns: Math.ceil(RUNS / 2) });
  });

  it('the property catches a restore that loses the RNG state, by behaviour alone', () => {
    const tamper = (s: string) => withRngState(s, 1);
    // Finding a failure is all this needs: no shrinking (which can take a minute).
    const lost = fc.check(fc.property(caseArb(true), (c) => checkCase(c, { tamper })), { numRuns: 300, endOnFailure: true });
    expect(lost.failed, 'a fresh RNG after restore must be caught').toBe(true);
    // Not only by the final snapshot strings (which show the RNG state): decisions diverge.
    const diverged = fc.check(fc.property(caseArb(true), (c) => checkCase(c, { tamper, behaviourOnly: true })), { numRuns: 300, endOnFailure: true });
    expect(diverged.failed, 'decisions after a fresh RNG must differ').toBe(true);
    expect(String((diverged.errorInstance as Error).message)).not.toContain('"v":1');
  });

  it('carries the RNG state: weighted-random picks continue the original sequence', () => {
    const dom: DomainConfig = {
      skills: [{ id: 'sales' }],
      queues: [{ id: 'q', steps: [{ requirement: 'sales', afterSeconds: 0 }], strategy: 'weighted-random' }],
      agents: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, skills: { sales: 1 } })),
    };
    const picks = (e: RoutingEngine, from: number) => Array.from({ length: 40 }, (_, i) => {
      const out = e.submit({ id: `c${from + i}`, queueId: 'q' });
      e.abandon(`c${from + i}`);
      return out.kind === 'reserved' ? out.agentId : out.kind;
    });
    const original = RoutingEngine.create(dom, { clock: new ManualClock(0), trace: false });
    ready(original, 'a', 'b', 'c', 'd', 'e');
    picks(original, 0);
    const snap = original.snapshot();
    const good = RoutingEngine.restore(snap, { clock: new ManualClock(0) });
    const fresh = RoutingEngine.restore(withRngState(snap, 1), { clock: new ManualClock(0) });
    const expected = picks(original, 100);
    expect(picks(good, 100)).toEqual(expected);
    expect(picks(fresh, 100)).not.toEqual(expected);
  });

  it('handles every function in a realistic state, also of a removed queue still referenced', () => {
    for (const trace of [true, false]) {
      const { engine, clock } = richEngine(trace);
      engine.upsertQueue({ id: 'tmp', steps: [{ requirement: '*', afterSeconds: 0 }], skillWeights: { support: 3 }, wrapUpSeconds: 600 });
      engine.upsertAgent({ id: 'eve', skills: {} }); // a member of 'tmp' only
      ready(engine, 'eve');
      serve(engine, engine.submit({ id: 'tmp-1', queueId: 'tmp' }).contactId); // eve wraps up in 'tmp'
      engine.removeQueue('tmp'); // its record (and scorer) lives on in the ended contact
      const snap = engine.snapshot();
      const copy = RoutingEngine.restore(snap, { clock: new ManualClock(clock.now()) });
      expect(copy.snapshot()).toBe(snap);
      expect(picture(copy)).toStrictEqual(picture(engine));
      expect(copy.decisions('v1').length > 0).toBe(trace);
    }
  });

  it('restores listeners as none, and then emits what the original emits', () => {
    const { engine, clock } = richEngine();
    const copy = RoutingEngine.restore(engine.snapshot(), { clock: new ManualClock(clock.now()) });
    const seen: RoutingEvent[][] = [[], []];
    engine.events.subscribe((e) => seen[0]?.push(e));
    copy.eventsOf('reservation.created', 'contact.queued').subscribe((e) => seen[1]?.push(e));
    for (const e of [engine, copy]) {
      e.ready('dan');
      e.submit({ id: 'new', queueId: 'chat' });
    }
    expect(seen[1]).toStrictEqual(seen[0]?.filter((e) => e.type === 'reservation.created' || e.type === 'contact.queued'));
    expect(seen[1]?.length).toBeGreaterThan(0);
  });

  it('keeps trace and retainEnded from the snapshot', () => {
    const clock = new ManualClock(0);
    const e = RoutingEngine.create(RICH, { clock, trace: false, retainEnded: 1 });
    ready(e, 'ann');
    for (const id of ['x', 'y']) serve(e, e.submit({ id, queueId: 'q-round-robin' }).contactId);
    const copy = RoutingEngine.restore(e.snapshot(), { clock });
    serve(copy, copy.submit({ id: 'z', queueId: 'q-round-robin' }).contactId);
    expect(copy.contacts().map((c) => c.id)).toEqual(['z']);
    expect(copy.decisions('z')).toEqual([]);
  });

  it('refuses an engine built with a caller-supplied rng, even a seeded one', () => {
    for (const rng of [Math.random, seededRng(1)]) {
      const e = RoutingEngine.create(RICH, { clock: new ManualClock(0), rng });
      expectCode(() => e.snapshot(), 'SNAPSHOT_UNSUPPORTED');
    }
    expectCode(() => RoutingEngine.create(RICH, { clock: new ManualClock(0), seed: 1.5 }), 'CONFIG_INVALID');
  });

  it('refuses state holding a function or an object it has no handler for, naming where', () => {
    const { engine } = richEngine();
    const ann = internals(engine).agents.get('ann') as Record<string, unknown>;
    ann['onOffer'] = () => 1;
    expect(expectCode(() => engine.snapshot(), 'SNAPSHOT_UNSUPPORTED').message).toContain('function (anonymous) with no snapshot handler at state.agents.ann.onOffer');
    ann['onOffer'] = new Date(0);
    expect(expectCode(() => engine.snapshot(), 'SNAPSHOT_UNSUPPORTED').message).toContain('instance of Date with no snapshot handler at state.agents.ann.onOffer');
    ann['onOffer'] = Symbol('x');
    expectCode(() => engine.snapshot(), 'SNAPSHOT_UNSUPPORTED');
    delete ann['onOffer'];
    expect(typeof engine.snapshot()).toBe('string');
  });
});
