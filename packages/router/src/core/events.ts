/**
 * Everything the engine reports, as a discriminated union on `type` (dotted, past tense).
 * `at` is the engine time in milliseconds at which it happened.
 */
export type RoutingEvent =
  | { readonly type: 'contact.queued'; readonly at: number; readonly contactId: string; readonly queueId: string; readonly step: number; readonly orderKey: number }
  | { readonly type: 'contact.preferred'; readonly at: number; readonly contactId: string; readonly agentIds: readonly string[]; readonly until: number }
  | { readonly type: 'contact.scheduled'; readonly at: number; readonly contactId: string; readonly callbackAt: number }
  | { readonly type: 'contact.escalated'; readonly at: number; readonly contactId: string; readonly queueId: string; readonly step: number }
  | { readonly type: 'contact.overflowed'; readonly at: number; readonly contactId: string; readonly fromQueueId: string; readonly toQueueId: string; readonly reason: 'max-wait' | 'max-length' }
  | { readonly type: 'contact.moved'; readonly at: number; readonly contactId: string; readonly fromQueueId: string; readonly toQueueId: string }
  | { readonly type: 'contact.transferred'; readonly at: number; readonly contactId: string; readonly fromQueueId: string; readonly toQueueId: string; readonly agentId: string }
  | { readonly type: 'contact.completed'; readonly at: number; readonly contactId: string; readonly queueId: string; readonly agentId: string }
  | { readonly type: 'contact.abandoned'; readonly at: number; readonly contactId: string; readonly queueId: string; readonly waitedMs: number }
  | { readonly type: 'contact.expired'; readonly at: number; readonly contactId: string; readonly queueId: string; readonly waitedMs: number }
  | { readonly type: 'contact.refused'; readonly at: number; readonly contactId: string; readonly queueId: string; readonly reason: 'queue-full' | 'overflow-limit' }
  | { readonly type: 'callback.requested'; readonly at: number; readonly contactId: string; readonly queueId: string }
  | { readonly type: 'reservation.created'; readonly at: number; readonly reservationId: string; readonly token: number; readonly contactId: string; readonly agentId: string; readonly queueId: string; readonly step: number; readonly deadline: number }
  | { readonly type: 'reservation.accepted'; readonly at: number; readonly reservationId: string; readonly contactId: string; readonly agentId: string }
  | { readonly type: 'reservation.rejected'; readonly at: number; readonly reservationId: string; readonly contactId: string; readonly agentId: string }
  | { readonly type: 'reservation.timedOut'; readonly at: number; readonly reservationId: string; readonly contactId: string; readonly agentId: string }
  | { readonly type: 'reservation.cancelled'; readonly at: number; readonly reservationId: string; readonly contactId: string; readonly agentId: string }
  | { readonly type: 'agent.loggedIn'; readonly at: number; readonly agentId: string }
  | { readonly type: 'agent.loggedOut'; readonly at: number; readonly agentId: string }
  | { readonly type: 'agent.ready'; readonly at: number; readonly agentId: string }
  | { readonly type: 'agent.notReady'; readonly at: number; readonly agentId: string; readonly reason: string }
  | { readonly type: 'agent.paused'; readonly at: number; readonly agentId: string; readonly missedOffers: number }
  | { readonly type: 'agent.wrapUpStarted'; readonly at: number; readonly agentId: string; readonly contactId: string; readonly until: number }
  | { readonly type: 'agent.wrapUpEnded'; readonly at: number; readonly agentId: string; readonly contactId: string }
  /** Emitted before the events the change causes (offers to the agent), with the team it has now. */
  | { readonly type: 'agent.updated'; readonly at: number; readonly agentId: string; readonly team?: string }
  | { readonly type: 'agent.removed'; readonly at: number; readonly agentId: string }
  | { readonly type: 'queue.updated'; readonly at: number; readonly queueId: string }
  | { readonly type: 'queue.removed'; readonly at: number; readonly queueId: string };

/** The `type` of every event. */
export type RoutingEventType = RoutingEvent['type'];
