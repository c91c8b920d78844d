/**
 * The agent desktop on real SIP: two agents' pages (`/ui/agent/`, JsSIP softphone) in Debian's
 * Chromium — ann (sales) and bob (support) — register over WebSocket to Kamailio with the
 * credentials the service issues; a SIPp caller dials the support line; Kamailio asks the
 * router, which reserves bob (the skill), and relays the INVITE (WebRTC through rtpengine) with
 * the offer's ids in its headers; the offer rings on bob's desktop with its screen pop (ann's
 * stays quiet), bob accepts (which answers the phone), audio flows both ways, bob holds and
 * resumes the call, the caller hangs up, and bob files the wrap-up the queue requires.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUiOnce, launchBrowser, screenshot } from '../browser/browser-fixture.js';
import { PLATINUM_CALLER, SUPPORT_LINE, e2eConfig } from './e2e-domain.js';
import { callIdOf, runSipp } from './sipp.js';
import { startRouterStack, type RouterStack } from './stack.js';

const WAIT = { timeout: 20_000 };
let stack: RouterStack;
let browser: Browser;
let page: Page;
let annPage: Page;

/** The e2e domain, with a wrap-up on the support line: a disposition is required. */
function config(): object {
  const c = e2eConfig() as { domain: { queues: Array<Record<string, unknown>> }; wrapUpPolicies?: unknown };
  const support = c.domain.queues.find((q) => q.id === 'support') as Record<string, unknown>;
  support.wrapUpSeconds = 60;
  support.ringTimeoutSeconds = 15;
  c.wrapUpPolicies = [{ queueId: 'support', dispositions: ['resolved', 'follow-up'], requireDisposition: true }];
  return c;
}

/** Keeps every peer connection a page makes, to read its audio statistics. */
const keepPeerConnections = () => {
  const w = globalThis as unknown as { RTCPeerConnection: new (...a: unknown[]) => object; __pcs: object[] };
  const Native = w.RTCPeerConnection;
  w.__pcs = [];
  w.RTCPeerConnection = class extends Native { constructor(...a: unknown[]) { super(...a); w.__pcs.push(this); } } as never;
};

/** A page of its own (browser context) for an agent, logged in, phone registered, ready. */
async function agentPage(agent: string): Promise<Page> {
  const p = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await p.addInitScript(keepPeerConnections);
  await p.goto(`${stack.base}/ui/agent/`);
  await p.getByLabel('User').fill(agent);
  await p.getByLabel('Password').fill('pw');
  await p.getByRole('button', { name: 'Log in' }).click();
  await p.getByTestId('registration').filter({ hasText: 'Phone registered' }).waitFor(WAIT);
  await p.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect.poll(() => p.getByTestId('agent-state').textContent(), WAIT).toBe('Ready');
  return p;
}

beforeAll(async () => {
  const uiDir = await buildUiOnce();
  [stack, browser] = await Promise.all([startRouterStack({ config: config(), uiDir }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Audio RTP packets the page received and sent, over its live peer connections. */
function pageMedia(): Promise<{ received: number; sent: number }> {
  return page.evaluate(async () => {
    let received = 0;
    let sent = 0;
    for (const pc of (globalThis as unknown as { __pcs: Array<{ getStats(): Promise<Map<string, { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }>> }> }).__pcs) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') received += s.packetsReceived ?? 0;
        if (s.type === 'outbound-rtp' && s.kind === 'audio') sent += s.packetsSent ?? 0;
      });
    }
    return { received, sent };
  });
}

const agentState = () => page.getByTestId('agent-state');

describe('the agent desktop on real SIP', () => {
  it('a support call rings the support agent: offer with screen pop, accept answers the phone, audio both ways, hold and resume, hang-up, wrap-up', async () => {
    [annPage, page] = await Promise.all([agentPage('ann'), agentPage('bob')]);

    const callId = callIdOf('desk');
    const caller = runSipp(stack, 'caller-held.xml', { lines: [PLATINUM_CALLER], args: ['-s', SUPPORT_LINE, '-m', '1', '-d', '3000', '-cid_str', 'desk-%u@%s'], timeoutMs: 90_000 });
    const offer = page.getByRole('article', { name: 'Offer: Platinum Ltd' });
    await offer.waitFor(WAIT);
    await page.getByTestId('screen-pop').getByTestId('value-tier').filter({ hasText: 'platinum' }).waitFor(WAIT);
    // The INVITE reached the page's phone, matched to the offer by its X-Switchboard-Contact header.
    await page.getByTestId('call').filter({ hasText: `contact ${callId}` }).filter({ hasText: 'ringing' }).waitFor(WAIT);
    await screenshot(page, 'sip-agent-offer');
    expect(await annPage.getByRole('article').count()).toBe(0); // the sales agent is not offered a support call
    expect(await annPage.getByTestId('call').count()).toBe(0);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => agentState().textContent(), WAIT).toBe('On a call');
    await page.getByTestId('call').filter({ hasText: 'active' }).waitFor(WAIT);

    // Audio both ways: the caller's G.711 reaches the browser (SRTP from rtpengine), the
    // browser's microphone reaches the caller (RTP through rtpengine).
    await expect.poll(async () => (await pageMedia()).received, WAIT).toBeGreaterThan(50);
    await expect.poll(async () => Object.values(await stack.rtpengine.packets(callId)), WAIT)
      .toSatisfy((counts: number[]) => counts.length === 2 && counts.every((n) => n > 50));
    await screenshot(page, 'sip-agent-call');

    // Hold and resume: the re-INVITEs pass rtpengine too (WebRTC towards the page, plain RTP
    // towards the caller), and the audio comes back after the hold.
    const call = page.getByTestId('call').filter({ hasText: `contact ${callId}` });
    await call.getByRole('button', { name: 'Hold' }).click();
    await call.filter({ hasText: 'held' }).waitFor(WAIT);
    await call.getByRole('button', { name: 'Resume' }).click();
    await call.filter({ hasText: 'active' }).waitFor(WAIT);
    const afterResume = (await pageMedia()).received;
    await expect.poll(async () => (await pageMedia()).received, WAIT).toBeGreaterThan(afterResume + 50);

    // The caller hangs up: the router completes the call and the agent's wrap-up starts.
    const run = await caller;
    expect(run.code, run.errors).toBe(0);
    const form = page.getByRole('form', { name: 'Wrap-up' });
    await form.waitFor(WAIT);
    await expect.poll(() => agentState().textContent(), WAIT).toBe('Wrap-up');
    await form.getByLabel(/^Disposition/).fill('resolved');
    await form.getByRole('button', { name: 'File wrap-up' }).click();
    await expect.poll(() => agentState().textContent(), WAIT).toBe('Ready');
    const history = (await stack.history(callId)).map((e) => e.kind);
    expect(history.slice(0, 4)).toEqual(['arrived', 'offered', 'answered', 'ended']);
    expect(history).toContain('wrapUp.filed');
  }, 120_000);
});
