import type { Redis } from 'ioredis';
import { reach } from '../../store/redis/reach.js';
import { serviceKey } from '../redis-ports.js';
import type { Lead, LeadBook } from './lead.js';

// Sets the assignment only when the lead exists: an assignment never creates a lead.
const ASSIGN = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1`;

interface Assignment {
  readonly agentId: string;
  readonly by: string;
  readonly at: string;
}

const withAssignment = (lead: Lead, a: Assignment | undefined): Lead =>
  a === undefined ? lead : { ...lead, status: 'assigned', assignedAgentId: a.agentId, assignedBy: a.by, assignedAt: a.at };

/**
 * Leads in Redis: the lead as first created (SET NX, so racing processes keep one), its latest
 * assignment beside it, and a sorted index by creation time.
 */
export class RedisLeadBook implements LeadBook {
  constructor(private readonly redis: Redis, private readonly domain: string) {}

  private keys(id: string): [lead: string, assignment: string] {
    return [serviceKey(this.domain, 'lead', id), serviceKey(this.domain, 'lead-assignment', id)];
  }

  private get index(): string {
    return serviceKey(this.domain, 'leads');
  }

  async create(lead: Lead): Promise<{ lead: Lead; created: boolean }> {
    const ok = await reach(() => this.redis.set(this.keys(lead.id)[0], JSON.stringify(lead), 'NX'));
    if (ok === 'OK') {
      await reach(() => this.redis.zadd(this.index, Date.parse(lead.createdAt), lead.id));
      return { lead, created: true };
    }
    return { lead: (await this.get(lead.id)) ?? lead, created: false };
  }

  async get(id: string): Promise<Lead | undefined> {
    return (await this.many([id]))[0];
  }

  async assign(id: string, a: Assignment): Promise<Lead | undefined> {
    const ok = await reach(() => this.redis.eval(ASSIGN, 2, ...this.keys(id), JSON.stringify(a)));
    return ok === 1 ? this.get(id) : undefined;
  }

  async latest(limit: number): Promise<Lead[]> {
    return this.many(await reach(() => this.redis.zrevrange(this.index, 0, limit - 1)));
  }

  private async many(ids: readonly string[]): Promise<Lead[]> {
    if (ids.length === 0) return [];
    const rows = await reach(() => this.redis.mget(ids.flatMap((id) => this.keys(id))));
    const out: Lead[] = [];
    for (let i = 0; i < ids.length; i++) {
      const lead = rows[2 * i];
      const a = rows[2 * i + 1];
      if (lead !== null && lead !== undefined) out.push(withAssignment(JSON.parse(lead) as Lead, a === null || a === undefined ? undefined : (JSON.parse(a) as Assignment)));
    }
    return out;
  }
}
