import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, type DomainConfig, type RoutingEvent } from '@switchboard/router';
import { domainArb } from './domain-arbitrary.js';
import { checkBoostCap, checkCounters, checkOffersToAvailable, checkHolding, checkNoReofferToDecliner, checkOrder, checkWorkConserving, modelOf } from './invariants.js';
import { applyOp, opArb, type Op, type Run } from './ops.js';
import { withQueueEdit } from './invariants.js';

const TERMINAL = new Set(['contact.completed', 'contact.abandoned', 'contact.expired', 'contact.refused']);
/** Events that put a contact in another queue, where it starts afresh (its decliners are forgotten). */
const REQUEUED = new Set(['contact.transferred', 'contact.overflowed', 'contact.moved']);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** An engine over `dom`; `trace: false` is the fast path the benchmarks measure, so both are drawn. */
function start(dom: DomainConfig, seed = 7, trace = true): { run: Run; events: RoutingEvent[] } {
  const clock = new ManualClock(0);
  const e = RoutingEngine.create(dom, { clock, rng: seedRng(seed), retainEnded: 100_000, trace });
  const events: RoutingEvent[] = [];
  e.events.subscribe((ev) => events.push(ev));
  for (const a of dom.agents ?? []) {
    e.login(a.id);
    e.ready(a.id);
  }
  return { run: { dom, e, clock, submitted: 0 }, events };
}

function seedRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const fingerprint = (r: Run) => JSON.stringify([r.e.agents(), r.e.contacts(), r.e.queueIds().map((q) => r.e.queueStats(q)), r.e.nextDueAt()]);

/** Drives everything to an end: abandon waiting, accept and complete ringing/active, let wrap-ups end. */
function drain(r: Run): void {
  for (let i = 0; i < 10_000; i++) {
    r.e.advance();
    const c = r.e.contacts().find((x) => x.endedAt === undefined);
    if (c === undefined) break;
    if (['queued', 'preferred', 'scheduled'].includes(c.state)) r.e.abandon(c.id);
    else if (c.state === 'reserved' && c.reservation) r.e.accept(c.reservation.id, c.reservation.token);
    else if (c.state === 'active') r.e.complete(c.id);
  }
  r.clock.advance(3_600_000);
  r.e.advance();
}

describe('routing invariants over random operation sequences', () => {
  it('hold after every operation; bad input is refused with a code and changes nothing', () => {
    fc.assert(
      fc.property(domainArb, fc.array(opArb, { minLength: 5, maxLength: 80, size: 'max' }), fc.boolean(), (dom, ops, trace) => {
        const { run, events } = start(dom, 7, trace);
        let m = modelOf(dom);
        for (const op of ops) {
          // Timers already due fire at the start of any operation; fire them first so that the
          // fingerprint compares the operation's own effect only.
          run.e.advance();
          const pre = run.e.contacts();
          const fp = fingerprint(run);
          const mark = events.length;
          const res = applyOp(run, op);
          if (op.op === 'editQueue' && res.error === undefined) m = withQueueEdit(m, dom, op);
          if (op.op === 'bad') expect(res.error, `bad input ${op.kind} must be refused`).toBeDefined();
          if (res.error !== undefined) expect(fingerprint(run), `state changed by refused ${op.op} (${res.error})`).toBe(fp);
          if (op.op === 'staleAccept' && pre.some((c) => c.state === 'reserved')) expect(res.error).toBe('RESERVATION_STALE');
          const post = run.e.contacts();
          const agents = run.e.agents();
          checkHolding(m, agents, post);
          checkWorkConserving(m, agents, post);
          const offers = events.slice(mark).flatMap((ev) => (ev.type === 'reservation.created' ? [{ contactId: ev.contactId, agentId: ev.agentId, queueId: ev.queueId }] : []));
          const moved = new Set(events.slice(mark).flatMap((ev) => (REQUEUED.has(ev.type) && 'contactId' in ev ? [ev.contactId] : [])));
          checkOrder(m, pre, post, agents, offers, moved);
          checkNoReofferToDecliner(pre, post, offers, moved);
          checkBoostCap(post);
          checkOffersToAvailable(events.slice(mark));
          checkCounters(run.e.queueIds().map((q) => run.e.queueStats(q)), post);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('every contact ends exactly once', () => {
    fc.assert(
      fc.property(domainArb, fc.array(opArb, { minLength: 5, maxLength: 60, size: 'max' }), fc.boolean(), (dom, ops, trace) => {
        const { run, events } = start(dom, 7, trace);
        for (const op of ops) applyOp(run, op);
        drain(run);
        const ends = new Map<string, number>();
        for (const ev of events) if (TERMINAL.has(ev.type)) ends.set((ev as { contactId: string }).contactId, (ends.get((ev as { contactId: string }).contactId) ?? 0) + 1);
        for (const c of run.e.contacts()) {
          expect(c.endedAt, `${c.id} is still ${c.state}`).toBeDefined();
          expect(ends.get(c.id), `${c.id} terminal events`).toBe(1);
        }
        expect(ends.size).toBe(run.e.contacts().length);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('the same operations, seed and clock give the same decisions, traced or not', () => {
    fc.assert(
      fc.property(domainArb, fc.array(opArb, { minLength: 5, maxLength: 60, size: 'max' }), (dom, ops: Op[]) => {
        const a = start(dom, 11, true);
        const b = start(dom, 11, false);
        for (const op of ops) {
          applyOp(a.run, op);
          applyOp(b.run, op);
        }
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
