import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileRequirement, SkillCatalogue, toLevelVector } from '@switchboard/skills';
import { seededRng, type DomainConfig } from '@switchboard/router';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { outboxOf } from './support/outbox.js';
import { useTestRedis } from '../support/redis-server.js';

const run = promisify(execFile);
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'support', 'router-worker.ts');
const PROCESSES = 3;
const OPS_PER_PROCESS = Number(process.env.MULTI_PROCESS_OPS ?? 7_000);

/** Every queue takes voice: one call fills an agent (cost 6 of the default capacity 6). */
const VOICE_COST = 6;

/** A small center with short timers, so escalations, ring timeouts and overflows happen in seconds. */
function domain(): DomainConfig {
  const rng = seededRng(5);
  const skills = ['s0', 's1', 's2', 's3'];
  return {
    skills: skills.map((id) => ({ id })),
    queues: skills.map((s, i) => ({
      id: `q${i}`,
      steps: [{ requirement: `${s}>=3`, afterSeconds: 0 }, { requirement: s, afterSeconds: 1 }],
      strategy: (['longest-idle', 'most-skilled', 'round-robin', 'weighted-random'] as const)[i] as 'longest-idle',
      ringTimeoutSeconds: 1, wrapUpSeconds: i % 2, autoPauseAfterMissed: 3, maxWaitSeconds: 4,
      ...(i < 3 ? { overflowQueueId: `q${i + 1}` } : {}),
    })),
    agents: Array.from({ length: 16 }, (_, i) => ({
      id: `a${i}`,
      skills: Object.fromEntries(skills.filter(() => rng() < 0.6).map((s) => [s, 1 + Math.floor(rng() * 5)])),
    })),
  };
}

const t = useTestRedis();

describe('several router processes on one Redis domain', () => {
  it(`${PROCESSES} processes × ${OPS_PER_PROCESS} random operations: no double assignment, no overrun, every contact ends once, work-conserving`, async () => {
    const config = domain();
    const store = await RedisRoutingStore.create(config, { redis: t.redis, domain: 'shared', snapshotEvery: 500 });
    const outs = await Promise.all(Array.from({ length: PROCESSES }, (_, i) =>
      run(process.execPath, ["--import", "tsx", WORKER, t.server.url, "shared", String(i + 1), String(OPS_PER_PROCESS), JSON.stringify(config)], { maxBuffer: 1 << 24 })));
    const summaries = outs.map((o) => JSON.parse(o.stdout.trim().split('\n').pop() as string) as { submitted: number; refused: number });
    expect(summaries.reduce((s, x) => s + x.submitted, 0)).toBeGreaterThan(PROCESSES * OPS_PER_PROCESS * 0.15);
    await store.runDueTimers();
    // The processes took snapshots and trimmed the log behind them as they went.
    expect(await t.redis.hget('sb:{shared}:snap', 'id')).not.toBeNull();
    expect(await t.redis.xlen('sb:{shared}:log')).toBeLessThan(2_000);

    const agents = await store.listAgents();
    const contacts = await store.listContacts();
    const byId = new Map(contacts.map((c) => [c.id, c]));

    // Holding: each contact held by at most one agent, and by the agent it names; capacity kept.
    const holder = new Map<string, string>();
    for (const a of agents) {
      expect(a.used, `${a.id} used`).toBe(VOICE_COST * a.assignments.length);
      expect(a.used).toBeLessThanOrEqual(a.capacity);
      for (const x of a.assignments) {
        if (x.phase === 'wrapUp') continue;
        expect(holder.has(x.contactId), `${x.contactId} held twice`).toBe(false);
        holder.set(x.contactId, a.id);
        expect(byId.get(x.contactId)?.agentId).toBe(a.id);
      }
    }
    for (const c of contacts) {
      if (c.state === 'reserved' || c.state === 'active') expect(holder.get(c.id), `${c.id} (${c.state})`).toBe(c.agentId);
    }

    // Work-conserving: no ready agent with room qualifies for a waiting contact.
    const catalogue = SkillCatalogue.create(config.skills ?? []);
    const steps = new Map((config.queues ?? []).map((q) => [q.id, q.steps.map((s) => compileRequirement(catalogue, s.requirement as string))]));
    for (const c of contacts.filter((x) => x.state === 'queued')) {
      for (const a of agents.filter((x) => x.presence === 'ready' && x.capacity - x.used >= VOICE_COST && !c.declinedBy.includes(x.id))) {
        const levels = toLevelVector(catalogue, a.skills);
        const first = (steps.get(c.queueId) ?? []).findIndex((m) => m.matches(levels));
        expect(first >= 0 && first <= c.step, `${a.id} is ready for waiting ${c.id}`).toBe(false);
      }
    }

    // Every contact ends exactly once: terminal events from the outbox.
    const events = outboxOf(await t.redis.xrange('sb:{shared}:events', '-', '+'));
    const ends = new Map<string, number>();
    for (const e of events) {
      if (['contact.completed', 'contact.abandoned', 'contact.expired', 'contact.refused'].includes(e.type)) {
        const id = (e as { contactId: string }).contactId;
        ends.set(id, (ends.get(id) ?? 0) + 1);
      }
    }
    for (const [id, n] of ends) expect(n, `${id} ended ${n} times`).toBe(1);
    for (const c of contacts) expect(c.endedAt !== undefined, `${c.id} (${c.state})`).toBe(ends.has(c.id));
    // Reservations: every token offered once, to one agent.
    const tokens = events.filter((e) => e.type === 'reservation.created').map((e) => (e as { token: number }).token);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.length).toBeGreaterThan(100);
  });
});
