import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isIvrError } from '@switchboard/ivr';
import { isRoutingError } from '../core/errors.js';
import { isWfmError } from '../wfm/wfm-errors.js';
import { ServiceError, errorBody, type ErrorBody } from '../service/service-errors.js';

/** Fastify's and its plugins' own errors, by code, as catalogue errors. */
function fromFastify(e: FastifyError): ServiceError | undefined {
  if (e.validation !== undefined) return new ServiceError('REQUEST_INVALID', e.message);
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new ServiceError('BODY_TOO_LARGE');
    case 'FST_ERR_MAX_PARAM_LENGTH': return new ServiceError('URL_TOO_LONG');
    case 'FST_ERR_BAD_URL': return new ServiceError('REQUEST_INVALID', 'the URL cannot be decoded');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new ServiceError('MEDIA_TYPE_UNSUPPORTED', e.message);
    case 'FST_JWT_NO_AUTHORIZATION_IN_HEADER': return new ServiceError('AUTH_REQUIRED');
    default:
  }
  if (e.code?.startsWith('FST_JWT_') === true) return new ServiceError('AUTH_INVALID', e.message);
  if (e.statusCode === 429) return new ServiceError('RATE_LIMITED', e.message);
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return new ServiceError('REQUEST_INVALID', e.message);
  return undefined;
}

/** The body of the answer to anything thrown while handling a request. */
export function answerFor(e: unknown): ErrorBody {
  if (e instanceof ServiceError || isRoutingError(e) || isIvrError(e) || isWfmError(e)) return errorBody(e);
  const mapped = typeof e === 'object' && e !== null ? fromFastify(e as FastifyError) : undefined;
  return errorBody(mapped ?? e);
}

/** The one error handler: every error answer is `{ code, status, message }` from the catalogue. */
export function errorHandler(e: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = answerFor(e);
  if (body.status >= 500 && body.code !== 'STORE_UNAVAILABLE' && body.code !== 'SERVICE_CLOSING') request.log.error({ err: e }, 'request failed');
  return reply.code(body.status).send(body);
}
