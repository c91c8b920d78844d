import { FifoPool, HeapPool, type AgentPool } from './agent-pool.js';
import type { Strategy } from './config.js';
import type { DomainState } from './domain-state.js';
import type { AgentRec, Membership } from './records.js';

/**
 * Strategy keys: each strategy orders a pool by (k1, k2), smaller first.
 * - longest-idle: time of the agent's last change of work (becoming ready, taking or finishing a
 *   contact), then push order — keys only grow, so the pool is a FIFO.
 * - round-robin ("taxi queue"): the last time this queue offered the agent a contact; the agent
 *   just served goes to the back of the line, whatever the size of the contact.
 * - most-skilled: highest skill score against the queue's weights, then longest idle.
 * - fewest-contacts: fewest contacts handled, then longest idle.
 * - least-occupied: lowest share of capacity in use, then longest idle.
 * - weighted-random: an Efraimidis–Spirakis key −ln(U)/weight drawn at push time; taking the
 *   smallest is a weighted random draw without replacement.
 */
export function newPool(strategy: Strategy): AgentPool {
  return strategy === 'longest-idle' ? new FifoPool() : new HeapPool();
}

/** Writes the agent's keys for this membership into `out` (no allocation on the hot path). */
export function poolKeys(d: DomainState, strategy: Strategy, a: AgentRec, m: Membership, out: Float64Array): void {
  switch (strategy) {
    case 'longest-idle':
      out[0] = a.availableSince;
      out[1] = d.pushSeq++;
      return;
    case 'round-robin':
      out[0] = m.lastOfferedAt;
      out[1] = a.seq;
      return;
    case 'most-skilled':
      out[0] = -m.score;
      out[1] = a.availableSince;
      return;
    case 'fewest-contacts':
      out[0] = a.handled;
      out[1] = a.availableSince;
      return;
    case 'least-occupied':
      out[0] = a.used / a.capacity;
      out[1] = a.availableSince;
      return;
    case 'weighted-random':
      out[0] = -Math.log(1 - d.rng()) / a.weight;
      out[1] = a.seq;
      return;
  }
}
