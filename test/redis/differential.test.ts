import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, isRoutingError, seededRng, type DomainConfig, type QueueConfig, type RoutingEvent } from '@switchboard/router';

type QueueStep = NonNullable<QueueConfig['steps']>[number];
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { domainArb } from '../properties/domain-arbitrary.js';
import { opArb, requiredOf, type Op } from '../properties/ops.js';
import { useTestRedis } from '../support/redis-server.js';
import { readOutbox } from './support/outbox.js';

/**
 * The differential test of issue 3: random domains (the property tests' arbitrary: all
 * strategies, channels, limits, overflow, preferred windows, absences) and random operation
 * sequences (the property tests' operations, bad input included) applied to the memory engine
 * and to the Redis store on one clock. Every outcome and error code, every event, and in the
 * end every view, statistic, explanation and trace must be the same — in every process of the
 * domain, also one that restored a snapshot, and in one that opens the domain afterwards.
 */

const t = useTestRedis();
let domains = 0;

type Outcome = unknown;
type Step = readonly [() => Outcome, (s: RedisRoutingStore) => Promise<Outcome>];

/** An operation made concrete from the engine's state (which contact, which token), for both. */
function concrete(e: RoutingEngine, dom: DomainConfig, clock: ManualClock, op: Op, submitted: number): Step | undefined {
  const agentId = (i: number) => `ag${i % e.agents().length}`;
  const queueId = (i: number) => `q${i % e.queueIds().length}`;
  const nth = <T>(xs: readonly T[], k: number): T | undefined => (xs.length === 0 ? undefined : xs[k % xs.length]);
  const contacts = e.contacts();
  switch (op.op) {
    case 'submit': {
      const input = {
        id: `c${submitted}`, queueId: queueId(op.queue),
        ...(op.tier === undefined ? {} : { valueTier: op.tier }),
        ...(op.score === undefined ? {} : { valueScore: op.score }),
        ...(op.preferred === undefined ? {} : { preferredAgentIds: op.preferred.filter((i) => i < e.agents().length).map((i) => `ag${i}`) }),
        ...(op.callbackIn === undefined ? {} : { callbackAt: clock.now() + op.callbackIn }),
        ...requiredOf(op.requires),
      };
      return [() => e.submit(input), (s) => s.enqueueContact(input)];
    }
    case 'login': { const a = agentId(op.agent); return [() => e.login(a), (s) => s.loginAgent(a)]; }
    case 'logout': { const a = agentId(op.agent); return [() => e.logout(a), (s) => s.logoutAgent(a)]; }
    case 'ready': { const a = agentId(op.agent); return [() => e.ready(a), (s) => s.readyAgent(a)]; }
    case 'notReady': { const a = agentId(op.agent); return [() => e.notReady(a, 'break'), (s) => s.pauseAgent(a, 'break')]; }
    case 'accept':
    case 'reject':
    case 'staleAccept': {
      const r = nth(contacts.filter((x) => x.state === 'reserved'), op.pick)?.reservation;
      if (r === undefined) return undefined;
      if (op.op === 'accept') return [() => e.accept(r.id, r.token), (s) => s.acceptReservation(r.id, r.token)];
      if (op.op === 'reject') return [() => e.reject(r.id, r.token), (s) => s.rejectReservation(r.id, r.token)];
      return [() => e.accept(r.id, r.token + 1), (s) => s.acceptReservation(r.id, r.token + 1)];
    }
    case 'complete': { const c = nth(contacts.filter((x) => x.state === 'active'), op.pick); return c && [() => e.complete(c.id), (s) => s.completeContact(c.id)]; }
    case 'transfer': {
      const c = nth(contacts.filter((x) => x.state === 'active'), op.pick);
      const q = queueId(op.queue);
      return c && [() => e.transfer(c.id, q), (s) => s.transferContact(c.id, q)];
    }
    case 'move': {
      const c = nth(contacts.filter((x) => x.state === 'queued'), op.pick);
      const q = queueId(op.queue);
      return c && [() => e.move(c.id, q), (s) => s.moveContact(c.id, q)];
    }
    case 'abandon': { const c = nth(contacts.filter((x) => ['queued', 'preferred', 'reserved', 'scheduled'].includes(x.state)), op.pick); return c && [() => e.abandon(c.id), (s) => s.abandonContact(c.id)]; }
    case 'callback': { const c = nth(contacts.filter((x) => x.state === 'queued'), op.pick); return c && [() => e.requestCallback(c.id), (s) => s.requestCallback(c.id)]; }
    case 'wrapDone': {
      const h = nth(e.agents().flatMap((a) => a.assignments.filter((x) => x.phase === 'wrapUp').map((x) => [a.id, x.contactId] as const)), op.pick);
      return h && [() => e.finishWrapUp(h[0], h[1]), (s) => s.finishWrapUp(h[0], h[1])];
    }
    case 'advance': return [() => { clock.advance(op.ms); return e.advance(); }, (s) => s.runDueTimers()];
    case 'skills': {
      const skills: Record<string, number> = {};
      ['a', 'b', 'c'].forEach((sk, k) => { const l = op.levels[k] as number; if (l > 0) skills[sk] = l; });
      const a = `ag${op.agent % e.agents().length}`;
      return [() => e.setAgentSkills(a, skills), (s) => s.setAgentSkills(a, skills)];
    }
    case 'editQueue': {
      const queues = dom.queues ?? [];
      const q = queues[op.queue % queues.length];
      if (q === undefined) return undefined;
      const config = { ...q, strategy: op.strategy, steps: op.steps };
      return [() => e.upsertQueue(config), (s) => s.upsertQueue(config)];
    }
    case 'bad': {
      const dup = contacts[0]?.id ?? 'has spaces';
      const bad: Step[] = [
        [() => e.ready('nobody'), (s) => s.readyAgent('nobody')],
        [() => e.submit({ id: 'x', queueId: 'no-such-queue' }), (s) => s.enqueueContact({ id: 'x', queueId: 'no-such-queue' })],
        [() => e.setAgentSkills('ag0', { unknownSkill: 3 }), (s) => s.setAgentSkills('ag0', { unknownSkill: 3 })],
        [() => e.upsertQueue({ id: 'q0', steps: [{ requirement: 'a>=3 & (b |', afterSeconds: 0 }] }), (s) => s.upsertQueue({ id: 'q0', steps: [{ requirement: 'a>=3 & (b |', afterSeconds: 0 }] })],
        [() => e.upsertAgent({ id: 'ag0', skills: { a: 1 }, capacity: -1 }), (s) => s.upsertAgent({ id: 'ag0', skills: { a: 1 }, capacity: -1 })],
        [() => e.submit({ id: dup, queueId: 'q0' }), (s) => s.enqueueContact({ id: dup, queueId: 'q0' })],
        [() => e.setAgentSkills('ag0', { a: 9 }), (s) => s.setAgentSkills('ag0', { a: 9 })],
        [() => e.upsertAgent({ id: 'ag0', name: 'renamed', skills: { a: 9 } }), (s) => s.upsertAgent({ id: 'ag0', name: 'renamed', skills: { a: 9 } })],
        [() => e.accept('R999999', 1), (s) => s.acceptReservation('R999999', 1)],
      ];
      return bad[op.kind % bad.length];
    }
  }
}


interface Setup {
  readonly trace: boolean;
  /** Two store processes: the operations of the first half go to the first, then they alternate. */
  readonly two?: boolean;
  readonly snapshotEvery?: number;
}

/** Runs the operations on both and compares everything; fails the property on any difference. */
async function sameAsEngine(dom: DomainConfig, ops: readonly Op[], setup: Setup): Promise<void> {
  const { trace, snapshotEvery } = setup;
  const clock = new ManualClock(1_700_000_000_000);
  const rng = seededRng(1);
  const e = RoutingEngine.create(dom, { clock, trace, rng });
  const engineEvents: RoutingEvent[] = [];
  e.events.subscribe((x) => engineEvents.push(x));
  const domain = `diff${++domains}`;
  const opts = { redis: t.redis, domain, clock, ...(snapshotEvery === undefined ? {} : { snapshotEvery }) };
  const s = await RedisRoutingStore.create(dom, { ...opts, trace });
  // The second process opens now and stays idle through the first half: with small snapshots
  // it finds the log trimmed past its position, and must restore the snapshot.
  const other = setup.two === true ? await RedisRoutingStore.open(opts) : s;
  for (const a of dom.agents ?? []) {
    e.login(a.id); e.ready(a.id);
    await s.loginAgent(a.id); await s.readyAgent(a.id);
  }
  let submitted = 0;
  for (const [i, op] of ops.entries()) {
    e.advance(); // the store fires due timers at the start of its next operation, like the engine
    const step = concrete(e, dom, clock, op, submitted);
    if (op.op === 'submit') submitted++;
    if (step === undefined) continue;
    const store = i * 2 >= ops.length && i % 2 === 1 ? other : s;
    let want: Outcome;
    let got: Outcome;
    try { want = step[0]() ?? null; } catch (err) { if (!isRoutingError(err)) throw err; want = err.code; }
    try { got = (await step[1](store)) ?? null; } catch (err) { if (!isRoutingError(err)) throw err; got = err.code; }
    if (op.op !== 'advance') expect([op, got]).toEqual([op, want]);
  }
  expect(await readOutbox(t.redis, domain, engineEvents.length)).toEqual(engineEvents);
  // A process that opens the domain now (from the latest snapshot and the log after it) agrees too.
  const late = await RedisRoutingStore.open(opts);
  for (const p of new Set([s, other, late])) await sameViews(p, e);
  if (snapshotEvery !== undefined) expect(await t.redis.xlen(`sb:{${domain}}:log`)).toBeLessThan(4 * snapshotEvery + 10);
  for (const p of new Set([s, other, late])) await p.close();
}

/** Every view, statistic, explanation and trace of a store process against the engine's. */
async function sameViews(s: RedisRoutingStore, e: RoutingEngine): Promise<void> {
  expect(await s.listContacts()).toEqual(structuredClone(e.contacts()));
  expect(await s.listAgents()).toEqual(structuredClone(e.agents()));
  for (const q of e.queueIds()) expect(await s.queueStats(q)).toEqual(e.queueStats(q));
  for (const id of e.contacts().map((c) => c.id)) {
    expect(await s.explainContact(id)).toEqual(e.explain(id));
    expect(await s.decisionTrace(id)).toEqual(e.decisions(id));
  }
  expect(await s.nextDueAt()).toBe(e.nextDueAt());
}

const SHARED_ORDER = ['longest-idle', 'fewest-contacts', 'least-occupied'] as const;

/**
 * Domains whose queues share pools (see poolNames in layout.ts): one channel, a strategy whose
 * order is the agent's own, and steps copied from the first queue (all of them, or the first).
 */
const sharingArb = fc.tuple(domainArb, fc.constantFrom(...SHARED_ORDER), fc.array(fc.nat(2), { minLength: 3, maxLength: 3 })).map(([dom, strategy, copy]) => {
  const queues = dom.queues ?? [];
  const first = queues[0];
  return {
    ...dom,
    queues: queues.map((q, i) => ({
      ...q, channel: first?.channel, strategy,
      steps: i === 0 || copy[i] === 0 || first === undefined ? q.steps : copy[i] === 1 ? first.steps : [first.steps[0] as QueueStep, ...q.steps.slice(1)],
    })),
  } as DomainConfig;
});

describe('differential: memory engine and Redis store over random domains and operations', () => {
  const runs = Math.ceil(Number(process.env.PROPERTY_RUNS ?? 150) / 3);
  const opsArb = fc.array(opArb, { minLength: 5, maxLength: 50, size: 'max' });

  it('same outcomes, events, views, statistics, explanations and traces', async () => {
    await fc.assert(fc.asyncProperty(domainArb, opsArb, fc.boolean(), (dom, ops, trace) => sameAsEngine(dom, ops, { trace })), { numRuns: runs });
  });

  it('the same where queues share their steps (one channel, steps in common, an agent-ordered strategy)', async () => {
    await fc.assert(fc.asyncProperty(sharingArb, opsArb, fc.boolean(), (dom, ops, trace) => sameAsEngine(dom, ops, { trace })), { numRuns: runs });
  });

  it('the same with two processes, snapshots every few entries and the log trimmed behind them', async () => {
    const setup = fc.record({ trace: fc.boolean(), two: fc.constant(true), snapshotEvery: fc.integer({ min: 2, max: 12 }) });
    await fc.assert(fc.asyncProperty(domainArb, opsArb, setup, sameAsEngine), { numRuns: runs });
  });
});
