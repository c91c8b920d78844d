import fc from 'fast-check';
import { STRATEGIES, isRoutingError, type DomainConfig, type ManualClock, type RoutingEngine, type Strategy } from '@switchboard/router';
import { SKILLS, stepsArb } from './domain-arbitrary.js';

/** One operation on the engine, as plain data so a sequence can be replayed exactly. */
export type Op =
  | { readonly op: 'submit'; readonly queue: number; readonly tier?: 'gold' | 'silver' | undefined; readonly score?: number | undefined; readonly preferred?: readonly number[] | undefined; readonly callbackIn?: number | undefined; readonly requires?: readonly number[] | undefined }
  | { readonly op: 'login' | 'logout' | 'ready' | 'notReady'; readonly agent: number }
  | { readonly op: 'accept' | 'reject' | 'complete' | 'abandon' | 'callback' | 'wrapDone'; readonly pick: number }
  | { readonly op: 'transfer' | 'move'; readonly pick: number; readonly queue: number }
  | { readonly op: 'advance'; readonly ms: number }
  | { readonly op: 'skills'; readonly agent: number; readonly levels: readonly number[] }
  | { readonly op: 'staleAccept'; readonly pick: number }
  | { readonly op: 'editQueue'; readonly queue: number; readonly strategy: Strategy; readonly steps: ReadonlyArray<{ requirement: string; afterSeconds: number }> }
  | { readonly op: 'bad'; readonly kind: number };

const agent = fc.integer({ min: 0, max: 5 });
const pick = fc.nat(20);

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('submit' as const), queue: fc.nat(2), tier: fc.constantFrom('gold', 'silver', undefined), score: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), preferred: fc.option(fc.uniqueArray(agent, { maxLength: 2 }), { nil: undefined }), callbackIn: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }) }), requires: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.uniqueArray(fc.nat(SKILLS.length - 1), { minLength: 1, maxLength: 2 }) }) }, { requiredKeys: ['op', 'queue'] }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('login' as const, 'ready' as const, 'ready' as const, 'notReady' as const, 'logout' as const), agent }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('accept' as const, 'accept' as const, 'reject' as const, 'complete' as const, 'complete' as const, 'abandon' as const, 'callback' as const, 'wrapDone' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transfer' as const), pick, queue: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), pick, queue: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 1, max: 8_000 }), fc.double({ min: 0.001, max: 8_000, noNaN: true })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('skills' as const), agent, levels: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('staleAccept' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('editQueue' as const), queue: fc.nat(2), strategy: fc.constantFrom(...STRATEGIES), steps: stepsArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bad' as const), kind: fc.nat(8) }) },
);

const agentId = (e: RoutingEngine, i: number) => `ag${i % e.agents().length}`;

/** A submit's own required skills (indices into SKILLS), as the contact input names them. */
export const requiredOf = (requires: readonly number[] | undefined): { requiredSkills?: string[] } =>
  requires === undefined ? {} : { requiredSkills: requires.map((i) => SKILLS[i] as string) };

function nth<T>(xs: readonly T[], k: number): T | undefined {
  return xs.length === 0 ? undefined : xs[k % xs.length];
}

/** One run: the engine, its clock, and the number of contacts submitted so far. */
export interface Run {
  readonly dom: DomainConfig;
  readonly e: RoutingEngine;
  readonly clock: ManualClock;
  submitted: number;
}

/** Bad inputs of every kind the issue names; each must throw a RoutingError and change nothing. */
function badInput(e: RoutingEngine, kind: number): void {
  switch (kind) {
    case 0: e.ready('nobody'); return;
    case 1: e.submit({ id: 'x', queueId: 'no-such-queue' }); return;
    case 2: e.setAgentSkills('ag0', { unknownSkill: 3 }); return;
    case 3: e.upsertQueue({ id: 'q0', steps: [{ requirement: 'a>=3 & (b |', afterSeconds: 0 }] }); return;
    case 4: e.upsertAgent({ id: 'ag0', skills: { a: 1 }, capacity: -1 }); return;
    case 5: e.submit({ id: e.contacts()[0]?.id ?? 'has spaces', queueId: 'q0' }); return;
    case 6: e.setAgentSkills('ag0', { a: 9 }); return;
    case 7: e.upsertAgent({ id: 'ag0', name: 'renamed', skills: { a: 9 } }); return;
    default: e.accept('R999999', 1);
  }
}

/** Applies an op; expected refusals (RoutingError) are returned, anything else is rethrown. */
export function applyOp(r: Run, op: Op): { error?: string } {
  try {
    run(r, op);
    return {};
  } catch (err) {
    if (isRoutingError(err)) return { error: err.code };
    throw err;
  }
}

function run(r: Run, op: Op): void {
  const { e, clock } = r;
  const contacts = () => e.contacts();
  switch (op.op) {
    case 'submit': {
      const id = `c${r.submitted++}`;
      e.submit({
        id, queueId: `q${op.queue % e.queueIds().length}`,
        ...(op.tier === undefined ? {} : { valueTier: op.tier }),
        ...(op.score === undefined ? {} : { valueScore: op.score }),
        ...(op.preferred === undefined ? {} : { preferredAgentIds: op.preferred.filter((i) => i < e.agents().length).map((i) => `ag${i}`) }),
        ...(op.callbackIn === undefined ? {} : { callbackAt: clock.now() + op.callbackIn }),
        ...requiredOf(op.requires),
      });
      return;
    }
    case 'login': e.login(agentId(e, op.agent)); return;
    case 'logout': e.logout(agentId(e, op.agent)); return;
    case 'ready': e.ready(agentId(e, op.agent)); return;
    case 'notReady': e.notReady(agentId(e, op.agent), 'break'); return;
    case 'accept':
    case 'reject':
    case 'staleAccept': {
      const c = nth(contacts().filter((x) => x.state === 'reserved'), op.pick);
      if (c?.reservation === undefined) return;
      if (op.op === 'accept') e.accept(c.reservation.id, c.reservation.token);
      else if (op.op === 'reject') e.reject(c.reservation.id, c.reservation.token);
      else e.accept(c.reservation.id, c.reservation.token + 1);
      return;
    }
    case 'complete': { const c = nth(contacts().filter((x) => x.state === 'active'), op.pick); if (c) e.complete(c.id); return; }
    case 'transfer': { const c = nth(contacts().filter((x) => x.state === 'active'), op.pick); if (c) e.transfer(c.id, `q${op.queue % e.queueIds().length}`); return; }
    case 'move': { const c = nth(contacts().filter((x) => x.state === 'queued'), op.pick); if (c) e.move(c.id, `q${op.queue % e.queueIds().length}`); return; }
    case 'abandon': { const c = nth(contacts().filter((x) => ['queued', 'preferred', 'reserved', 'scheduled'].includes(x.state)), op.pick); if (c) e.abandon(c.id); return; }
    case 'callback': { const c = nth(contacts().filter((x) => x.state === 'queued'), op.pick); if (c) e.requestCallback(c.id); return; }
    case 'wrapDone': {
      const held = e.agents().flatMap((a) => a.assignments.filter((x) => x.phase === 'wrapUp').map((x) => [a.id, x.contactId] as const));
      const h = nth(held, op.pick);
      if (h) e.finishWrapUp(h[0], h[1]);
      return;
    }
    case 'advance': clock.advance(op.ms); e.advance(); return;
    case 'skills': {
      const skills: Record<string, number> = {};
      ['a', 'b', 'c'].forEach((s, k) => { const l = op.levels[k] as number; if (l > 0) skills[s] = l; });
      e.setAgentSkills(`ag${op.agent % e.agents().length}`, skills);
      return;
    }
    case 'editQueue': {
      const queues = r.dom.queues ?? [];
      const q = queues[op.queue % queues.length];
      if (q) e.upsertQueue({ ...q, strategy: op.strategy, steps: op.steps });
      return;
    }
    case 'bad': badInput(e, op.kind); return;
  }
}
