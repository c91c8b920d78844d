import type { RoutingEvent } from '../../core/events.js';
import type { ContactView } from '../../core/views.js';
import type { HistoryDetail, HistoryDraft, HistoryKind } from './history-entry.js';

/** Pure: the history entries routing events and contacts stand for. */

type ContactEvent = Extract<RoutingEvent, { contactId: string }>;

/** Whether a routing event is about a contact (agent presence and configuration events are not). */
export const isContactEvent = (e: RoutingEvent): e is ContactEvent => 'contactId' in e;

function draft(e: ContactEvent, kind: HistoryKind, parts: { queueId?: string; agentId?: string; details?: Record<string, HistoryDetail> }): HistoryDraft {
  return {
    interactionId: e.contactId, at: e.at, kind, source: 'router',
    ...(parts.queueId === undefined ? {} : { queueId: parts.queueId }),
    ...(parts.agentId === undefined ? {} : { agentId: parts.agentId }),
    details: parts.details ?? {},
  };
}

function contactDraft(e: ContactEvent): HistoryDraft | undefined {
  switch (e.type) {
    case 'contact.queued': return draft(e, 'queued', { queueId: e.queueId, details: { step: e.step } });
    case 'contact.preferred': return draft(e, 'preferred', { details: { agentIds: e.agentIds, until: e.until } });
    case 'contact.scheduled': return draft(e, 'scheduled', { details: { callbackAt: e.callbackAt } });
    case 'contact.escalated': return draft(e, 'escalated', { queueId: e.queueId, details: { step: e.step } });
    case 'contact.overflowed': return draft(e, 'overflowed', { queueId: e.toQueueId, details: { fromQueueId: e.fromQueueId, reason: e.reason } });
    case 'contact.moved': return draft(e, 'moved', { queueId: e.toQueueId, details: { fromQueueId: e.fromQueueId } });
    case 'contact.transferred': return draft(e, 'transferred', { queueId: e.toQueueId, agentId: e.agentId, details: { fromQueueId: e.fromQueueId } });
    case 'contact.completed': return draft(e, 'ended', { queueId: e.queueId, agentId: e.agentId, details: { outcome: 'completed' } });
    case 'contact.abandoned': return draft(e, 'ended', { queueId: e.queueId, details: { outcome: 'abandoned', waitedMs: e.waitedMs } });
    case 'contact.expired': return draft(e, 'ended', { queueId: e.queueId, details: { outcome: 'expired', waitedMs: e.waitedMs } });
    case 'contact.refused': return draft(e, 'ended', { queueId: e.queueId, details: { outcome: 'refused', reason: e.reason } });
    case 'callback.requested': return draft(e, 'callback.requested', { queueId: e.queueId });
    default: return undefined;
  }
}

function agentDraft(e: ContactEvent): HistoryDraft | undefined {
  switch (e.type) {
    case 'reservation.created':
      return draft(e, 'offered', { queueId: e.queueId, agentId: e.agentId, details: { reservationId: e.reservationId, step: e.step, deadline: e.deadline } });
    case 'reservation.accepted': return draft(e, 'answered', { agentId: e.agentId, details: { reservationId: e.reservationId } });
    case 'reservation.rejected': return draft(e, 'offer.rejected', { agentId: e.agentId, details: { reservationId: e.reservationId } });
    case 'reservation.timedOut': return draft(e, 'offer.timedOut', { agentId: e.agentId, details: { reservationId: e.reservationId } });
    case 'reservation.cancelled': return draft(e, 'offer.cancelled', { agentId: e.agentId, details: { reservationId: e.reservationId } });
    case 'agent.wrapUpStarted': return draft(e, 'wrapUp.started', { agentId: e.agentId, details: { until: e.until } });
    case 'agent.wrapUpEnded': return draft(e, 'wrapUp.ended', { agentId: e.agentId });
    default: return undefined;
  }
}

/** The entry a routing event stands for, if it is about a contact. */
export function entryOfEvent(e: RoutingEvent): HistoryDraft | undefined {
  if (!isContactEvent(e)) return undefined;
  return contactDraft(e) ?? agentDraft(e);
}

/** The queue a routing event names, if any (where a contact arrived when its view says nothing better). */
export function queueOfEvent(e: RoutingEvent): string | undefined {
  if ('queueId' in e) return e.queueId;
  return 'fromQueueId' in e ? e.fromQueueId : undefined;
}

/**
 * The entry a contact starts with: its arrival (caller, customer, channel, reason, value).
 * `contact` is undefined when the store no longer knows it: the arrival then says only when and
 * where. (What an IVR collected is recorded by the IVR session itself: `ivr.input`,
 * `ivr.completed`.)
 */
export function arrivalDraft(interactionId: string, at: number, queueId: string | undefined, contact: ContactView | undefined): HistoryDraft {
  const a = contact?.attributes;
  const details: Record<string, HistoryDetail> = {};
  if (contact !== undefined) details.channel = contact.channel;
  if (a?.caller !== undefined) details.caller = a.caller;
  if (a?.reason !== undefined) details.reason = a.reason;
  if (a?.valueTier !== undefined) details.valueTier = a.valueTier;
  return {
    interactionId, source: 'router', at: contact?.createdAt ?? at, kind: 'arrived', details,
    ...(queueId === undefined ? {} : { queueId }), ...(a?.customerId === undefined ? {} : { customerId: a.customerId }),
  };
}
