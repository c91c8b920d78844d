import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Customer } from '../../src/service/config-schema.js';

/** How the fake CRM answers: the contract, or one way of failing it. */
export type CrmMode = 'ok' | 'slow' | 'status500' | 'notJson' | 'badShape' | 'huge' | 'otherCustomer';

/**
 * A real HTTP CRM on 127.0.0.1 (ephemeral port) that speaks the directory contract for the
 * customers given — `GET /api/customers/{id}`, `/by-number/{e164}`, `/by-account/{account}` —
 * and counts the requests it receives. `mode` switches it to a failure.
 */
export class FakeCrm {
  mode: CrmMode = 'ok';
  /** How long `slow` waits before answering. */
  delayMs = 5_000;
  readonly requests: Array<{ path: string; authorization: string | undefined }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server, readonly url: string, private readonly customers: readonly Customer[]) {}

  static async start(customers: readonly Customer[]): Promise<FakeCrm> {
    let crm: FakeCrm | undefined;
    const server = createServer((req, res) => crm?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    crm = new FakeCrm(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, customers);
    return crm;
  }

  /** A URL where nothing listens (connection refused): a port that was free a moment ago. */
  static async downUrl(): Promise<string> {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const { port } = s.address() as AddressInfo;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    return `http://127.0.0.1:${port}/api`;
  }

  /** Requests for this path (decoded). */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  private find(path: string): Customer | undefined {
    const [, kind, key] = /^\/api\/customers\/(?:(by-number|by-account)\/)?([^/]+)$/.exec(path) ?? [];
    if (key === undefined) return undefined;
    if (kind === 'by-number') return this.customers.find((c) => c.numbers.includes(key));
    if (kind === 'by-account') return this.customers.find((c) => (c.accounts ?? []).includes(key));
    return this.customers.find((c) => c.id === key);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(req.url ?? '');
    this.requests.push({ path, authorization: req.headers.authorization });
    const json = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    const c = this.find(path);
    switch (this.mode) {
      case 'slow': {
        const t = setTimeout(() => { this.timers.delete(t); json(c === undefined ? 404 : 200, JSON.stringify(c ?? {})); }, this.delayMs);
        this.timers.add(t);
        return;
      }
      case 'status500': return void json(500, '{"error":"boom"}');
      case 'notJson': return void json(200, '<html>login</html>');
      case 'badShape': return void json(200, JSON.stringify({ id: 'x', numbers: 'not an array' }));
      case 'huge': return void json(200, JSON.stringify({ id: 'x', name: 'x'.repeat(1_000_000), numbers: [] }));
      case 'otherCustomer': return void json(200, JSON.stringify({ ...this.customers[0], id: 'someone-else' }));
      case 'ok': return void (c === undefined ? json(404, '{"error":"not found"}') : json(200, JSON.stringify({ ...c, crmOnlyField: 'dropped' })));
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
