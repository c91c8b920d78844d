import type { Traffic } from '@switchboard/router/wfm';

/**
 * The baseline of the simulation benchmark: the same arrivals and handle times through a
 * trivial event loop — one FIFO queue, `servers` identical servers, completions in a binary
 * heap, no skills, no routing, no abandonment. What an M/M/N simulation costs when it does
 * nothing but move time. Returns the mean wait (so the work cannot be optimised away).
 */
export function fifoEventLoop(t: Traffic, servers: number): number {
  const heap = new Float64Array(servers);
  let busy = 0;
  const queue = new Int32Array(t.count);
  let head = 0;
  let tail = 0;
  let waitSum = 0;
  const push = (x: number) => {
    let i = busy++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heap[p] as number) <= x) break;
      heap[i] = heap[p] as number;
      i = p;
    }
    heap[i] = x;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap[--busy] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= busy) break;
      if (c + 1 < busy && (heap[c + 1] as number) < (heap[c] as number)) c++;
      if ((heap[c] as number) >= last) break;
      heap[i] = heap[c] as number;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  let next = 0;
  while (next < t.count || busy > 0) {
    const arrival = next < t.count ? (t.at[next] as number) : Infinity;
    if (busy > 0 && (heap[0] as number) <= arrival) {
      const now = pop();
      if (head < tail) {
        const c = queue[head++] as number;
        waitSum += now - (t.at[c] as number);
        push(now + (t.handle[c] as number));
      }
    } else if (busy < servers) {
      push(arrival + (t.handle[next++] as number));
    } else {
      queue[tail++] = next++;
    }
  }
  return waitSum / t.count;
}
