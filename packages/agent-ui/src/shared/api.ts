/** An error answer of the service: its catalogue code (docs/errors.md), HTTP status and message. */
export class ApiError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Who is logged in, as the service answered the login. */
export interface Session {
  readonly token: string;
  readonly user: string;
  readonly role: 'agent' | 'supervisor' | 'admin';
  readonly agentId?: string;
}

/** What the pages need of `fetch` (tests pass their own). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The service's HTTP API as the pages use it: JSON in and out, the bearer token of the session,
 * and error answers turned into {@link ApiError} with the service's code.
 */
export class Api {
  constructor(private readonly session: Session | undefined, private readonly base = '', private readonly fetcher: Fetch = (u, i) => fetch(u, i)) {}

  /** Logs in; the session carries the token for every later call. */
  static async login(user: string, password: string, base = '', fetcher?: Fetch): Promise<Session> {
    const body = await new Api(undefined, base, fetcher).call<Session & { expiresInSeconds: number }>('POST', '/v1/auth/login', { user, password });
    return { token: body.token, user: body.user, role: body.role, ...(body.agentId === undefined ? {} : { agentId: body.agentId }) };
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.session !== undefined) headers.authorization = `Bearer ${this.session.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetcher(`${this.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    if (!res.ok) {
      const e = (json ?? {}) as { code?: string; message?: string };
      throw new ApiError(e.code ?? 'INTERNAL', res.status, e.message ?? res.statusText);
    }
    return json as T;
  }
}
