import { HeapPool, type AgentPool } from './agent-pool.js';
import { FifoPool } from './fifo-pool.js';
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
 * - weighted-random: an exponential race. An agent joining the pool draws the key
 *   raceClock − ln(U)/weight, where raceClock is the key of the last agent the queue chose; the
 *   smallest key wins. Exponentials are memoryless, so agents who keep waiting keep fair keys and
 *   each agent's share of contacts is proportional to its weight.
 */
export function newPool(d: DomainState, strategy: Strategy): AgentPool<AgentRec> {
  return strategy === 'longest-idle' ? new FifoPool<AgentRec>(d.table) : new HeapPool<AgentRec>(d.table);
}

/** Writes the agent's keys for this membership into `out` (no allocation on the hot path). */
export function poolKeys(d: DomainState, strategy: Strategy, a: AgentRec, m: Membership, out: Float64Array): void {
  switch (strategy) {
    case 'longest-idle':
      out[0] = d.table.idleK1[a.seq] as number;
      out[1] = d.table.idleK2[a.seq] as number;
      return;
    case 'round-robin':
      out[0] = m.lastOfferedAt;
      out[1] = a.seq;
      return;
    case 'most-skilled':
      out[0] = 0 - m.score; // not -m.score: a zero score would give -0, which JSON and Lua print as 0
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
      out[0] = m.queue.raceClock - Math.log(1 - d.rng()) / a.weight;
      out[1] = a.seq;
      return;
  }
}
