import { repool } from './availability.js';
import type { DomainState } from './domain-state.js';
import { bestContactFor, bestPreferredFor } from './matching.js';
import type { AgentRec } from './records.js';
import { reserve } from './reserve.js';
import type { TraceCandidate } from './trace.js';

/**
 * Agent side of the fast path, run whenever an agent gains availability (ready, capacity
 * freed, skills changed): it takes waiting work — contacts that asked for it by name first,
 * then the smallest order key across every set it qualifies for — while capacity allows, and
 * then files itself in its pools. Afterwards no waiting contact it could serve is left behind.
 */
export function offerWork(d: DomainState, a: AgentRec): void {
  while (a.presence === 'ready') {
    const preferred = a.preferredBy.length > 0 ? bestPreferredFor(d, a) : undefined;
    if (preferred !== undefined) {
      reserve(d, preferred, a, 'preferred', d.trace ? [{ id: a.id, kind: 'agent', pool: 'preferred' }] : undefined);
      continue;
    }
    const cands: TraceCandidate[] | undefined = d.trace ? [] : undefined;
    const c = bestContactFor(d, a, cands);
    if (c === undefined) break;
    reserve(d, c, a, 'agent-available', cands);
  }
  repool(d, a);
}
