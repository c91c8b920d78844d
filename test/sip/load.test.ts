/**
 * The SIP load run: SIPp places calls at 20 per second for 60 seconds through Kamailio, which
 * routes each through the service to one of 50 agents (their phones: one SIPp answering for
 * all of them). Afterwards: every call succeeded at the caller, every call reached exactly one
 * phone once, and the router answered and completed each contact exactly once. The router's
 * decision latency (p50/p99, from its Prometheus histogram) and the call counts are written to
 * `test-output/sip-load.json`. SIP_LOAD_SECONDS and SIP_LOAD_RATE shorten or change the run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eConfig } from './e2e-domain.js';
import { registerAgents, runSipp, startSippPhones, type SippPhones } from './sipp.js';
import { startRouterStack, type RouterStack } from './stack.js';

const AGENTS = 50;
const RATE = Number(process.env.SIP_LOAD_RATE ?? 20);
const SECONDS = Number(process.env.SIP_LOAD_SECONDS ?? 60);
const CALLS = RATE * SECONDS;
const LOAD_LINE = '+78000000003';
const agents = Array.from({ length: AGENTS }, (_, i) => `load${String(i + 1).padStart(2, '0')}`);

let stack: RouterStack;
let phones: SippPhones;

beforeAll(async () => {
  stack = await startRouterStack({ config: e2eConfig(AGENTS) });
  phones = await startSippPhones('agent.xml');
  await registerAgents(stack, agents, phones, 'test');
  for (const a of agents) {
    for (const state of ['loggedIn', 'ready']) await stack.api('admin', 'PUT', `/v1/agents/${a}/presence`, { state });
  }
}, 180_000);

afterAll(async () => {
  await phones?.stop();
  await stack?.stop();
});

/** An upper bound of the q-quantile from a Prometheus histogram's cumulative buckets. */
function quantile(metrics: string, name: string, q: number): number | undefined {
  const buckets = new Map<number, number>();
  for (const m of metrics.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\d+)`, 'gm'))) {
    const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
  }
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  return total === 0 ? undefined : sorted.find(([, n]) => n >= q * total)?.[0];
}

interface Entry { interactionId: string; kind: string; agentId?: string; details?: { outcome?: string } }

describe(`SIP load: ${RATE} calls/s for ${SECONDS} s against ${AGENTS} agents`, () => {
  it('loses no call and delivers none twice; the router answers and completes each exactly once', async () => {
    const started = Date.now();
    const run = await runSipp(stack, 'caller-load.xml', {
      lines: ['+74950000000'],
      args: ['-s', LOAD_LINE, '-r', String(RATE), '-m', String(CALLS), '-l', '400', '-d', '1000', '-cid_str', 'load-%u@%s'],
      timeoutMs: (SECONDS + 60) * 1000,
    });
    const seconds = (Date.now() - started) / 1000;
    expect(run.code, `${run.errors.slice(-3000)}\n${stack.kamailio.output().slice(-3000)}`).toBe(0);

    // Each call reached exactly one phone, once (a retransmitted INVITE is absorbed by the proxy's transaction).
    const invites = phones.invites().filter((id) => id.startsWith('load-'));
    const perCall = new Map<string, number>();
    for (const id of invites) perCall.set(id, (perCall.get(id) ?? 0) + 1);
    const doubled = [...perCall.values()].filter((n) => n > 1).length;
    expect(perCall.size).toBe(CALLS);
    expect(doubled).toBe(0);

    // The router's history: each contact answered once and ended completed once.
    const entries: Entry[] = (await stack.text('admin', '/v1/interactions/export?limit=10000')).trim().split('\n').map((l) => JSON.parse(l) as Entry)
      .filter((e) => e.interactionId.startsWith('load-'));
    const count = (kind: string) => {
      const m = new Map<string, number>();
      for (const e of entries) if (e.kind === kind) m.set(e.interactionId, (m.get(e.interactionId) ?? 0) + 1);
      return m;
    };
    const [answered, ended] = [count('answered'), count('ended')];
    expect(answered.size).toBe(CALLS);
    expect([...answered.values()].every((n) => n === 1)).toBe(true);
    expect(ended.size).toBe(CALLS);
    expect(entries.filter((e) => e.kind === 'ended').every((e) => e.details?.outcome === 'completed')).toBe(true);

    const metrics = await stack.text('admin', '/metrics');
    const report = {
      calls: CALLS, rate_per_s: RATE, agents: AGENTS, run_seconds: Math.round(seconds * 10) / 10,
      reached_one_phone: perCall.size, delivered_twice: doubled, answered: answered.size, completed: ended.size,
      decision_p50_ms_at_most: (quantile(metrics, 'switchboard_decision_seconds', 0.5) ?? NaN) * 1000,
      decision_p99_ms_at_most: (quantile(metrics, 'switchboard_decision_seconds', 0.99) ?? NaN) * 1000,
      offers_per_call: entries.filter((e) => e.kind === 'offered').length / CALLS,
    };
    mkdirSync(new URL('../../test-output/', import.meta.url), { recursive: true });
    writeFileSync(new URL('../../test-output/sip-load.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
    console.log('[sip-load]', JSON.stringify(report));
    expect(report.decision_p99_ms_at_most).toBeGreaterThan(0); // the histogram saw the decisions
  }, 300_000);
});
