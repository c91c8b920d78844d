import type { Redis } from 'ioredis';
import { fromLevelVector } from '@switchboard/skills';
import type { AgentPresence, ContactState } from '../../machines/index.js';
import type { DomainState } from '../../core/domain-state.js';
import type { AgentRec, ContactAttributes } from '../../core/records.js';
import { queueStatsFrom, type AgentStats, type QueueCounters, type QueueStats } from '../../core/stats.js';
import type { AgentActivity, AgentView, ContactView } from '../../core/views.js';
import type { AgentEligibility, Eligibility } from '../../core/explain.js';

/**
 * The read side of the Redis store: the same views the engine gives, assembled from the
 * domain's hashes (no script: reads change nothing). Static facts (names, skills) come from the
 * layout the process built; live ones from Redis.
 */

type Hash = Record<string, string>;

const n = (x: string | undefined) => Number(x);
const opt = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));

/** One pipeline of HGETALLs; missing keys come back as undefined. */
async function hashes(redis: Redis, keys: readonly string[]): Promise<Array<Hash | undefined>> {
  if (keys.length === 0) return [];
  const pipe = redis.pipeline();
  for (const k of keys) pipe.hgetall(k);
  const res = (await pipe.exec()) ?? [];
  return res.map(([err, v]) => {
    if (err) throw err;
    const h = v as Hash;
    return Object.keys(h).length === 0 ? undefined : h;
  });
}

export class RedisViews {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly layout: DomainState,
  ) {}

  /** Key parts are joined with `|`, which ids cannot contain (see lua/lib/1-encoding.lua). */
  private key(...parts: Array<string | number>): string {
    return this.prefix + parts.join('|');
  }

  async contact(id: string): Promise<ContactView | undefined> {
    const [c] = await hashes(this.redis, [this.key('c', id)]);
    return c === undefined ? undefined : this.contactOf(c);
  }

  async contacts(): Promise<ContactView[]> {
    const ids = await this.redis.zrange(this.key('contacts'), 0, -1);
    const all = await hashes(this.redis, ids.map((id) => this.key('c', id)));
    const out: ContactView[] = [];
    for (const c of all) if (c !== undefined) out.push(await this.contactOf(c));
    return out;
  }

  private async contactOf(c: Hash): Promise<ContactView> {
    const r = c.token === '' || c.token === undefined ? undefined : await this.redis.hgetall(this.key('r', c.token));
    const ringing = r !== undefined && r.phase === 'reserved';
    const declined = JSON.parse(c.declined ?? '[]') as string[] | Record<string, never>;
    return {
      id: c.id as string, seq: n(c.seq), state: c.state as ContactState, queueId: c.queue as string, channel: c.channel as string,
      step: n(c.step), orderKey: n(c.key), boostMs: n(c.boost), createdAt: n(c.created), queueEnteredAt: n(c.qentered),
      waitStartedAt: n(c.waitstart), agentId: c.agent === '' ? undefined : c.agent,
      reservation: ringing ? { id: r.id as string, token: n(r.token), deadline: n(r.deadline) } : undefined,
      preferredAgentIds: JSON.parse(c.preferred ?? '[]') as string[], preferredUntil: n(c.prefuntil),
      declinedBy: Array.isArray(declined) ? declined : [], requiredSkills: JSON.parse(c.req ?? '[]') as string[], callback: c.callback === '1', callbackAt: opt(c.callbackat),
      offers: n(c.offers), answeredAt: opt(c.answered), endedAt: opt(c.ended), attributes: JSON.parse(c.attrs ?? '{}') as ContactAttributes,
    };
  }

  async agent(id: string): Promise<AgentView | undefined> {
    const a = this.layout.agents.get(id);
    return a === undefined ? undefined : (await this.agentsOf([a]))[0];
  }

  agents(): Promise<AgentView[]> {
    return this.agentsOf([...this.layout.agents.values()]);
  }

  private async agentsOf(list: readonly AgentRec[]): Promise<AgentView[]> {
    const live = await hashes(this.redis, list.map((a) => this.key('a', a.id)));
    return Promise.all(list.map(async (a, i) => {
      const h = live[i] as Hash;
      const tokens = JSON.parse(h.asg ?? '[]') as number[] | Record<string, never>;
      const held = await hashes(this.redis, (Array.isArray(tokens) ? tokens : []).map((t) => this.key('r', t)));
      const assignments = held.filter((r): r is Hash => r !== undefined)
        .map((r) => ({ contactId: r.contact as string, queueId: r.queue as string, phase: r.phase as 'reserved' | 'active' | 'wrapUp', since: n(r.since) }));
      const mem = JSON.parse(h.mem ?? '[]') as Array<{ queue: string; step: number; score: number }>;
      return {
        id: a.id, name: a.name, team: a.team, center: a.center, presence: h.presence as AgentPresence,
        activity: activityOf(h.presence as AgentPresence, assignments), reason: h.reason === '' ? undefined : h.reason,
        presenceSince: n(h.since), capacity: a.capacity, used: n(h.used), skills: fromLevelVector(this.layout.catalogue, a.levels),
        memberships: mem.map((m) => ({ queueId: m.queue, step: m.step, score: m.score })), assignments, absences: a.absences,
        handled: n(h.handled),
      };
    }));
  }

  async queueStats(queueId: string): Promise<QueueStats> {
    const q = this.layout.queues.get(queueId);
    if (q === undefined) throw new Error(`no queue ${queueId}`);
    const [h = {}] = await hashes(this.redis, [this.key('q', queueId)]);
    const now = n((await this.redis.hget(this.key('cfg'), 'now')) ?? '0');
    let oldest = Infinity;
    for (let s = 0; s < q.config.steps.length; s++) {
      const ids = (await this.redis.zrange(this.key('q', queueId, 'w', s), 0, -1)).map((m) => m.slice(m.indexOf('|') + 1));
      const starts = await Promise.all(ids.map((id) => this.redis.hget(this.key('c', id), 'waitstart')));
      for (const w of starts) if (Number(w) < oldest) oldest = Number(w);
    }
    const cost = this.layout.channelCost[q.channel] as number;
    const members = [...this.layout.membership.members(queueId)].map(([id]) => id);
    const live = await hashes(this.redis, members.map((id) => this.key('a', id)));
    const ready = live.filter((a) => a !== undefined && a.presence === 'ready' && n(a.cap) - n(a.used) >= cost).length;
    const c = (f: keyof QueueCounters) => Number(h[`c_${f}`] ?? 0);
    const counters: QueueCounters = {
      offered: c('offered'), answered: c('answered'), abandoned: c('abandoned'), expired: c('expired'), refused: c('refused'),
      overflowedOut: c('overflowedOut'), transferredOut: c('transferredOut'), answeredWithinSl: c('answeredWithinSl'),
      abandonedWithinSl: c('abandonedWithinSl'), waitAnsweredMs: c('waitAnsweredMs'), waitAbandonedMs: c('waitAbandonedMs'),
      handled: c('handled'), handleMs: c('handleMs'),
    };
    return queueStatsFrom(queueId, counters, {
      waiting: Number(h.waiting ?? 0), waitingForPreferred: Number(h.wpref ?? 0), longestWaitMs: oldest === Infinity ? 0 : now - oldest,
      readyAgents: ready, slPercent: q.config.slPercent, slThresholdMs: q.config.slThresholdMs,
    });
  }

  /** For a contact, every agent: eligible or the first reason it is not (the engine's explainContact). */
  async explain(contactId: string): Promise<AgentEligibility[] | undefined> {
    const c = await this.contact(contactId);
    if (c === undefined) return undefined;
    // A removed queue holds no contact that has not ended (removal requires it empty).
    const q = this.layout.queues.get(c.queueId);
    const now = n((await this.redis.hget(this.key('cfg'), 'now')) ?? '0');
    const list = [...this.layout.agents.values()];
    const live = await hashes(this.redis, list.map((a) => this.key('a', a.id)));
    const cost = q === undefined ? 0 : (this.layout.channelCost[q.channel] as number);
    const inWindow = c.state === 'preferred';
    return list.map((a, i) => {
      const h = live[i] as Hash;
      const m = (JSON.parse(h.mem ?? '[]') as Array<{ queue: string; step: number; score: number }>).find((x) => x.queue === c.queueId);
      const step = m?.step ?? -1;
      const absent = a.absences.some((ab) => now >= ab.from && now < ab.to);
      let e: Eligibility = 'eligible';
      if (c.endedAt !== undefined) e = 'contact-ended';
      else if (inWindow && !c.preferredAgentIds.includes(a.id)) e = 'preferred-only';
      else if (inWindow && absent && h.presence !== 'ready') e = 'absent';
      else if (!inWindow && step < 0) e = 'not-member';
      else if (!inWindow && step > c.step) e = 'step-not-reached';
      else if (!hasSkills(c.requiredSkills, JSON.parse(h.levels ?? '{}') as Record<string, number>)) e = 'lacks-skill';
      else if (c.declinedBy.includes(a.id)) e = 'declined';
      else if (h.presence === 'offline') e = 'offline';
      else if (h.presence !== 'ready') e = 'not-ready';
      else if (q === undefined || !canTake(h, q.channel, cost)) e = 'no-capacity';
      return { agentId: a.id, eligibility: e, memberStep: step, score: m?.score ?? 0 };
    });
  }

  async agentStats(agentId: string): Promise<AgentStats | undefined> {
    const [h] = await hashes(this.redis, [this.key('a', agentId)]);
    if (h === undefined) return undefined;
    const now = n((await this.redis.hget(this.key('cfg'), 'now')) ?? '0');
    const dt = now - n(h.acc);
    const staffed = n(h.staffed) + (h.presence !== 'offline' ? dt : 0);
    const occupied = n(h.occupied) + (n(h.used) > 0 ? dt : 0);
    return { agentId, handled: n(h.handled), missedInARow: n(h.missed), staffedMs: staffed, occupiedMs: occupied, occupancy: staffed === 0 ? null : occupied / staffed };
  }
}

/** Whether an agent with these levels has every skill the contact requires [meetsContact]. */
const hasSkills = (req: readonly string[], levels: Readonly<Record<string, number>>): boolean => req.every((s) => (levels[s] ?? 0) > 0);

/** Whether agent hash `h` can take one more contact of queue channel `ch` costing `cost` [canTake]. */
function canTake(h: Hash, ch: number, cost: number): boolean {
  const per = JSON.parse(h.perch ?? '[]') as number[];
  const max = JSON.parse(h.maxch ?? '[]') as number[];
  return h.presence === 'ready' && n(h.cap) - n(h.used) >= cost && (per[ch] ?? 0) < (max[ch] ?? 0);
}

function activityOf(presence: AgentPresence, held: ReadonlyArray<{ phase: string }>): AgentActivity {
  const has = (p: string) => held.some((x) => x.phase === p);
  return has('active') ? 'busy' : has('reserved') ? 'reserved' : has('wrapUp') ? 'wrapUp' : presence;
}
