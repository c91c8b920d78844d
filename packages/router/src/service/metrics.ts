import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Observable, Subscription } from 'rxjs';
import type { RoutingEvent } from '../core/events.js';
import type { QueueStats } from '../core/stats.js';
import type { AgentView } from '../core/views.js';
import type { RoutingStore } from '../store/routing-store.js';
import type { ServiceObserver } from './context.js';
import { HotHistogram } from './hot-metrics.js';

type QueueGauge = { name: string; help: string; of: (s: QueueStats) => number | null };

const QUEUE_GAUGES: readonly QueueGauge[] = [
  { name: 'waiting_contacts', help: 'Contacts waiting in the queue', of: (s) => s.waiting },
  { name: 'longest_wait_seconds', help: 'Wait of the longest-waiting contact', of: (s) => s.longestWaitMs / 1000 },
  { name: 'ready_agents', help: 'Ready agents with room for a contact of the queue', of: (s) => s.readyAgents },
  { name: 'service_level_percent', help: 'Answered within the threshold / answered (app_queue ServicelevelPerf)', of: (s) => s.serviceLevel },
  { name: 'asa_seconds', help: 'Average speed of answer', of: (s) => (s.asaMs === null ? null : s.asaMs / 1000) },
  { name: 'aht_seconds', help: 'Average handle time (answer to end of wrap-up)', of: (s) => (s.ahtMs === null ? null : s.ahtMs / 1000) },
  { name: 'abandonment_percent', help: 'Abandoned / (answered + abandoned)', of: (s) => s.abandonmentRate },
  { name: 'offered_contacts', help: 'Contacts offered to the queue since start', of: (s) => s.offered },
  { name: 'answered_contacts', help: 'Contacts answered since start', of: (s) => s.answered },
  { name: 'abandoned_contacts', help: 'Contacts abandoned since start', of: (s) => s.abandoned },
];

/** Where the metrics read the live queue list from. */
export type QueueLister = () => Promise<string[]>;

/** One refresh shared by every gauge collected in the same scrape (prom-client collects them in parallel). */
function shared(refresh: () => Promise<void>): () => Promise<void> {
  let inflight: Promise<void> | undefined;
  return () => (inflight ??= refresh().finally(() => { inflight = undefined; }));
}

function queueGauges(reg: Registry, store: RoutingStore, queues: QueueLister): void {
  const gauges: Array<{ g: QueueGauge; gauge: Gauge<'queue'> }> = [];
  const refresh = shared(async () => {
    const stats = await Promise.all((await queues()).map((id) => store.queueStats(id)));
    for (const { g, gauge } of gauges) {
      gauge.reset();
      for (const s of stats) {
        const v = g.of(s);
        if (v !== null) gauge.set({ queue: s.queueId }, v);
      }
    }
  });
  for (const g of QUEUE_GAUGES) {
    const gauge = new Gauge({ name: `switchboard_queue_${g.name}`, help: g.help, labelNames: ['queue'] as const, registers: [reg], collect: refresh });
    gauges.push({ g, gauge });
  }
}

function agentGauges(reg: Registry, store: RoutingStore): void {
  const refresh = shared(async () => {
    const agents: AgentView[] = await store.listAgents();
    byActivity.reset();
    for (const act of ['offline', 'ready', 'notReady', 'reserved', 'busy', 'wrapUp'] as const) {
      byActivity.set({ activity: act }, agents.filter((a) => a.activity === act).length);
    }
    const stats = await Promise.all(agents.filter((a) => a.presence !== 'offline').map((a) => store.agentStats(a.id)));
    const staffed = stats.reduce((s, x) => s + x.staffedMs, 0);
    occupancy.set(staffed === 0 ? 0 : stats.reduce((s, x) => s + x.occupiedMs, 0) / staffed);
  });
  const byActivity = new Gauge({ name: 'switchboard_agents', help: 'Agents by activity', labelNames: ['activity'] as const, registers: [reg], collect: refresh });
  const occupancy = new Gauge({ name: 'switchboard_occupancy_ratio', help: 'Occupied / staffed time over logged-in agents', registers: [reg], collect: refresh });
}

/** What the interaction history has not recorded yet (a history falling behind shows here first). */
function backlogGauge(reg: Registry, backlog: () => Promise<number | undefined>): void {
  const gauge: Gauge = new Gauge({
    name: 'switchboard_history_backlog', help: 'Not yet recorded in the interaction history: events (embedded), or event-log entries unread or unacknowledged by the history group (Redis; an entry holds the events of one store call)', registers: [reg],
    collect: async () => {
      const n = await backlog().catch(() => undefined);
      gauge.reset();
      if (n !== undefined) gauge.set(n);
    },
  });
}

/**
 * The service's Prometheus metrics: contact-center KPIs per queue (service level, ASA, AHT,
 * abandonment, waiting), agents by activity and occupancy, routing decisions and their latency,
 * plus Node process metrics. KPIs are read from the store when scraped.
 */
export class ServiceMetrics implements ServiceObserver {
  readonly registry = new Registry();
  private readonly latency: HotHistogram<'outcome'>;
  private readonly offers: Counter;
  private readonly sub: Subscription;

  constructor(store: RoutingStore, queues: QueueLister, events: Observable<RoutingEvent>, historyBacklog?: () => Promise<number | undefined>) {
    collectDefaultMetrics({ register: this.registry });
    this.latency = new HotHistogram({ // observed on every routing decision
      name: 'switchboard_decision_seconds', help: 'Time to route a submitted contact (store call included)', labelNames: ['outcome'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1], registers: [this.registry],
    });
    this.offers = new Counter({ name: 'switchboard_decisions_total', help: 'Offers made (reservations created), by this process\'s view of the domain', registers: [this.registry] });
    queueGauges(this.registry, store, queues);
    agentGauges(this.registry, store);
    if (historyBacklog !== undefined) backlogGauge(this.registry, historyBacklog);
    this.sub = events.subscribe((e) => { if (e.type === 'reservation.created') this.offers.inc(); });
  }

  decided(seconds: number, outcome: string): void {
    this.latency.observe({ outcome }, seconds);
  }

  close(): void {
    this.sub.unsubscribe();
  }
}
