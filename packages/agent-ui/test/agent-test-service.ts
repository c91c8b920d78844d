import type { Fetch } from '../src/shared/api.js';
import type { StreamListener } from '../src/shared/event-stream.js';
import type { AgentView, ContactScript, Customer, Desk, DeskContact, ShiftCheck } from '../src/shared/views.js';

/**
 * A stand-in for the service in the desktop's unit tests: the endpoints the desktop calls, over
 * a small desk model, recording each request. Tests make offers with {@link offer} (as the
 * router would: on the desk, then `reservation.created` on the stream) and make a request fail
 * with {@link refuse}. Not the router's semantics — the browser test runs against the real one.
 */
export class TestService {
  readonly requests: Array<{ readonly method: string; readonly path: string; readonly body: unknown }> = [];
  agent: AgentView = {
    id: 'agent05', name: 'Agent 5', presence: 'offline', activity: 'offline', presenceSince: 1_000, capacity: 6, used: 0,
    skills: { sales: 4 }, assignments: [], handled: 0,
  };
  contacts: DeskContact[] = [];
  customers: Record<string, Customer> = {};
  scripts: Record<string, ContactScript> = {};
  missing: ShiftCheck['missing'] = [];
  /** `METHOD path` → the error it answers with. */
  private readonly refusals = new Map<string, { status: number; code: string; message: string }>();
  private listener: StreamListener | undefined;
  now = 1_000_000;

  /** What the desktop's `openStream` gets: the stream's listener is kept, the snapshot sent. */
  readonly openStream = (_api: unknown, listener: StreamListener): { close(): void } => {
    this.listener = listener;
    listener.state('open');
    listener.message({ type: 'snapshot', data: { desk: this.desk(), queues: [] } });
    return { close: () => { this.listener = undefined; } };
  };

  readonly fetcher: Fetch = async (url, init) => {
    const method = init.method ?? 'GET';
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path, body });
    const refusal = this.refusals.get(`${method} ${path.split('?')[0]}`);
    if (refusal !== undefined) return json(refusal.status, refusal);
    return this.route(method, path.split('?')[0] ?? '', body);
  };

  /** What `GET /v1/me/sip` answers; none: 404 as a service without the endpoint. */
  sip: { uri: string; wsUri: string } | undefined;

  /** Makes `METHOD path` answer normally again. */
  allow(method: string, path: string): void {
    this.refusals.delete(`${method} ${path}`);
  }

  /** Makes `METHOD path` answer with an error from now on. */
  refuse(method: string, path: string, status: number, code: string, message: string): void {
    this.refusals.set(`${method} ${path}`, { status, code, message });
  }

  desk(): Desk {
    return { agent: { ...this.agent, assignments: this.contacts.map((c) => ({ contactId: c.id, queueId: c.queueId, phase: c.state === 'reserved' ? 'reserved' as const : c.state === 'active' ? 'active' as const : 'wrapUp' as const, since: this.now })) }, contacts: this.contacts };
  }

  /** Sends an event on the stream. */
  emit(type: string, fields: Record<string, unknown> = {}): void {
    this.listener?.message({ type: 'event', event: { type, at: this.now, agentId: this.agent.id, ...fields } });
  }

  /** The router offers a contact to the agent: it is on the desk, and `reservation.created` follows. */
  offer(c: Partial<DeskContact> & { id: string }, token = 7): void {
    const contact: DeskContact = {
      state: 'reserved', queueId: 'sales', channel: 'voice', createdAt: this.now, callback: false, attributes: {}, ...c,
      reservation: { id: `R-${c.id}`, token, deadline: this.now + 15_000 },
    };
    this.contacts = [...this.contacts.filter((x) => x.id !== c.id), contact];
    this.emit('reservation.created', { contactId: c.id, token, deadline: this.now + 15_000, reservationId: `R-${c.id}`, queueId: contact.queueId, step: 0 });
  }

  private patch(id: string, p: Partial<DeskContact>): void {
    this.contacts = this.contacts.map((c) => (c.id === id ? { ...c, ...p } : c));
  }

  private route(method: string, path: string, body: unknown): Response {
    const m = (re: RegExp): string | undefined => { const r = re.exec(path); return r?.[1] === undefined ? undefined : decodeURIComponent(r[1]); };
    const key = `${method} ${path}`;
    if (key === 'POST /v1/auth/login') {
      const user = (body as { user: string }).user;
      return user.startsWith('agent') ? json(200, { token: 't', user, role: 'agent', agentId: user, expiresInSeconds: 3600 }) : json(200, { token: 't', user, role: 'supervisor', expiresInSeconds: 3600 });
    }
    if (key === 'GET /livez') return new Response('{"ok":true}', { status: 200, headers: { date: new Date(this.now).toUTCString() } });
    if (key === 'GET /v1/me/desk') return json(200, this.desk());
    if (key === 'PUT /v1/me/presence') return this.presence(body as { state: string; reason?: string });
    if (key === 'GET /v1/me/wrap-ups/missing') return json(200, { agentId: this.agent.id, missing: this.missing });
    if (key === 'GET /v1/customers') return json(200, Object.values(this.customers));
    if (key === 'GET /v1/leads') return json(200, []);
    if (key === 'GET /v1/me/sip' && this.sip !== undefined) return json(200, this.sip);
    if (key === 'GET /v1/me/sip') return json(404, { code: 'ROUTE_UNKNOWN', status: 404, message: 'No such endpoint: GET /v1/me/sip' });
    const accepted = m(/^\/v1\/me\/offers\/([^/]+)\/accept$/);
    if (accepted !== undefined) { this.patch(accepted, { state: 'active', reservation: undefined as never, answeredAt: this.now }); return ok(); }
    const rejected = m(/^\/v1\/me\/offers\/([^/]+)\/reject$/);
    if (rejected !== undefined) { this.contacts = this.contacts.filter((c) => c.id !== rejected); return ok(); }
    const completed = m(/^\/v1\/contacts\/([^/]+)\/complete$/);
    if (completed !== undefined) { this.patch(completed, { state: 'completed', endedAt: this.now }); return ok(); }
    const finished = m(/^\/v1\/me\/wrap-ups\/([^/]+)\/finish$/);
    if (finished !== undefined) { this.contacts = this.contacts.filter((c) => c.id !== finished); return ok(); }
    const filed = m(/^\/v1\/me\/wrap-ups\/([^/]+)$/);
    if (filed !== undefined && method === 'POST') return json(200, { id: '1', interactionId: filed, kind: 'wrapUp.filed', details: body });
    const script = m(/^\/v1\/contacts\/([^/]+)\/script$/);
    if (script !== undefined) return this.script(method, script, body as { answer?: string } | undefined);
    const history = m(/^\/v1\/customers\/([^/]+)\/interactions$/);
    if (history !== undefined) return json(200, []);
    const customer = m(/^\/v1\/customers\/([^/]+)$/);
    if (customer !== undefined) return this.customers[customer] !== undefined ? json(200, this.customers[customer]) : json(403, { code: 'FORBIDDEN', status: 403, message: 'not yours' });
    return json(404, { code: 'ROUTE_UNKNOWN', status: 404, message: `No such endpoint: ${key}` });
  }

  private presence(p: { state: string; reason?: string }): Response {
    const presence = p.state === 'loggedOut' ? 'offline' : p.state === 'ready' ? 'ready' : 'notReady';
    const { reason: _r, ...rest } = this.agent;
    this.agent = { ...rest, presence, activity: presence, presenceSince: this.now, ...(p.state === 'notReady' ? { reason: p.reason ?? 'not-ready' } : p.state === 'loggedIn' ? { reason: 'login' } : {}) };
    return json(200, this.agent);
  }

  private script(method: string, id: string, body: { answer?: string } | undefined): Response {
    const s = this.scripts[id];
    if (s === undefined) return json(404, { code: 'ENTRY_UNKNOWN', status: 404, message: 'no script rule matches this contact' });
    if (method === 'GET') return json(200, s);
    const run = s.run;
    const stepId = run === undefined ? s.script.start : (body?.answer !== undefined ? s.script.steps[run.stepId ?? '']?.answers?.[body.answer]?.next : s.script.steps[run.stepId ?? '']?.next);
    const next: ContactScript = { ...s, run: { scriptId: s.script.id, stepId, offersAllowed: s.selection.offersAllowed, path: [...(run?.path ?? []), ...(stepId === undefined ? [] : [{ stepId, at: this.now }])], skipped: [], done: stepId === undefined } };
    this.scripts[id] = next;
    return json(200, next);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const ok = (): Response => json(200, { ok: true });
