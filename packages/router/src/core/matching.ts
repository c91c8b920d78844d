import { canTake } from './availability.js';
import { contactBefore } from './contact-heap.js';
import type { DomainState } from './domain-state.js';
import type { AgentRec, ContactRec } from './records.js';
import type { TraceCandidate } from './trace.js';

/** The agent picked for a contact and the keys it won with. */
export interface AgentPick {
  agent: AgentRec | undefined;
  step: number;
  k1: number;
  k2: number;
}

/** Whether the agent has every skill the contact itself requires (at any level). */
export function meetsContact(c: ContactRec, a: AgentRec): boolean {
  const r = c.required?.at;
  if (r === undefined) return true;
  for (let i = 0; i < r.length; i++) if ((a.levels[r[i] as number] ?? 0) === 0) return false;
  return true;
}

/** Whether the agent may take the contact as far as the contact says: it has not declined it and has the skills it requires. */
export function takes(c: ContactRec, a: AgentRec): boolean {
  return (c.declinedBy === undefined || !c.declinedBy.includes(a)) && meetsContact(c, a);
}

/**
 * Contact side of the fast path: the best ready agent among the pools of steps 0..c.step of the
 * contact's queue (that has not declined it and has the skills it requires itself). Each pool's head is its best agent, so this looks at (steps) heads: O(steps)
 * plus the amortised cost of dropping stale entries.
 */
export function bestAgentFor(c: ContactRec, out: AgentPick, cands?: TraceCandidate[]): AgentPick {
  const q = c.queue;
  out.agent = undefined;
  const skip = c.declinedBy === undefined && c.required === undefined ? undefined : (a: AgentRec) => takes(c, a);
  for (let s = 0; s <= c.step; s++) {
    const pool = q.pools[s];
    if (pool === undefined) break;
    let a: AgentRec | undefined;
    let k1: number;
    let k2: number;
    if (skip === undefined) {
      a = pool.peek();
      if (a === undefined) continue;
      k1 = pool.headK1();
      k2 = pool.headK2();
    } else {
      const hit = pool.firstWhere(skip);
      if (hit === undefined) continue;
      a = hit.agent;
      k1 = hit.k1;
      k2 = hit.k2;
    }
    if (cands !== undefined) cands.push({ id: a.id, kind: 'agent', pool: `${q.id}/${s}`, key: [k1, k2] });
    if (out.agent === undefined || k1 < out.k1 || (k1 === out.k1 && k2 < out.k2)) {
      out.agent = a;
      out.step = s;
      out.k1 = k1;
      out.k2 = k2;
    }
  }
  return out;
}

/**
 * Agent side of the fast path: the waiting contact with the smallest order key among every set
 * the agent qualifies for, across all its queues (cross-queue arbitration). O(memberships)
 * cheap checks plus one heap peek per non-empty set.
 */
export function bestContactFor(d: DomainState, a: AgentRec, cands?: TraceCandidate[]): ContactRec | undefined {
  if (d.waitingTotal === 0) return undefined;
  let best: ContactRec | undefined;
  let bestKey = Infinity;
  for (const m of a.memberships) {
    const q = m.queue;
    // Nothing waiting at this step or above can beat the best so far (a traced decision still
    // lists every set's head).
    if ((q.minKeyFrom[m.step] as number) > bestKey && cands === undefined) continue;
    if (q.waitingCount === 0 || !canTake(d, a, q.channel)) continue;
    for (let k = m.step; k < q.waiting.length; k++) {
      const h = q.waiting[k];
      if (h === undefined || h.size === 0) continue;
      let c = h.peek() as ContactRec;
      if (!takes(c, a)) {
        const found = h.firstWhere((x) => takes(x, a));
        if (found === undefined) continue;
        c = found;
      }
      if (cands !== undefined) cands.push({ id: c.id, kind: 'contact', pool: `${q.id}/${k}`, key: [c.orderKey, c.seq] });
      if (best === undefined || contactBefore(c, best)) {
        best = c;
        bestKey = c.orderKey;
      }
    }
  }
  return best;
}

/** Among contacts in their preferred window that name this agent, the one with the smallest order key. */
export function bestPreferredFor(d: DomainState, a: AgentRec): ContactRec | undefined {
  let best: ContactRec | undefined;
  let w = 0;
  const list = a.preferredBy;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as ContactRec;
    if (c.state !== 'preferred') continue;
    list[w++] = c;
    if (!takes(c, a)) continue;
    if (!canTake(d, a, c.queue.channel)) continue;
    if (best === undefined || contactBefore(c, best)) best = c;
  }
  list.length = w;
  return best;
}
