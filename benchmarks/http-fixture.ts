import type { AgentConfig, DomainConfig, RoutingEvent } from '@switchboard/router';
import { hashPassword, validateServiceConfig, type ServiceConfig, type SwitchboardService } from '@switchboard/router/service';

/**
 * The HTTP benchmark's contact center: one skill, one voice queue without wrap-up, a few
 * thousand agents, one PBX client, and an agent simulator that answers every offer and hangs
 * up shortly after, so the service sits in a steady state where most calls are reserved at once.
 */

/** The PBX's API key (sent as `x-api-key`). */
export const BENCH_API_KEY = 'bench-pbx-key-0123456789';
/** The queue every benchmark call is routed to. */
export const BENCH_QUEUE = 'calls';

function benchAgent(i: number): AgentConfig {
  return { id: `a${i}`, team: i % 2 === 0 ? 'team-a' : 'team-b', skills: { support: 1 + (i % 5) } };
}

/** The routing domain: skill `support`, queue `calls` (any support level, no wrap-up), `agents` agents. */
export function benchHttpDomain(agents: number): DomainConfig {
  return {
    skills: [{ id: 'support' }],
    queues: [{
      id: BENCH_QUEUE, name: 'Calls', strategy: 'longest-idle', ringTimeoutSeconds: 30, wrapUpSeconds: 0,
      steps: [{ requirement: 'support', afterSeconds: 0 }],
    }],
    agents: Array.from({ length: agents }, (_, i) => benchAgent(i)),
  };
}

/** A validated service configuration around {@link benchHttpDomain}, with a fresh domain id. */
export function benchHttpConfig(agents: number, domainId: string): ServiceConfig {
  return validateServiceConfig({
    domainId,
    domain: benchHttpDomain(agents),
    users: [{ id: 'admin', name: 'Bench admin', role: 'admin', passwordHash: hashPassword('bench-admin-password') }],
    pbx: [{ id: 'bench-pbx', apiKey: BENCH_API_KEY }],
    defaultCountry: 'RU',
    sipDomain: 'bench.invalid',
  }, 'the HTTP benchmark configuration');
}

/** Logs in every agent of the configuration and makes it ready, `batch` store calls at a time. */
export async function readyAllAgents(service: SwitchboardService, batch = 100): Promise<number> {
  const ids = (service.ctx.config.domain.agents ?? []).map((a) => a.id);
  for (let i = 0; i < ids.length; i += batch) {
    await Promise.all(ids.slice(i, i + batch).map(async (id) => {
      await service.ctx.store.loginAgent(id);
      await service.ctx.store.readyAgent(id);
    }));
  }
  return ids.length;
}

/** Counters of the agent simulator. */
export interface AgentSimulatorStats {
  readonly offers: number;
  readonly accepted: number;
  readonly completed: number;
  readonly failures: number;
  readonly lastFailure: string | undefined;
}

/** A running agent simulator. */
export interface AgentSimulator {
  stats(): AgentSimulatorStats;
  /** Stops taking offers and waits (up to `timeoutMs`) for the calls in progress to end. */
  stop(timeoutMs?: number): Promise<void>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Agents who answer every offer on the next turn of the event loop and end the call `talkMs`
 * later (`store.acceptReservation`, then `store.completeContact`); with no wrap-up the agent is
 * ready again at once.
 */
export function simulateAgents(service: SwitchboardService, talkMs: number): AgentSimulator {
  const store = service.ctx.store;
  const pending = new Set<Promise<void>>();
  let offers = 0, accepted = 0, completed = 0, failures = 0;
  let lastFailure: string | undefined;
  const answer = async (e: Extract<RoutingEvent, { type: 'reservation.created' }>): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await store.acceptReservation(e.reservationId, e.token);
      accepted++;
      await delay(talkMs);
      await store.completeContact(e.contactId);
      completed++;
    } catch (err) {
      failures++;
      lastFailure = err instanceof Error ? err.message : String(err);
    }
  };
  const sub = service.events.subscribe((e) => {
    if (e.type !== 'reservation.created') return;
    offers++;
    const p = answer(e).finally(() => pending.delete(p));
    pending.add(p);
  });
  return {
    stats: () => ({ offers, accepted, completed, failures, lastFailure }),
    stop: async (timeoutMs = 5_000) => {
      sub.unsubscribe();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); });
      await Promise.race([Promise.allSettled([...pending]), late]);
      clearTimeout(timer);
    },
  };
}
