import { canTake, isAbsent } from './availability.js';
import type { DomainState } from './domain-state.js';
import { meetsContact } from './matching.js';
import type { ContactRec } from './records.js';

/** Why an agent can or cannot take a contact right now. */
export type Eligibility =
  | 'eligible' | 'contact-ended' | 'not-member' | 'step-not-reached' | 'lacks-skill' | 'offline' | 'not-ready' | 'no-capacity' | 'declined' | 'absent' | 'preferred-only';

/** One line of an explanation. */
export interface AgentEligibility {
  readonly agentId: string;
  readonly eligibility: Eligibility;
  readonly memberStep: number;
  readonly score: number;
}

/**
 * Explains, for a contact, every agent of the domain: eligible or the first reason it is not.
 * O(agents): for supervisors and support, never on the hot path.
 */
export function explainContact(d: DomainState, c: ContactRec): AgentEligibility[] {
  const q = c.queue;
  const out: AgentEligibility[] = [];
  const inWindow = c.state === 'preferred';
  for (const a of d.agents.values()) {
    const m = a.memberships.find((x) => x.queue === q);
    const step = m?.step ?? -1;
    const score = m?.score ?? 0;
    let e: Eligibility = 'eligible';
    if (c.endedAt !== undefined) e = 'contact-ended';
    else if (inWindow && !c.preferred.includes(a.id)) e = 'preferred-only';
    else if (inWindow && isAbsent(a, d.now) && a.presence !== 'ready') e = 'absent';
    else if (!inWindow && step < 0) e = 'not-member';
    else if (!inWindow && step > c.step) e = 'step-not-reached';
    else if (!meetsContact(c, a)) e = 'lacks-skill';
    else if (c.declinedBy?.includes(a)) e = 'declined';
    else if (a.presence === 'offline') e = 'offline';
    else if (a.presence !== 'ready') e = 'not-ready';
    else if (!canTake(d, a, q.channel)) e = 'no-capacity';
    out.push({ agentId: a.id, eligibility: e, memberStep: step, score });
  }
  return out;
}
