import fc from 'fast-check';
import { isRoutingError, type DomainConfig, type ManualClock, type RoutingStore } from '@switchboard/router';

/**
 * Random operation sequences on a routing store, for the history properties: every way a
 * contact can go (offered, missed, answered, transferred, moved, overflowed, expired, refused,
 * abandoned, called back) and agents coming and going, on an injected clock.
 */

/** Two voice queues: q0 overflows to q1 after 20 s or beyond 3 waiting; q1 expires after 30 s and refuses beyond 4. */
export const HISTORY_DOMAIN: DomainConfig = {
  skills: [{ id: 'a' }, { id: 'b' }],
  queues: [
    { id: 'q0', steps: [{ requirement: 'a>=2', afterSeconds: 0 }, { requirement: 'a', afterSeconds: 5 }], ringTimeoutSeconds: 4, wrapUpSeconds: 3, maxWaitSeconds: 20, maxLength: 3, overflowQueueId: 'q1' },
    { id: 'q1', steps: [{ requirement: 'b', afterSeconds: 0 }], ringTimeoutSeconds: 4, maxWaitSeconds: 30, maxLength: 4, autoPauseAfterMissed: 2 },
  ],
  agents: [
    { id: 'ag0', team: 't', skills: { a: 3 } },
    { id: 'ag1', team: 't', skills: { a: 1, b: 2 } },
    { id: 'ag2', team: 't', skills: { b: 4 } },
  ],
};

export type HistoryOp =
  | { readonly op: 'submit'; readonly queue: number; readonly callbackIn?: number | undefined }
  | { readonly op: 'login' | 'ready' | 'notReady' | 'logout'; readonly agent: number }
  | { readonly op: 'accept' | 'reject' | 'complete' | 'abandon' | 'callback' | 'wrapDone'; readonly pick: number }
  | { readonly op: 'transfer' | 'move'; readonly pick: number; readonly queue: number }
  | { readonly op: 'advance'; readonly ms: number };

const agent = fc.nat(2);
const pick = fc.nat(10);

export const historyOpArb: fc.Arbitrary<HistoryOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('submit' as const), queue: fc.nat(1), callbackIn: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 10_000 }) }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('login' as const, 'ready' as const, 'ready' as const, 'notReady' as const, 'logout' as const), agent }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('accept' as const, 'accept' as const, 'reject' as const, 'complete' as const, 'abandon' as const, 'callback' as const, 'wrapDone' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('transfer' as const, 'move' as const), pick, queue: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 12_000 }) }) },
);

/** A store under test with its clock; `submitted` counts the contacts it was given. */
export interface OpsRun {
  readonly store: RoutingStore;
  readonly clock: ManualClock;
  submitted: number;
}

const nth = <T>(xs: readonly T[], k: number): T | undefined => (xs.length === 0 ? undefined : xs[k % xs.length]);

async function contactIn(r: OpsRun, states: readonly string[], k: number) {
  return nth((await r.store.listContacts()).filter((c) => states.includes(c.state)), k);
}

async function run(r: OpsRun, op: HistoryOp): Promise<unknown> {
  const s = r.store;
  switch (op.op) {
    case 'submit': {
      const id = `h${r.submitted++}`;
      return s.enqueueContact({ id, queueId: `q${op.queue}`, ...(op.callbackIn === undefined ? {} : { callbackAt: r.clock.now() + op.callbackIn }) });
    }
    case 'login': return s.loginAgent(`ag${op.agent}`);
    case 'ready': return s.readyAgent(`ag${op.agent}`);
    case 'notReady': return s.pauseAgent(`ag${op.agent}`, 'break');
    case 'logout': return s.logoutAgent(`ag${op.agent}`);
    case 'accept':
    case 'reject': {
      const res = (await contactIn(r, ['reserved'], op.pick))?.reservation;
      if (res === undefined) return undefined;
      return op.op === 'accept' ? s.acceptReservation(res.id, res.token) : s.rejectReservation(res.id, res.token);
    }
    case 'complete': { const c = await contactIn(r, ['active'], op.pick); return c && s.completeContact(c.id); }
    case 'abandon': { const c = await contactIn(r, ['queued', 'preferred', 'reserved', 'scheduled'], op.pick); return c && s.abandonContact(c.id); }
    case 'callback': { const c = await contactIn(r, ['queued'], op.pick); return c && s.requestCallback(c.id); }
    case 'transfer': { const c = await contactIn(r, ['active'], op.pick); return c && s.transferContact(c.id, `q${op.queue}`); }
    case 'move': { const c = await contactIn(r, ['queued'], op.pick); return c && s.moveContact(c.id, `q${op.queue}`); }
    case 'wrapDone': {
      const held = (await s.listAgents()).flatMap((a) => a.assignments.filter((x) => x.phase === 'wrapUp').map((x) => [a.id, x.contactId] as const));
      const h = nth(held, op.pick);
      return h && s.finishWrapUp(h[0], h[1]);
    }
    case 'advance': r.clock.advance(op.ms); return s.runDueTimers();
  }
}

const refusalOk = (e: unknown): void => {
  if (!isRoutingError(e)) throw e;
};

/** Applies an operation; refusals (RoutingError) are part of the game, anything else fails the test. */
export async function applyHistoryOp(r: OpsRun, op: HistoryOp): Promise<void> {
  await run(r, op).catch(refusalOk);
}

/** Ends every contact still going (answered ones complete, the others are abandoned) and lets every wrap-up run out. */
export async function endEverything(r: OpsRun): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const live = (await r.store.listContacts()).filter((c) => c.endedAt === undefined);
    if (live.length === 0) break;
    for (const c of live) await (c.state === 'active' ? r.store.completeContact(c.id) : r.store.abandonContact(c.id)).catch(refusalOk);
  }
  r.clock.advance(60_000);
  await r.store.runDueTimers();
}
