import { offerWork } from './agent-flow.js';
import { repool } from './availability.js';
import { normalizeQueue, type NormalizedQueue } from './config.js';
import { ContactHeap } from './contact-heap.js';
import { addWaiting, stepAt } from './contact-state.js';
import type { DomainState } from './domain-state.js';
import { RoutingError } from './errors.js';
import type { QueueId } from './ids.js';
import { applyMembershipChanges, rescore } from './memberships.js';
import { scheduleWake } from './placement.js';
import { compileQueueScorer } from './queue-scorer.js';
import type { AgentRec, ContactRec, QueueRec } from './records.js';
import { newCounters } from './stats.js';
import { newPool } from './strategy.js';
import { withSkills } from './skill-errors.js';

/** Looks a queue up or throws QUEUE_UNKNOWN. */
export function queueOf(d: DomainState, id: unknown): QueueRec {
  const q = typeof id === 'string' ? d.queues.get(id) : undefined;
  if (q === undefined) throw new RoutingError('QUEUE_UNKNOWN', `no queue '${String(id)}'`);
  return q;
}

/**
 * Adds or replaces a queue. Requirements are compiled and membership recomputed for this queue
 * only; waiting contacts are re-filed under the new steps and every member agent that is ready
 * is offered the waiting work, so the work-conserving invariant holds afterwards. All-or-nothing.
 */
export function upsertQueue(d: DomainState, input: unknown, checkOverflow = true): QueueRec {
  const n = normalizeQueue(input, Object.fromEntries(d.channelIndex));
  if (checkOverflow) {
    checkOverflowTarget(d, n);
    for (const other of d.queues.values()) {
      if (other.id !== n.id && other.config.overflowQueueId === n.id && other.config.channel !== n.channel) {
        throw new RoutingError('CONFIG_INVALID', `queue '${other.id}' (${other.config.channel}) overflows to '${n.id}', which would take ${n.channel}`);
      }
    }
  }
  // Without explicit weights, every skill any step names counts once.
  const scorer = withSkills(`queue '${n.id}'`, () => compileQueueScorer(d.catalogue, n.skillWeights, n.steps.map((s) => s.requirement)));
  const changes = withSkills(`queue '${n.id}' steps`, () => d.membership.setQueue(n.id, n.steps.map((s) => s.requirement)));
  const existing = d.queues.get(n.id);
  const channel = d.channelIndex.get(n.channel) as number;
  const q = existing ?? createQueue(d, n, channel, scorer);
  const waiting = existing === undefined ? [] : drainWaiting(d, q);
  Object.assign(q, { config: n, channel, scorer });
  q.waiting = n.steps.map(() => new ContactHeap<ContactRec>());
  q.minKeyFrom = new Float64Array(n.steps.length + 1).fill(Infinity);
  q.pools = n.steps.map(() => newPool(d, n.strategy));
  applyMembershipChanges(d, changes);
  q.members = n.steps.map(() => 0);
  const members = recountMembers(d, q);
  for (const c of waiting) refile(d, c);
  for (const a of members) {
    rescore(a);
    if (a.presence === 'ready') offerWork(d, a);
    else repool(d, a);
  }
  if (d.wants('queue.updated')) d.emit({ type: 'queue.updated', at: d.now, queueId: q.id });
  return q;
}

/** A queue's overflow target exists and takes the same channel (a voice call never becomes a chat). */
export function checkOverflowTarget(d: DomainState, q: NormalizedQueue): void {
  if (q.overflowQueueId === undefined) return;
  const to = d.queues.get(q.overflowQueueId);
  if (to === undefined) throw new RoutingError('QUEUE_UNKNOWN', `queue '${q.id}' overflows to unknown queue '${q.overflowQueueId}'`);
  if (to.config.channel !== q.channel) {
    throw new RoutingError('CONFIG_INVALID', `queue '${q.id}' (${q.channel}) overflows to '${to.id}' on another channel (${to.config.channel})`);
  }
}

function createQueue(d: DomainState, n: NormalizedQueue, channel: number, scorer: QueueRec['scorer']): QueueRec {
  const q: QueueRec = {
    id: n.id as QueueId, seq: d.queueSeq++, config: n, channel, scorer, waiting: [], minKeyFrom: new Float64Array(1).fill(Infinity), waitingCount: 0, waitingPreferred: 0,
    pools: [], members: [], held: 0, raceClock: 0, counters: newCounters(),
  };
  d.queues.set(q.id, q);
  return q;
}

/** Takes every waiting contact out of the queue's sets, in (order key, seq) order: they are re-filed in that order, whatever the heaps' layout. */
function drainWaiting(d: DomainState, q: QueueRec): ContactRec[] {
  const out: ContactRec[] = [];
  for (const h of q.waiting) for (const c of h.values()) out.push(c);
  out.sort((a, b) => a.orderKey - b.orderKey || a.seq - b.seq);
  for (const c of out) c.heapPos = -1;
  d.waitingTotal -= q.waitingCount;
  q.waitingCount = 0;
  return out;
}

function refile(d: DomainState, c: ContactRec): void {
  c.step = stepAt(c, d.now);
  addWaiting(d, c);
  scheduleWake(d, c);
}

function recountMembers(d: DomainState, q: QueueRec): AgentRec[] {
  const members: AgentRec[] = [];
  for (const [agentId, s] of d.membership.members(q.id)) {
    const a = d.agents.get(agentId);
    if (a === undefined) continue;
    members.push(a);
    q.members[s] = (q.members[s] ?? 0) + 1;
  }
  q.members.forEach((n, s) => q.pools[s]?.setMemberCount(n));
  return members;
}

/** Removes a queue that holds no contacts and is no other queue's overflow target. */
export function removeQueue(d: DomainState, q: QueueRec): void {
  if (q.held > 0) throw new RoutingError('QUEUE_NOT_EMPTY', `queue '${q.id}' holds ${q.held} contact(s)`);
  for (const other of d.queues.values()) {
    if (other !== q && other.config.overflowQueueId === q.id) {
      throw new RoutingError('QUEUE_IN_USE', `queue '${other.id}' overflows to '${q.id}'`);
    }
  }
  applyMembershipChanges(d, d.membership.removeQueue(q.id));
  d.queues.delete(q.id);
  if (d.wants('queue.removed')) d.emit({ type: 'queue.removed', at: d.now, queueId: q.id });
}
