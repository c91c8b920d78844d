import fc from 'fast-check';
import { expect } from 'vitest';
import { ManualClock, RoutingEngine, STRATEGIES, isRoutingError, type DomainConfig, type RoutingEvent, type Strategy } from '@switchboard/router';
import { domainArb } from '../../../../test/properties/domain-arbitrary.js';
import { applyOp, opArb, type Op, type Run } from '../../../../test/properties/ops.js';

/**
 * The snapshot property, shared by snapshot.test.ts and the tests that check it would catch a
 * broken restore: engine A runs a prefix of random operations, is snapshotted and restored into
 * B (on a clock at the same time), and then both run the rest, in up to two legs with B replaced
 * by a restore of its own snapshot between them. Every engine call's result or error, every
 * event, every query and the final snapshot strings must be identical.
 */

/** One call the operation made on the engine, and what came of it. */
type Call = readonly [method: string, args: unknown[], outcome: { readonly value: unknown } | { readonly code: string; readonly message: string }];

/** A run whose engine records every call made through it. */
interface Recorded {
  readonly run: Run;
  readonly calls: Call[];
  readonly events: RoutingEvent[];
}

/** Every engine method call through the proxy is logged with its result or error. */
function recording(engine: RoutingEngine, calls: Call[]): RoutingEngine {
  return new Proxy(engine, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key, target);
      if (typeof v !== 'function' || typeof key !== 'string') return v;
      return (...args: unknown[]) => {
        try {
          const value: unknown = (v as (...a: unknown[]) => unknown).apply(target, args);
          calls.push([key, args, { value }]);
          return value;
        } catch (e) {
          calls.push([key, args, isRoutingError(e) ? { code: e.code, message: e.message } : { code: 'not a RoutingError', message: String(e) }]);
          throw e;
        }
      };
    },
  });
}

function recorded(dom: DomainConfig, engine: RoutingEngine, clock: ManualClock, submitted: number): Recorded {
  const calls: Call[] = [];
  const events: RoutingEvent[] = [];
  engine.events.subscribe((ev) => events.push(ev));
  return { run: { dom, e: recording(engine, calls), clock, submitted }, calls, events };
}

/** Every query the engine answers, about everything it knows. */
export function picture(e: RoutingEngine): unknown {
  const attempt = (fn: () => unknown): unknown => {
    try {
      return fn();
    } catch (err) {
      return isRoutingError(err) ? { code: err.code, message: err.message } : { error: String(err) };
    }
  };
  const contacts = e.contacts();
  return {
    now: e.now, nextDueAt: e.nextDueAt(), queueIds: e.queueIds(), agents: e.agents(), contacts,
    queueStats: e.queueIds().map((q) => e.queueStats(q)),
    agentStats: e.agents().map((a) => [e.agent(a.id), e.agentStats(a.id)]),
    perContact: contacts.map((c) => [e.contact(c.id), e.decisions(c.id), e.explain(c.id), attempt(() => e.queuePosition(c.id))]),
    unknown: [attempt(() => e.contact('nobody')), attempt(() => e.agent('nobody')), attempt(() => e.queueStats('nothing'))],
  };
}

/** What a property run draws: a domain, operations, where to cut them, and engine options. */
export interface Case {
  readonly dom: DomainConfig;
  readonly ops: readonly Op[];
  readonly cuts: readonly [number, number];
  readonly trace: boolean;
  readonly seed: number;
  readonly retainEnded: number | undefined;
}

/** Random cases; `weightedRandom` makes every queue of the domain weighted-random. */
export function caseArb(weightedRandom = false): fc.Arbitrary<Case> {
  const dom = weightedRandom
    ? domainArb.map((d) => ({ ...d, queues: (d.queues ?? []).map((q) => ({ ...q, strategy: 'weighted-random' as const })) }))
    : fc.tuple(domainArb, fc.nat(STRATEGIES.length - 1)).map(([d, s]) => ({
      // every strategy is drawn per queue; the first queue cycles through all six for certain
      ...d, queues: (d.queues ?? []).map((q, i) => (i === 0 ? { ...q, strategy: STRATEGIES[s] as Strategy } : q)),
    }));
  return fc.record({
    dom,
    ops: fc.array(opArb, { minLength: 1, maxLength: 70, size: 'max' }),
    cuts: fc.tuple(fc.nat(), fc.nat()).map(([a, b]): readonly [number, number] => (a <= b ? [a, b] : [b, a])),
    trace: fc.boolean(),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    retainEnded: fc.constantFrom(undefined, 0, 2, 5),
  });
}

/** Snapshot → restore; the restored engine's own snapshot is the same string (a fixed point). */
function restored(from: Recorded, tamper: (snapshot: string) => string): Recorded {
  const snap = from.run.e.snapshot();
  const clock = new ManualClock(from.run.clock.now());
  const engine = RoutingEngine.restore(tamper(snap), { clock });
  expect(engine.snapshot(), 'snapshot → restore → snapshot is a fixed point').toBe(tamper(snap));
  expect(picture(engine), 'the restored engine answers every query the same').toStrictEqual(picture(from.run.e));
  return recorded(from.run.dom, engine, clock, from.run.submitted);
}

/** How {@link checkCase} may be weakened, to check that the property catches a broken restore. */
export interface CheckOptions {
  /** Edits each snapshot before it is restored. */
  readonly tamper?: (snapshot: string) => string;
  /** Compare behaviour only (calls, events, queries), not the final snapshot strings. */
  readonly behaviourOnly?: boolean;
}

/** Runs one case; throws (an assertion error) at the first difference. */
export function checkCase(c: Case, options: CheckOptions = {}): void {
  const tamper = options.tamper ?? ((s: string) => s);
  const clock = new ManualClock(0);
  const engine = RoutingEngine.create(c.dom, { clock, trace: c.trace, seed: c.seed, ...(c.retainEnded === undefined ? {} : { retainEnded: c.retainEnded }) });
  for (const ag of c.dom.agents ?? []) {
    engine.login(ag.id);
    engine.ready(ag.id);
  }
  const a = recorded(c.dom, engine, clock, 0);
  const [k1, k2] = c.cuts.map((k) => k % (c.ops.length + 1)) as [number, number];
  for (const op of c.ops.slice(0, k1)) applyOp(a.run, op);
  let b = restored(a, tamper);
  a.events.length = 0;
  for (let i = k1; i < c.ops.length; i++) {
    if (i === k2 && k2 > k1) {
      expect(b.events).toStrictEqual(a.events);
      b = restored(b, tamper);
      a.events.length = 0;
    }
    const op = c.ops[i] as Op;
    const marks = [a.calls.length, b.calls.length];
    const ra = applyOp(a.run, op);
    const rb = applyOp(b.run, op);
    expect(rb, `outcome of ${JSON.stringify(op)}`).toStrictEqual(ra);
    expect(b.calls.slice(marks[1]), `engine calls of ${JSON.stringify(op)}`).toStrictEqual(a.calls.slice(marks[0]));
    expect(b.events.length, `number of events after ${JSON.stringify(op)}`).toBe(a.events.length);
  }
  expect(b.events).toStrictEqual(a.events);
  expect(picture(b.run.e)).toStrictEqual(picture(a.run.e));
  if (options.behaviourOnly !== true) expect(b.run.e.snapshot()).toBe(a.run.e.snapshot());
}
