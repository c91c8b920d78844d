import type { DomainState } from './domain-state.js';
import type { AgentRec, Membership } from './records.js';
import type { AgentPool } from './agent-pool.js';
import { FifoPool } from './fifo-pool.js';
import { poolKeys } from './strategy.js';

const keys = new Float64Array(2);

/** True when the agent is ready and one more contact of this channel fits its capacity. */
export function canTake(d: DomainState, a: AgentRec, channel: number): boolean {
  return (
    a.presence === 'ready' &&
    a.capacity - a.used >= (d.channelCost[channel] as number) &&
    (a.perChannel[channel] as number) < (a.maxPerChannel[channel] as number)
  );
}

/** True when the agent is absent per its calendar at `t`. */
export function isAbsent(a: AgentRec, t: number): boolean {
  for (const ab of a.absences) if (t >= ab.from && t < ab.to) return true;
  return false;
}

/** Adds the time since the last mark to the agent's staffed and occupied totals. */
export function accountTime(d: DomainState, a: AgentRec): void {
  const dt = d.now - a.accountedAt;
  if (dt > 0) {
    if (a.presence !== 'offline') a.staffedMs += dt;
    if (a.used > 0) a.occupiedMs += dt;
  }
  a.accountedAt = d.now;
}

/**
 * Re-files the agent in its pools after any change to its availability: the epoch bump makes
 * every old pool entry stale, then the agent is pushed into the pool of each queue whose
 * channel still fits. O(memberships of this agent).
 */
export function repool(d: DomainState, a: AgentRec): void {
  d.table.bump(a.seq);
  if (a.presence !== 'ready') return;
  const k1 = a.availableSince;
  d.table.idleK1[a.seq] = k1;
  d.table.idleK2[a.seq] = d.pushSeq++;
  // Keys at or after every key filed so far go to the tail of any FIFO pool without a comparison.
  const newest = k1 >= d.idleHigh;
  if (newest) d.idleHigh = k1;
  const free = a.capacity - a.used;
  for (const m of a.memberships) pushMembership(d, a, m, free, newest);
}

function pushMembership(d: DomainState, a: AgentRec, m: Membership, free: number, newest: boolean): void {
  const q = m.queue;
  const ch = q.channel;
  if (free < (d.channelCost[ch] as number) || (a.perChannel[ch] as number) >= (a.maxPerChannel[ch] as number)) return;
  const pool = q.pools[m.step] as AgentPool<AgentRec>;
  if (newest && pool instanceof FifoPool) {
    pool.append(a);
    return;
  }
  poolKeys(d, q.config.strategy, a, m, keys);
  pool.push(a, keys[0] as number, keys[1] as number);
}
