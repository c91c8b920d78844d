import { ReplyError } from 'ioredis';
import { RoutingError } from '../../core/errors.js';

/**
 * Runs a Redis call; a failure to reach Redis (connection closed, retries or command timeout
 * exhausted) becomes STORE_UNAVAILABLE. An error Redis itself answered (a script error) is not
 * unavailability and passes through.
 */
export async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof RoutingError) throw e;
    // Redis answered, but cannot serve now (a long script running, loading, failing over).
    const busy = e instanceof ReplyError && /^(BUSY|LOADING|TRYAGAIN|MASTERDOWN|READONLY)\b/.test((e as Error).message);
    if (e instanceof ReplyError && !busy) throw e;
    throw new RoutingError('STORE_UNAVAILABLE', e instanceof Error ? e.message : String(e));
  }
}

