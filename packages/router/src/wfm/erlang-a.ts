import { erlangCMetrics } from './erlang-c.js';
import { answeredAfterWaitWithin } from './erlang-a-service-level.js';
import { MAX_PATIENT_CALLERS, waitingTail, type WaitingTail } from './erlang-a-queue.js';
import { clamp01, type QueueMetrics } from './queue-metrics.js';
import type { Rates } from './traffic-input.js';
import { WfmError } from './wfm-errors.js';

/**
 * Erlang A (M/M/N+M): Erlang C with callers who hang up after an exponential patience.
 * A caller who finds j others waiting moves up at rate Nμ + iθ while i are ahead and leaves at
 * rate θ itself, so it is answered with probability Nμ / (Nμ + (j+1)θ) and, if answered, waits
 * Σ_{i≤j} 1/(Nμ + (i+1)θ) on average (holding times do not depend on how they end). Service
 * level counts callers answered within the threshold over all callers offered. Without
 * patience (θ = 0) this is Erlang C.
 */
export function erlangAMetrics(agents: number, r: Rates): QueueMetrics {
  if (r.theta === 0) return erlangCMetrics(agents, r);
  if (r.lambda / r.theta > MAX_PATIENT_CALLERS) {
    throw new WfmError('WFM_INPUT_INVALID', `arrivals per second × mean patience must be at most ${MAX_PATIENT_CALLERS} (got ${Math.round(r.lambda / r.theta)})`);
  }
  const tail = waitingTail(agents, r);
  const m = moments(agents, r, tail);
  const answered = 1 - m.abandon;
  return {
    model: 'erlang-a', agents, load: r.load,
    probabilityOfWaiting: clamp01(tail.probabilityOfWaiting),
    serviceLevel: clamp01(1 - tail.probabilityOfWaiting + answeredAfterWaitWithin(agents, r, tail)),
    asa: answered > 0 ? (m.waitOfAnswered / answered) : null,
    occupancy: clamp01((r.load * answered) / agents),
    probabilityOfAbandon: clamp01(m.abandon),
  };
}

/** P(abandon) and E[wait; answered] (seconds) from the tail. */
function moments(agents: number, r: Rates, tail: WaitingTail): { abandon: number; waitOfAnswered: number } {
  const a = agents * r.mu;
  let abandon = 0;
  let wait = 0;
  let h = 0; // Σ_{i≤j} 1/ν_i, ν_i = a + (i+1)θ
  for (let i = 0; i < tail.from; i++) h += 1 / (a + (i + 1) * r.theta);
  for (let k = 0; k < tail.weights.length; k++) {
    const j = tail.from + k;
    const nu = a + (j + 1) * r.theta;
    h += 1 / nu;
    const w = tail.weights[k] as number;
    abandon += (w * (j + 1) * r.theta) / nu;
    wait += ((w * a) / nu) * h;
  }
  return { abandon, waitOfAnswered: wait };
}
