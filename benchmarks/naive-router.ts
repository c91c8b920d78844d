import { SkillCatalogue, compileRequirement, toLevelVector, type CompiledRequirement, type LevelVector } from '@switchboard/skills';
import type { Clock, DomainConfig } from '@switchboard/router';
import type { Arrival } from './fixtures.js';

/**
 * The baseline the engine is compared with: the same routing rules (cumulative steps, longest
 * idle, order key = arrival − capped head start) and the same state updates (reservation with
 * token and deadline, capacity, counters), but no pools and no precomputed membership — every
 * decision scans every agent (contact arriving) or every waiting contact (agent freed) and
 * evaluates the requirement expressions on the spot. This is what a straightforward router does.
 */

interface NaiveAgent {
  readonly id: string;
  readonly seq: number;
  readonly levels: LevelVector;
  ready: boolean;
  used: number;
  readonly capacity: number;
  availableSince: number;
  handled: number;
}

interface NaiveQueue {
  readonly steps: readonly CompiledRequirement[];
  readonly afterMs: readonly number[];
  readonly tierMs: Readonly<Record<string, number>>;
  readonly scorePerPointMs: number;
  readonly maxBoostMs: number;
  offered: number;
  answered: number;
  waitMs: number;
}

interface NaiveContact {
  readonly id: string;
  readonly seq: number;
  readonly queue: NaiveQueue;
  readonly enqueuedAt: number;
  readonly orderKey: number;
  agent: NaiveAgent | undefined;
  token: number;
  deadline: number;
  waitPos: number;
}

/** A reservation as the drivers see it. */
export interface BenchReservation {
  readonly contactId: string;
  readonly reservationId: string;
  readonly token: number;
}

function minimalStep(steps: readonly CompiledRequirement[], levels: LevelVector): number {
  for (let k = 0; k < steps.length; k++) if ((steps[k] as CompiledRequirement).matches(levels)) return k;
  return -1;
}

export class NaiveRouter {
  private readonly agents: NaiveAgent[];
  private readonly queues: NaiveQueue[];
  private readonly contacts = new Map<string, NaiveContact>();
  private readonly waiting: NaiveContact[] = [];
  private readonly clock: Clock;
  private seq = 0;
  private fencing = 0;

  constructor(dom: DomainConfig, clock: Clock) {
    this.clock = clock;
    const cat = SkillCatalogue.create(dom.skills);
    this.queues = (dom.queues ?? []).map((q) => ({
      steps: q.steps.map((s) => compileRequirement(cat, s.requirement)),
      afterMs: q.steps.map((s) => s.afterSeconds * 1000),
      tierMs: Object.fromEntries(Object.entries(q.priority?.tierBoostSeconds ?? {}).map(([k, v]) => [k, v * 1000])),
      scorePerPointMs: (q.priority?.scoreBoostSecondsPerPoint ?? 0) * 1000,
      maxBoostMs: (q.priority?.maxBoostSeconds ?? 0) * 1000,
      offered: 0, answered: 0, waitMs: 0,
    }));
    this.agents = (dom.agents ?? []).map((a, seq) => ({
      id: a.id, seq, levels: toLevelVector(cat, a.skills), ready: true, used: 0, capacity: a.capacity ?? 1, availableSince: 0, handled: 0,
    }));
  }

  private stepOf(c: NaiveContact, now: number): number {
    const waited = now - c.enqueuedAt;
    let k = 0;
    while (k + 1 < c.queue.afterMs.length && (c.queue.afterMs[k + 1] as number) <= waited) k++;
    return k;
  }

  /** A contact arrives: scan every agent for the longest-idle qualified one. `firstFit` is for warm-up only. */
  submit(a: Arrival, id: string, firstFit = false): BenchReservation | undefined {
    const now = this.clock.now();
    const q = this.queues[a.queue] as NaiveQueue;
    const boost = Math.min(q.maxBoostMs, (a.tier === undefined ? 0 : (q.tierMs[a.tier] ?? 0)) + a.score * q.scorePerPointMs);
    const c: NaiveContact = { id, seq: this.seq++, queue: q, enqueuedAt: now, orderKey: now - boost, agent: undefined, token: 0, deadline: 0, waitPos: -1 };
    this.contacts.set(id, c);
    q.offered++;
    let best: NaiveAgent | undefined;
    for (const ag of this.agents) {
      if (!ag.ready || ag.used >= ag.capacity) continue;
      const s = minimalStep(q.steps, ag.levels);
      if (s !== 0) continue; // a new contact is at step 0
      if (best === undefined || ag.availableSince < best.availableSince || (ag.availableSince === best.availableSince && ag.seq < best.seq)) {
        best = ag;
        if (firstFit) break;
      }
    }
    if (best === undefined) {
      c.waitPos = this.waiting.length;
      this.waiting.push(c);
      return undefined;
    }
    return this.reserve(c, best, now);
  }

  private reserve(c: NaiveContact, ag: NaiveAgent, now: number): BenchReservation {
    ag.used++;
    ag.availableSince = now;
    c.agent = ag;
    c.token = ++this.fencing;
    c.deadline = now + 20_000;
    return { contactId: c.id, reservationId: `R${c.token}`, token: c.token };
  }

  accept(r: BenchReservation): void {
    const c = this.contacts.get(r.contactId) as NaiveContact;
    if (c.token !== r.token) throw new Error('stale token');
    c.queue.answered++;
    c.queue.waitMs += this.clock.now() - c.enqueuedAt;
  }

  /** The conversation ends; the freed agent scans every waiting contact for the smallest order key it may take. */
  complete(contactId: string): BenchReservation | undefined {
    const now = this.clock.now();
    const c = this.contacts.get(contactId) as NaiveContact;
    this.contacts.delete(contactId);
    const ag = c.agent as NaiveAgent;
    ag.used--;
    ag.handled++;
    ag.availableSince = now;
    let best: NaiveContact | undefined;
    for (const w of this.waiting) {
      const s = minimalStep(w.queue.steps, ag.levels);
      if (s < 0 || s > this.stepOf(w, now)) continue;
      if (best === undefined || w.orderKey < best.orderKey || (w.orderKey === best.orderKey && w.seq < best.seq)) best = w;
    }
    if (best === undefined) return undefined;
    const last = this.waiting.pop() as NaiveContact;
    if (last !== best) {
      this.waiting[best.waitPos] = last;
      last.waitPos = best.waitPos;
    }
    return this.reserve(best, ag, now);
  }

  get waitingCount(): number {
    return this.waiting.length;
  }
}
