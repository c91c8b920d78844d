import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import { openEventStream } from '../shared/event-stream.js';
import { RefreshScheduler } from './refresh-scheduler.js';
import { ServerClock } from './server-clock.js';
import type { AgentView, QueueStats, SupervisorSnapshot } from './types.js';
import { addSample, parseHistory, startOfDay, withServerDay, type History, type TimelinePoint } from './wallboard-history.js';
import { applyAgentEvent, type StreamEvent, type WallboardData } from './wallboard-model.js';

/** Event burst → one refresh after 300 ms of quiet, at most 1 s late; a poll every 10 s regardless. */
const REFRESH = { debounceMs: 300, maxDelayMs: 1_000, pollMs: 10_000 };

export type Connection = 'connecting' | 'open' | 'closed';

export interface LiveData {
  readonly data: WallboardData | undefined;
  readonly history: History;
  readonly connection: Connection;
  /** Counts the events seen, so views that list other things (contacts) can refresh on them. */
  readonly eventCount: number;
  /** Counts configuration events (an agent or queue changed, by anyone): the audit log has news. */
  readonly configCount: number;
  readonly error: string | undefined;
  /** The server's now (see `ServerClock`). */
  now(): number;
  /** Re-reads the statistics and agents at once (after the console changed something). */
  refresh(): Promise<void>;
  /** Puts re-read agents in place without waiting for the next refresh. */
  replaceAgents(agents: readonly AgentView[]): void;
}

const CONFIG_EVENTS = new Set(['agent.updated', 'agent.removed', 'queue.updated', 'queue.removed']);

const storageKey = (user: string) => `switchboard.supervisor.history.${user}`;

/**
 * The wallboard's live data: the stream's snapshot, then presence events applied at once and
 * every event nudging a debounced re-read of `/v1/queues/stats` and `/v1/agents`, with a poll as
 * the fallback. Each read adds a sample to the day's chart history (kept in `localStorage`); the
 * minutes before the page was opened come from the service's timeline.
 */
export function useLiveData(api: Api, user: string, onUnauthorized: (e: unknown) => boolean): LiveData {
  const clock = useMemo(() => new ServerClock(), []);
  const [data, setData] = useState<WallboardData>();
  const [history, setHistory] = useState<History>(() => parseHistory(localStorage.getItem(storageKey(user)), Date.now()));
  const [connection, setConnection] = useState<Connection>('connecting');
  const [eventCount, setEventCount] = useState(0);
  const [configCount, setConfigCount] = useState(0);
  const [error, setError] = useState<string>();
  const scheduler = useRef<RefreshScheduler>();

  const observeAgents = (agents: readonly AgentView[]) => {
    const local = Date.now();
    for (const a of agents) clock.observe(a.presenceSince, local);
  };

  const accept = (queues: readonly QueueStats[], agents: readonly AgentView[]) => {
    observeAgents(agents);
    const fetchedAt = clock.now(Date.now());
    setData({ queues, agents, fetchedAt });
    setHistory((h) => {
      const next = addSample(h, fetchedAt, queues);
      localStorage.setItem(storageKey(user), JSON.stringify(next));
      return next;
    });
  };

  const read = async () => {
    try {
      const [queues, agents] = await Promise.all([api.get<QueueStats[]>('/v1/queues/stats'), api.get<AgentView[]>('/v1/agents')]);
      accept(queues, agents);
      setError(undefined);
    } catch (e) {
      if (!onUnauthorized(e)) setError(`Could not read the statistics: ${(e as Error).message}`);
    }
  };

  // The part of today the page did not see: the service's own minute-by-minute timeline.
  useEffect(() => {
    api.get<Record<string, TimelinePoint[]>>(`/v1/queues/timeline?since=${startOfDay(Date.now())}`).then((tl) => {
      setHistory((h) => {
        const next = withServerDay(h, tl, clock.now(Date.now()));
        localStorage.setItem(storageKey(user), JSON.stringify(next));
        return next;
      });
    }, () => { /* an older service without a timeline: the page's own samples only */ });
  }, [api]);

  useEffect(() => {
    const s = new RefreshScheduler(read, REFRESH, {
      setTimeout: (f, ms) => window.setTimeout(f, ms), clearTimeout: (h) => window.clearTimeout(h as number),
      setInterval: (f, ms) => window.setInterval(f, ms), clearInterval: (h) => window.clearInterval(h as number),
    }, () => Date.now());
    scheduler.current = s;
    s.start();
    const stream = openEventStream(api, {
      state: setConnection,
      message(m) {
        if (m.type === 'snapshot') {
          const snap = m.data as SupervisorSnapshot;
          accept(snap.queues, snap.agents);
          return;
        }
        const e = m.event as StreamEvent;
        clock.observe(e.at, Date.now());
        setData((d) => (d === undefined ? d : { ...d, agents: applyAgentEvent(d.agents, e) }));
        setEventCount((n) => n + 1);
        if (CONFIG_EVENTS.has(e.type)) setConfigCount((n) => n + 1);
        s.nudge();
      },
    });
    return () => {
      s.stop();
      stream.close();
    };
  }, [api]);

  return {
    data, history, connection, eventCount, configCount, error,
    now: () => clock.now(Date.now()),
    refresh: () => scheduler.current?.run() ?? read(),
    replaceAgents(agents) {
      observeAgents(agents);
      const byId = new Map(agents.map((a) => [a.id, a]));
      setData((d) => (d === undefined ? d : { ...d, agents: d.agents.map((a) => byId.get(a.id) ?? a) }));
    },
  };
}
