/**
 * Real SIP, end to end: SIPp callers dial Kamailio (integrations/kamailio, WITH_ROUTER and
 * WITH_RTPENGINE), which asks the Switchboard service where each call goes and relays it to
 * the reserved agent's registered phone (SIPp phones here), with media through rtpengine.
 * Needs the Debian packages kamailio (+ websocket, autheph, utils, json modules), sip-tester
 * and rtpengine-daemon; `.ci/run` installs them. Run alone: `npx vitest run test/sip`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_AGENTS, GOLD_CALLER, PLATINUM_CALLER, SALES_LINE, SUPPORT_LINE, e2eConfig } from './e2e-domain.js';
import { callIdOf, registerAgents, runSipp, startSippPhones, type SippPhones } from './sipp.js';
import { startRouterStack, type RouterStack } from './stack.js';

let stack: RouterStack;
let answering: SippPhones;
let ringingOut: SippPhones;

beforeAll(async () => {
  stack = await startRouterStack({ config: e2eConfig() });
  [answering, ringingOut] = await Promise.all([startSippPhones('agent.xml'), startSippPhones('agent-no-answer.xml')]);
  await registerAgents(stack, ['ann', 'bob', 'dan'], answering);
  await registerAgents(stack, ['cal'], ringingOut); // cal's phone rings and is never picked up
}, 120_000);

afterAll(async () => {
  await Promise.all([answering?.stop(), ringingOut?.stop()]);
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function allNotReady(): Promise<void> {
  for (const a of Object.keys(E2E_AGENTS)) await stack.presence(a, 'notReady');
}

/** A caller (SIPp) dialling `line` from `from`, talking `talkMs`; its Call-ID is `<name>-1@127.0.0.1`. */
function placeCall(name: string, line: string, from: string, talkMs = 1_000, scenario = 'caller.xml') {
  return runSipp(stack, scenario, { lines: [from], args: ['-s', line, '-m', '1', '-d', String(talkMs), '-cid_str', `${name}-%u@%s`], timeoutMs: 60_000 });
}

const kinds = (h: Array<{ kind: string; agentId?: string }>) => h.map((e) => (e.agentId === undefined ? e.kind : `${e.kind}:${e.agentId}`));
const failure = (what: string) => `${what}\n--- kamailio ---\n${stack.kamailio.output().slice(-4000)}\n--- service ---\n${stack.serviceOutput().slice(-2000)}`;

describe('calls through Kamailio, routed by Switchboard', () => {
  it('reaches the agent with the skill, connects with media through rtpengine both ways, and ends completed', async () => {
    await allNotReady();
    await stack.presence('ann', 'ready'); // sales only: must not be offered a support call
    await stack.presence('bob', 'ready');
    const callId = callIdOf('skill');
    const running = placeCall('skill', SUPPORT_LINE, '+74957770001', 4_000);
    // While the caller talks: RTP from both sides (the caller's G.711, the phone's echo) passes rtpengine.
    await expect.poll(async () => Object.values(await stack.rtpengine.packets(callId)), { timeout: 10_000, interval: 200 })
      .toSatisfy((counts: number[]) => counts.length === 2 && counts.every((n) => n > 20));
    const run = await running;
    expect(run.code, failure(run.errors)).toBe(0);
    expect(kinds(await stack.history(callId))).toEqual(['arrived', 'offered:bob', 'answered:bob', 'ended:bob']);
    expect(answering.invites()).toContain(callId);
  }, 60_000);

  it('ring-no-answer: the phone rings out, the router offers the call to the next agent, who answers', async () => {
    await allNotReady();
    await stack.presence('cal', 'ready'); // longest idle: offered first; its phone never answers
    await sleep(50);
    await stack.presence('ann', 'ready');
    const run = await placeCall('ring-out', SALES_LINE, '+74957770002');
    expect(run.code, failure(run.errors)).toBe(0);
    const history = kinds(await stack.history(callIdOf('ring-out')));
    expect(history).toEqual(['arrived', 'offered:cal', 'offer.timedOut:cal', 'offered:ann', 'answered:ann', 'ended:ann']);
    expect(ringingOut.invites()).toContain(callIdOf('ring-out'));
  }, 60_000);

  it('a caller who hangs up while queued is recorded as abandoned', async () => {
    await allNotReady();
    const run = await placeCall('gone', SALES_LINE, '+74957770003', 1_500, 'caller-hangs-up.xml');
    expect(run.code, failure(run.errors)).toBe(0);
    expect(run.messages).toContain('SIP/2.0 182 Queued');
    expect(kinds(await stack.history(callIdOf('gone')))).toEqual(['arrived', 'queued', 'ended']);
    expect((await stack.api<{ state: string }>('pbx', 'GET', `/v1/route/${encodeURIComponent(callIdOf('gone'))}`)).state).toBe('abandoned');
  }, 60_000);

  it("keeps routing when the first router is down: Kamailio's http_client fails over to the second", async () => {
    const kamailio = await stack.kamailioWithDeadPrimary();
    await registerAgents(stack, ['dan'], answering, 'service', kamailio.sipPort);
    await allNotReady();
    await stack.presence('dan', 'ready');
    const run = await runSipp(stack, 'caller.xml', { lines: ['+74957770005'], args: ['-s', SUPPORT_LINE, '-m', '1', '-d', '500', '-cid_str', 'failover-%u@%s'], sipPort: kamailio.sipPort });
    expect(run.code, `${run.errors}\n${kamailio.output().slice(-3000)}`).toBe(0);
    expect(kinds(await stack.history(callIdOf('failover')))).toEqual(['arrived', 'offered:dan', 'answered:dan', 'ended:dan']);
  }, 60_000);

  it('a busy domain queues callers, and serves them in priority order as an agent frees up', async () => {
    await allNotReady();
    // Three callers wait (182 Queued): an unknown number first, then a gold, then a platinum customer.
    const callers = [['plain', '+74957770004'], ['gold', GOLD_CALLER], ['platinum', PLATINUM_CALLER]] as const;
    const runs = [];
    for (const [name, from] of callers) {
      runs.push(placeCall(`busy-${name}`, SALES_LINE, from, 800));
      await expect.poll(async () => (await stack.api<{ status: string }>('pbx', 'GET', `/v1/route/${encodeURIComponent(callIdOf(`busy-${name}`))}`).catch(() => ({ status: 'none' }))).status, { timeout: 10_000 }).toBe('queued');
    }
    await stack.presence('ann', 'ready'); // one agent: it takes them one after another
    for (const r of await Promise.all(runs)) expect(r.code, failure(r.errors)).toBe(0);
    const answeredAt = async (name: string) => (await stack.history(callIdOf(`busy-${name}`))).find((e) => e.kind === 'answered')?.at ?? Infinity;
    const [plain, gold, platinum] = await Promise.all(['plain', 'gold', 'platinum'].map(answeredAt)) as [number, number, number];
    expect(platinum).toBeLessThan(gold);
    expect(gold).toBeLessThan(plain);
  }, 90_000);
});
