import type { Api } from './api.js';

/** A message of the service's event stream: the snapshot first, then events. */
export type StreamMessage =
  | { readonly type: 'snapshot'; readonly data: unknown }
  | { readonly type: 'event'; readonly event: { readonly type: string; readonly at: number; readonly [k: string]: unknown } };

/** What the stream tells its listener besides messages. */
export interface StreamListener {
  message(m: StreamMessage): void;
  /** `connecting` before each (re)connection; `open` once the snapshot arrived. */
  state(s: 'connecting' | 'open' | 'closed'): void;
}

/**
 * The live event stream (`/v1/events`) with reconnection: each connection redeems a fresh
 * single-use ticket and starts with a snapshot; a dropped connection retries with back-off
 * (0.5 s doubling to 10 s). `close()` ends it.
 */
export function openEventStream(api: Api, listener: StreamListener, base = location.origin.replace(/^http/, 'ws')): { close(): void } {
  let socket: WebSocket | undefined;
  let closed = false;
  let delay = 500;
  const connect = async () => {
    if (closed) return;
    listener.state('connecting');
    try {
      const { ticket } = await api.post<{ ticket: string }>('/v1/auth/ticket');
      socket = new WebSocket(`${base}/v1/events?ticket=${encodeURIComponent(ticket)}`);
    } catch {
      retry();
      return;
    }
    socket.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as StreamMessage;
      if (m.type === 'snapshot') {
        delay = 500;
        listener.state('open');
      }
      listener.message(m);
    };
    socket.onclose = () => retry();
  };
  const retry = () => {
    if (closed) return;
    setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 10_000);
  };
  void connect();
  return {
    close() {
      closed = true;
      socket?.close();
      listener.state('closed');
    },
  };
}
