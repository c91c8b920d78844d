import type { MembershipChange } from '@switchboard/skills';
import type { DomainState } from './domain-state.js';
import type { AgentRec, Membership } from './records.js';

/**
 * Applies membership changes reported by the skills package's MembershipIndex to the agents'
 * membership lists and the queues' per-step member counts. Returns the agents touched.
 */
export function applyMembershipChanges(d: DomainState, changes: readonly MembershipChange[]): Set<AgentRec> {
  const touched = new Set<AgentRec>();
  for (const ch of changes) {
    const a = d.agents.get(ch.agentId);
    const q = d.queues.get(ch.queueId);
    if (a === undefined || q === undefined) continue;
    touched.add(a);
    if (ch.from >= 0) setMembers(q, ch.from, -1);
    if (ch.to >= 0) setMembers(q, ch.to, +1);
    const i = a.memberships.findIndex((m) => m.queue === q);
    if (ch.to < 0) {
      if (i >= 0) a.memberships.splice(i, 1);
    } else if (i >= 0) {
      (a.memberships[i] as Membership).step = ch.to;
    } else {
      a.memberships.push({ queue: q, step: ch.to, score: q.scorer.score(a.levels), lastOfferedAt: 0 });
    }
  }
  return touched;
}

function setMembers(q: { members: number[]; pools: Array<{ setMemberCount(n: number): void }> }, s: number, delta: number): void {
  const n = (q.members[s] ?? 0) + delta;
  q.members[s] = n;
  q.pools[s]?.setMemberCount(n);
}

/** Recomputes the skill score of every membership of the agent (after skills or weights change). */
export function rescore(a: AgentRec): void {
  for (const m of a.memberships) m.score = m.queue.scorer.score(a.levels);
}
