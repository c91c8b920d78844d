import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedLoad } from '../benchmarks/paced-load.js';

/** The paced load of bench:http against a tiny local server that answers, or cuts answers off. */
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => { server?.closeAllConnections(); server?.close(() => resolve()); }));

function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  server = createServer(handler);
  return new Promise((resolve) => server?.listen(0, '127.0.0.1', () => resolve((server?.address() as AddressInfo).port)));
}

describe('pacedLoad', () => {
  it('sends rate × duration requests, each counted from its due time, and reads every answer', async () => {
    let n = 0;
    const port = await listen((req, res) => { req.resume(); res.end(`{"n":${n++}}`); });
    const seen: string[] = [];
    const r = await pacedLoad({ port, path: '/x', headers: {}, rate: 200, durationS: 0.25, connections: 4, body: () => '{}', onResponse: (status, body) => seen.push(`${status} ${body}`) });
    expect(r).toMatchObject({ requests_total: 50, errors: 0, non2xx: 0 });
    expect(seen).toHaveLength(50);
    expect(r.latency_ms.p50).toBeGreaterThan(0);
    expect(r.duration_s).toBeGreaterThanOrEqual(0.24);
  });

  it('counts an answer cut off midway as an error and still finishes', async () => {
    let n = 0;
    const port = await listen((req, res) => {
      req.resume();
      if (++n === 3) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => res.destroy(), 10);
        return;
      }
      res.end('{}');
    });
    const r = await pacedLoad({ port, path: '/x', headers: {}, rate: 100, durationS: 0.1, connections: 2, body: () => '{}' });
    expect(r).toMatchObject({ requests_total: 10, errors: 1, non2xx: 0 });
  });
});
