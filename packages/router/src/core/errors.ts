/**
 * The router's error catalogue: one code per kind of bad input or broken precondition, each
 * with the HTTP status a service should answer with. Expected outcomes (queued, refused, …) are
 * values, not errors; a thrown {@link RoutingError} means nothing was changed.
 */
export const ROUTING_ERRORS = {
  CONFIG_INVALID: { status: 400, message: 'Configuration is not valid' },
  ID_INVALID: { status: 400, message: 'Id is not valid' },
  INPUT_INVALID: { status: 400, message: 'Input is not valid' },
  SKILL_INVALID: { status: 400, message: 'Skill levels or requirement are not valid' },
  CAPACITY_INVALID: { status: 400, message: 'Capacity must be a positive integer' },
  AGENT_UNKNOWN: { status: 404, message: 'Agent is not known' },
  AGENT_DUPLICATE: { status: 409, message: 'Agent id is already used' },
  AGENT_STATE_INVALID: { status: 409, message: 'Agent state does not allow this operation' },
  AGENT_BUSY: { status: 409, message: 'Agent still holds contacts' },
  QUEUE_UNKNOWN: { status: 404, message: 'Queue is not known' },
  QUEUE_DUPLICATE: { status: 409, message: 'Queue id is already used' },
  QUEUE_NOT_EMPTY: { status: 409, message: 'Queue still holds contacts' },
  QUEUE_IN_USE: { status: 409, message: 'Queue is the overflow target of another queue' },
  CONTACT_UNKNOWN: { status: 404, message: 'Contact is not known' },
  CONTACT_DUPLICATE: { status: 409, message: 'Contact id is already used' },
  CONTACT_STATE_INVALID: { status: 409, message: 'Contact state does not allow this operation' },
  RESERVATION_UNKNOWN: { status: 404, message: 'Reservation is not known' },
  RESERVATION_STALE: { status: 409, message: 'Reservation is no longer current (stale fencing token)' },
  ASSIGNMENT_UNKNOWN: { status: 404, message: 'Agent holds no such contact' },
  SNAPSHOT_INVALID: { status: 400, message: 'Engine snapshot is not valid' },
  SNAPSHOT_UNSUPPORTED: { status: 409, message: 'Engine state cannot be snapshotted' },
  STORE_UNAVAILABLE: { status: 503, message: 'Routing store is unavailable' },
} as const;

/** Every code a {@link RoutingError} can carry. */
export type RoutingErrorCode = keyof typeof ROUTING_ERRORS;

/** The one error class of the router: a catalogue code, its HTTP status and a detail. */
export class RoutingError extends Error {
  readonly code: RoutingErrorCode;
  readonly status: number;

  constructor(code: RoutingErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = ROUTING_ERRORS[code].message;
    super(detail === undefined ? base : `${base}: ${detail}`, options);
    this.name = 'RoutingError';
    this.code = code;
    this.status = ROUTING_ERRORS[code].status;
  }
}

/** True when `e` is a {@link RoutingError}, optionally with the given code. */
export function isRoutingError(e: unknown, code?: RoutingErrorCode): e is RoutingError {
  return e instanceof RoutingError && (code === undefined || e.code === code);
}
