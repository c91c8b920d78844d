import { IVR_ERRORS, IvrError } from '@switchboard/ivr';
import { ROUTING_ERRORS, RoutingError } from '../core/errors.js';
import { WFM_ERRORS, WfmError } from '../wfm/wfm-errors.js';

/**
 * The service's own error codes, beside the router's {@link ROUTING_ERRORS}: authentication,
 * authorization, request shape and limits. Every HTTP error answer carries one code of the two
 * tables, the status given here and the message (then `: ` and a detail).
 */
export const SERVICE_ERRORS = {
  AUTH_REQUIRED: { status: 401, message: 'Authentication is required' },
  AUTH_INVALID: { status: 401, message: 'Credentials or token are not valid' },
  TICKET_INVALID: { status: 401, message: 'Event stream ticket is not valid' },
  FORBIDDEN: { status: 403, message: 'Not allowed for this caller' },
  ROUTE_UNKNOWN: { status: 404, message: 'No such endpoint' },
  CUSTOMER_UNKNOWN: { status: 404, message: 'Customer is not known' },
  LEAD_UNKNOWN: { status: 404, message: 'Lead is not known' },
  ENTRY_UNKNOWN: { status: 404, message: 'Configuration entry is not known' },
  IVR_SESSION_UNKNOWN: { status: 404, message: 'IVR session is not known' },
  IVR_INPUT_STALE: { status: 409, message: 'IVR input is not the next one' },
  INTERACTION_UNKNOWN: { status: 404, message: 'Interaction is not known' },
  SIP_NOT_CONFIGURED: { status: 404, message: 'No SIP server is configured for softphones' },
  DISPOSITION_REQUIRED: { status: 400, message: 'Wrap-up needs a disposition' },
  DISPOSITION_UNKNOWN: { status: 400, message: 'Disposition is not one the queue offers' },
  WRAP_UP_NOTE_REQUIRED: { status: 400, message: 'Wrap-up needs a note' },
  WRAP_UP_INCOMPLETE: { status: 409, message: 'Wrap-up lacks its required disposition or note' },
  SHIFT_WRAP_UPS_PENDING: { status: 409, message: 'Contacts of this shift still lack their wrap-up' },
  REQUEST_INVALID: { status: 400, message: 'Request does not match the schema' },
  PHONE_INVALID: { status: 400, message: 'Phone number is not valid' },
  BODY_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  URL_TOO_LONG: { status: 414, message: 'A path parameter is too long' },
  MEDIA_TYPE_UNSUPPORTED: { status: 415, message: 'Content type is not supported' },
  RATE_LIMITED: { status: 429, message: 'Too many requests' },
  SERVICE_CLOSING: { status: 503, message: 'Service is shutting down' },
  CUSTOMER_DIRECTORY_UNAVAILABLE: { status: 503, message: 'Customer directory is not answering' },
  INTERNAL: { status: 500, message: 'Internal error' },
} as const;

/** Every code a {@link ServiceError} can carry. */
export type ServiceErrorCode = keyof typeof SERVICE_ERRORS;

/** Every code an HTTP error answer can carry: the router's, the IVR's, workforce management's and the service's. */
export type ErrorCode = ServiceErrorCode | keyof typeof ROUTING_ERRORS | keyof typeof IVR_ERRORS | keyof typeof WFM_ERRORS;

/** The one catalogue the service answers from (router codes, then IVR, workforce-management and service codes). */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, { readonly status: number; readonly message: string }>> = {
  ...ROUTING_ERRORS, ...IVR_ERRORS, ...WFM_ERRORS, ...SERVICE_ERRORS,
};

/** An error of the service layer: a catalogue code, its HTTP status and a detail. */
export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly status: number;

  constructor(code: ServiceErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = SERVICE_ERRORS[code].message;
    super(detail === undefined ? base : `${base}: ${detail}`, options);
    this.name = 'ServiceError';
    this.code = code;
    this.status = SERVICE_ERRORS[code].status;
  }
}

/** The body of every error answer. */
export interface ErrorBody {
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: string;
}

/** Maps anything thrown to an answer; what is none of the catalogued error classes is INTERNAL. */
export function errorBody(e: unknown): ErrorBody {
  if (e instanceof ServiceError || e instanceof RoutingError || e instanceof IvrError || e instanceof WfmError) return { code: e.code, status: e.status, message: e.message };
  return { code: 'INTERNAL', status: 500, message: SERVICE_ERRORS.INTERNAL.message };
}
