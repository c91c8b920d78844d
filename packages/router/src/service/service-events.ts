import type { Redis } from 'ioredis';
import { Subject, map, share, type Observable } from 'rxjs';
import { reach } from '../store/redis/reach.js';
import { tailStream } from '../store/redis/outbox.js';
import { serviceKey } from './redis-ports.js';

/** Events of the service itself (not of routing), past tense like the router's. */
export type ServiceEvent =
  | { readonly type: 'lead.created'; readonly at: number; readonly leadId: string; readonly contactId: string; readonly queueId: string; readonly askedQueueId: string }
  | { readonly type: 'lead.assigned'; readonly at: number; readonly leadId: string; readonly agentId: string; readonly by: string };

/** Publishes service events to every process of the domain. */
export interface ServiceEventBus {
  publish(e: ServiceEvent): Promise<void>;
  /** Every event published from now on, by any process. */
  readonly events: Observable<ServiceEvent>;
}

/** One process: published events go straight to its listeners. */
export class MemoryServiceEventBus implements ServiceEventBus {
  private readonly subject = new Subject<ServiceEvent>();
  readonly events: Observable<ServiceEvent> = this.subject.asObservable();

  publish(e: ServiceEvent): Promise<void> {
    this.subject.next(e);
    return Promise.resolve();
  }
}

/** Many processes: events go through a capped Redis Stream that each process tails. */
export class RedisServiceEventBus implements ServiceEventBus {
  readonly events: Observable<ServiceEvent>;
  private readonly key: string;

  constructor(private readonly redis: Redis, domain: string) {
    this.key = serviceKey(domain, 'events');
    this.events = tailStream(redis, this.key).pipe(map((entry) => JSON.parse(entry.fields.e ?? '{}') as ServiceEvent), share());
  }

  async publish(e: ServiceEvent): Promise<void> {
    await reach(() => this.redis.xadd(this.key, 'MAXLEN', '~', 10_000, '*', 'e', JSON.stringify(e)));
  }
}
