import { Agent, request } from 'node:http';

/**
 * An open-loop load at a steady rate: request i is due at start + i / rate, sent then on a free
 * keep-alive connection (up to `connections`), and its latency is counted from when it was due,
 * so a server that stalls is charged for the requests that queued meanwhile (no coordinated
 * omission). autocannon's `overallRate` instead lets every connection send back to back until
 * it has made its share of the second, then pause: at 2,000/s it measures one-second bursts at
 * full concurrency, not a steady 2,000 requests a second.
 */

/** What a paced load sends and how. */
export interface PacedLoadOptions {
  readonly port: number;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Requests per second, spread evenly. */
  readonly rate: number;
  readonly durationS: number;
  /** Keep-alive connections at most. */
  readonly connections: number;
  /** The body of the next request. */
  body(): string;
  /** Told of each answer (status and body). */
  onResponse?(status: number, body: string): void;
}

/** What a paced load measured. */
export interface PacedLoadResult {
  readonly rate: number;
  readonly duration_s: number;
  readonly requests_total: number;
  /** Answered requests over the time from the first due time to the last answer. */
  readonly achieved_rps: number;
  /** From each request's due time to its answer. */
  readonly latency_ms: { readonly mean: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** Requests with no whole answer (refused, cut off, or none within 10 s): not in the latencies. */
  readonly errors: number;
  readonly non2xx: number;
}

const round2 = (x: number): number => Number(x.toFixed(2));

/** A request not answered in this time counts as an error (the socket is closed). */
const REQUEST_TIMEOUT_MS = 10_000;

function summary(latencies: number[]): PacedLoadResult['latency_ms'] {
  if (latencies.length === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  latencies.sort((a, b) => a - b);
  const q = (p: number) => round2(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] as number);
  return { mean: round2(latencies.reduce((a, b) => a + b, 0) / latencies.length), p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1) };
}

/** Sends `rate × durationS` requests evenly over `durationS` seconds and resolves once every one is answered. */
export function pacedLoad(o: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const total = Math.round(o.rate * o.durationS);
  const gapMs = 1000 / o.rate;
  const latencies: number[] = [];
  let sent = 0, settled = 0, errors = 0, non2xx = 0;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const finish = (): void => {
      agent.destroy();
      const elapsed = (performance.now() - t0) / 1000;
      resolve({
        rate: o.rate, duration_s: round2(elapsed), requests_total: settled,
        achieved_rps: Math.round((settled - errors) / elapsed), latency_ms: summary(latencies), errors, non2xx,
      });
    };
    const done = (): void => {
      if (++settled === total) finish();
    };
    const send = (due: number): void => {
      const body = o.body();
      let over = false;
      const end = (status: number | undefined, text: string): void => {
        if (over) return;
        over = true;
        if (status === undefined) errors++; // no whole answer: cut off, refused or timed out
        else {
          latencies.push(performance.now() - due);
          if (status < 200 || status >= 300) non2xx++;
          o.onResponse?.(status, text);
        }
        done();
      };
      const req = request({ host: '127.0.0.1', port: o.port, path: o.path, method: 'POST', agent, timeout: REQUEST_TIMEOUT_MS, headers: { ...o.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => end(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
        res.on('close', () => end(undefined, ''));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => end(undefined, ''));
      req.end(body);
    };
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && t0 + sent * gapMs <= now) send(t0 + sent++ * gapMs);
      if (sent < total) setTimeout(tick, 1);
    };
    if (total === 0) finish();
    else tick();
  });
}
