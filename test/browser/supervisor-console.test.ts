/**
 * The supervisor console in real Chromium against the demo service: Sue (team A; queues sales,
 * vip, leads) watches the wallboard change when a call queues, raises an agent's VIP skill in
 * the matrix, and the next call to the VIP desk goes to that agent; the decision trace says why.
 *
 * The scenario rests on the demo domain: agent01 has sales 4 and support 5 but no `vip`, so it
 * qualifies for the VIP desk only at step 1 (`sales>=4 | support>=4`, after 40 s); a new call
 * waits at step 0 (`vip & (sales>=4 | support>=4)`). With vip 5 it is in the step-0 pool.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot, supervisorPage, startServer, type TestServer } from './browser-fixture.js';

const PBX_HEADERS = { 'x-api-key': 'demo-pbx-key-change-me', 'content-type': 'application/json' };

interface RouteAnswer { status: string; agentId?: string; contactId: string }

async function pbx(server: TestServer, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${server.base}${path}`, { method: 'POST', headers: PBX_HEADERS, body: JSON.stringify(body) });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const routeCall = (server: TestServer, callId: string, queueId: string) => pbx(server, '/v1/route', { callId, queueId }) as Promise<RouteAnswer>;

/** The API as a demo user (the agent answering its offer, the supervisor setting up the grid). */
async function asUser(server: TestServer, user: string, password: string): Promise<(method: string, path: string, body?: unknown) => Promise<unknown>> {
  const login = await fetch(`${server.base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) });
  const { token } = (await login.json()) as { token: string };
  return async (method, path, body) => {
    const res = await fetch(`${server.base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

const tileMetric = (page: Page, queueId: string, metric: string) => page.locator(`.tile[data-queue="${queueId}"] [data-metric="${metric}"]`);

describe('supervisor console (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a call on the wallboard, and a skill raised in the matrix routes the next call', async () => {
    // Log in; the wallboard comes up over the live event stream.
    const { page, problems } = await supervisorPage(browser, server.base);
    await page.getByText('Live', { exact: true }).waitFor();
    await expect(tileMetric(page, 'vip', 'waiting').textContent()).resolves.toBe('0');
    expect(await page.locator('.tile').count()).toBe(3); // sales, vip, leads: Sue's queues only

    // Force agent01 ready from the agent grid (it is logged out: the console logs it in first).
    await page.getByLabel('New state for Agent 1', { exact: true }).selectOption('ready');
    await page.getByRole('button', { name: 'Set state of Agent 1', exact: true }).click();
    await page.locator('.agent-grid tr[data-agent="agent01"] [data-metric="state"]', { hasText: 'Ready' }).waitFor();

    // A call to the VIP desk waits: agent01 is ready but not in the step-0 pool. The tile shows it.
    expect(await routeCall(server, 'call-before', 'vip')).toMatchObject({ status: 'queued' });
    await page.locator('.tile[data-queue="vip"] [data-metric="waiting"]', { hasText: '1' }).waitFor();
    await screenshot(page, 'supervisor-wallboard-waiting');
    await pbx(server, '/v1/contacts/call-before/abandon', {});
    await page.locator('.tile[data-queue="vip"] [data-metric="waiting"]', { hasText: '0' }).waitFor();

    // Raise agent01's vip skill in the matrix: the preview and the service's answer both say it moves to step 0.
    await page.getByRole('tab', { name: 'Skills matrix' }).click();
    await page.getByLabel('Agent 1, vip', { exact: true }).selectOption('5');
    await page.locator('[data-change="agent01"]', { hasText: 'vip: step 1 → step 0' }).waitFor();
    await page.getByRole('button', { name: 'Apply 1 change live' }).click();
    await page.locator('[data-applied="agent01"]', { hasText: 'vip: step 1 → step 0 (sooner)' }).waitFor();
    await page.locator('.audit tr', { hasText: 'skills: vip – → 5' }).waitFor();
    await screenshot(page, 'supervisor-skills-matrix');
    expect(await accessibilityViolations(page), 'skills matrix').toEqual([]);

    // The next call to the VIP desk is reserved for agent01 at once.
    expect(await routeCall(server, 'call-after', 'vip')).toMatchObject({ status: 'reserved', agentId: 'agent01' });

    // The decision trace says so: agent01 chosen from the vip step-0 pool.
    await page.getByRole('tab', { name: 'Contacts & traces' }).click();
    await page.getByRole('button', { name: 'Decision trace of call-after' }).click();
    const trace = page.locator('[data-trace="call-after"]');
    await trace.getByText('offered to agent01').waitFor();
    await expect(trace.locator('.candidates tr.chosen').first().textContent()).resolves.toContain('vip/0');
    await screenshot(page, 'supervisor-trace');

    // Queue policy: the requirement is validated as it is typed, in the browser.
    await page.getByRole('tab', { name: 'Queue policy' }).click();
    await page.getByLabel('Queue', { exact: true }).selectOption('vip');
    const step0 = page.getByLabel('Step 0 requirement');
    await step0.fill('vip & (sales>=4 | ');
    await page.locator('#step-0-req-note.error').waitFor();
    await step0.fill('vip & sales>=9');
    await page.locator('#step-0-req-note', { hasText: 'level from 0 to 5' }).waitFor();
    await step0.fill('vip & (sales>=4 | support>=4)');
    await page.locator('#step-0-req-note', { hasText: 'valid' }).waitFor();
    // Sue gives platinum callers a minute's head start on the VIP desk, capped at 90 s, live.
    await page.getByLabel('platinum', { exact: true }).fill('60');
    await page.getByLabel(/^Cap on head start/).fill('90');
    await screenshot(page, 'supervisor-queue-policy');
    expect(await accessibilityViolations(page), 'queue policy').toEqual([]);
    await page.getByRole('button', { name: 'Apply head start' }).click();
    await page.getByText('Applied the policy of queue vip').waitFor();
    const vip = ((await (await asUser(server, 'sue', 'supervisor-demo'))('GET', '/v1/config/queues')) as Array<{ id: string; priority?: unknown }>).find((q) => q.id === 'vip');
    expect(vip?.priority).toEqual({ tierBoostSeconds: { platinum: 60 }, maxBoostSeconds: 90 });

    // Revert the skill change from the audit log: agent01 is back at step 1 of the VIP desk.
    await page.getByRole('tab', { name: 'Skills matrix' }).click();
    const raised = page.locator('.audit tr', { hasText: 'skills: vip – → 5' });
    await raised.getByRole('button', { name: /^Revert/ }).click();
    await page.locator('.audit tr', { hasText: 'skills: vip 5 → –' }).waitFor();
    await page.locator('.matrix tr[data-agent="agent01"] .pools', { hasText: 'vip 1' }).waitFor();

    // For the README: agent01 answers the VIP call and hangs up, a few more agents log in, another VIP call waits.
    const agent01 = await asUser(server, 'agent01', 'agent-demo');
    const desk = (await agent01('GET', '/v1/me/desk')) as { contacts: Array<{ id: string; reservation?: { token: number } }> };
    const token = desk.contacts.find((c) => c.id === 'call-after')?.reservation?.token;
    await agent01('POST', '/v1/me/offers/call-after/accept', { token });
    await agent01('POST', '/v1/contacts/call-after/complete');
    const sue = await asUser(server, 'sue', 'supervisor-demo');
    for (const id of ['agent03', 'agent07', 'agent04']) await sue('PUT', `/v1/agents/${id}/presence`, { state: 'loggedIn' });
    for (const id of ['agent03', 'agent07']) await sue('PUT', `/v1/agents/${id}/presence`, { state: 'ready' });
    await sue('PUT', '/v1/agents/agent04/presence', { state: 'notReady', reason: 'lunch' });
    // agent01's vip skill is reverted: the next VIP call waits for step 1 (after 40 s).
    expect(await routeCall(server, 'call-vip-2', 'vip')).toMatchObject({ status: 'queued' });
    await page.getByRole('tab', { name: 'Wallboard' }).click();
    await page.locator('.tile[data-queue="vip"] [data-metric="waiting"]', { hasText: '1' }).waitFor();
    await page.locator('.tile[data-queue="vip"] [data-metric="sl"]', { hasText: '100 %' }).waitFor();
    await page.locator('.agent-grid tr[data-agent="agent01"] [data-metric="state"]', { hasText: 'Ready' }).waitFor();
    await page.locator('.agent-grid tr[data-agent="agent04"] [data-metric="state"]', { hasText: 'Not ready' }).waitFor();
    await screenshot(page, 'supervisor-wallboard'); // docs/screenshots/supervisor-console.png is a copy of it
    expect(await accessibilityViolations(page), 'wallboard').toEqual([]);

    // Move the waiting VIP call to sales, where ready agents qualify at once.
    await page.getByRole('tab', { name: 'Contacts & traces' }).click();
    await page.getByLabel('Move call-vip-2 to queue').selectOption('sales');
    await page.locator('tr[data-contact="call-vip-2"]').getByRole('button', { name: 'Move' }).click();
    await page.getByText('Moved call-vip-2 from vip to sales').waitFor();
    await page.locator('tr[data-contact="call-vip-2"] td', { hasText: 'reserved' }).waitFor();
    expect(await accessibilityViolations(page), 'contacts').toEqual([]);

    expect(problems).toEqual([]);
    await page.close();
  });
});
