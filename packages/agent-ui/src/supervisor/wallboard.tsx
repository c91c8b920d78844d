import { useEffect, useState } from 'preact/hooks';
import { formatDuration, formatPercent } from './format.js';
import { AgentGrid } from './agent-grid.js';
import { LiveChart } from './live-chart.js';
import type { LiveData } from './use-live-data.js';
import { chartData } from './wallboard-history.js';
import { STATUS_LABEL, centreKpis, queueTiles, type QueueTile } from './wallboard-model.js';

export interface WallboardProps {
  readonly live: LiveData;
  readonly queueIds: readonly string[];
  readonly queueNames: ReadonlyMap<string, string>;
  /** Forces an agent's state; resolves when done (errors are announced by the caller). */
  readonly forceState: (agentId: string, presence: string, target: 'ready' | 'notReady' | 'offline') => Promise<void>;
}

/** Re-renders every second: waits and times in state keep growing between refreshes. */
function useTick(ms = 1_000): void {
  const [, set] = useState(0);
  useEffect(() => {
    const h = window.setInterval(() => set((n) => n + 1), ms);
    return () => window.clearInterval(h);
  }, [ms]);
}

function Tile({ t }: { t: QueueTile }) {
  const id = `tile-${t.queueId}`;
  return (
    <article class={`tile tile--${t.status}`} aria-labelledby={`${id}-name`} data-queue={t.queueId}>
      <header>
        <h3 id={`${id}-name`}>{t.name}</h3>
        <span class={`badge badge--${t.status}`}>{STATUS_LABEL[t.status]}</span>
      </header>
      <dl>
        <div class="big"><dt>Waiting</dt><dd data-metric="waiting">{t.waiting}</dd></div>
        <div class="big"><dt>Longest wait</dt><dd data-metric="longest">{formatDuration(t.longestWaitMs)}</dd></div>
        <div class="wide"><dt>Service level</dt><dd data-metric="sl">{formatPercent(t.serviceLevel)} <span class="muted">(target {t.targetPercent} % in {t.thresholdSeconds} s)</span></dd></div>
        <div><dt>ASA</dt><dd>{formatDuration(t.asaMs)}</dd></div>
        <div><dt>Abandoned</dt><dd class={`abandon--${t.abandonStatus}`}>{formatPercent(t.abandonmentRate)}</dd></div>
        <div><dt>Ready</dt><dd>{t.readyAgents}</dd></div>
        <div><dt>Answered</dt><dd>{t.answered} of {t.offered}</dd></div>
      </dl>
    </article>
  );
}

/** The wallboard: queue tiles, the centre's figures, charts of the day and the agent grid. */
export function Wallboard({ live, queueIds, queueNames, forceState }: WallboardProps) {
  useTick();
  const data = live.data;
  if (data === undefined) return <p class="muted">Loading the wallboard…</p>;
  const now = live.now();
  const tiles = queueTiles(data, queueIds, queueNames, now);
  const mine = data.queues.filter((q) => queueIds.includes(q.queueId));
  const kpis = centreKpis(mine, data.agents);
  const names = queueIds.map((q) => queueNames.get(q) ?? q);
  const depthNow = tiles.map((t) => `${t.name} ${t.waiting}`).join(', ');
  const slNow = tiles.map((t) => `${t.name} ${formatPercent(t.serviceLevel)}`).join(', ');
  return (
    <div class="wallboard">
      <section class="kpis" aria-label="Centre">
        <div class="kpi"><span class="kpi-label">Waiting</span><span class="kpi-value" data-metric="centre-waiting">{kpis.waiting}</span></div>
        <div class="kpi"><span class="kpi-label">Occupancy</span><span class="kpi-value">{formatPercent(kpis.occupancy)}</span></div>
        <div class="kpi"><span class="kpi-label">AHT</span><span class="kpi-value">{formatDuration(kpis.ahtMs)}</span></div>
        <div class="kpi"><span class="kpi-label">Logged in</span><span class="kpi-value">{kpis.loggedIn}</span></div>
        <div class="kpi"><span class="kpi-label">Ready</span><span class="kpi-value">{kpis.ready}</span></div>
      </section>
      <div class="wallboard-main">
        <div class="wallboard-left">
          <section aria-labelledby="queues-h">
            <h2 id="queues-h" class="visually-hidden">Queues</h2>
            <div class="tiles">{tiles.map((t) => <Tile key={t.queueId} t={t} />)}</div>
          </section>
          <section class="charts" aria-label="Today">
            <LiveChart title="Queue depth today" series={names} data={chartData(live.history, queueIds, 'depth')} summary={`waiting now: ${depthNow}`} />
            <LiveChart title="Service level today" series={names} data={chartData(live.history, queueIds, 'sl')} yRange={[0, 100]} unit="%" summary={`now: ${slNow}`} />
          </section>
        </div>
        <AgentGrid agents={data.agents} now={now} forceState={forceState} />
      </div>
    </div>
  );
}
