import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot, startServer, type TestServer } from './browser-fixture.js';

/**
 * The agent desktop in real Chromium against the real service (demo domain): agent05 — ACME's
 * account owner — logs in, goes ready, a call from ACME is routed by the PBX, the offer rings
 * with the screen pop, the agent answers, hangs up, files the wrap-up and is ready again. The
 * page runs the fake softphone (`?softphone=fake`): the desktop plays the PBX's INVITE itself.
 */

const WAIT = { timeout: 30_000 }; // generous: the suite runs Chromium beside SIP and Redis tests on two cores
const PBX_KEY = 'demo-pbx-key-change-me';

let server: TestServer | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const base = (): string => (server as TestServer).base;

async function routeCall(callId: string, caller = '+7 812 997-83-63'): Promise<{ status: string; agentId?: string }> {
  const res = await fetch(`${base()}/v1/route`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': PBX_KEY },
    body: JSON.stringify({ callId, caller, dnis: '+7 800 555-01-01' }),
  });
  return await res.json() as { status: string; agentId?: string };
}

async function interactionKinds(callId: string, user = 'agent05'): Promise<string[]> {
  const login = await fetch(`${base()}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password: 'agent-demo' }) });
  const { token } = await login.json() as { token: string };
  const res = await fetch(`${base()}/v1/interactions/${encodeURIComponent(callId)}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json() as { entries: Array<{ kind: string; details: Record<string, unknown> }> };
  return body.entries.map((e) => (e.kind === 'wrapUp.filed' ? `${e.kind}:${String(e.details.disposition)}` : e.kind));
}

const agentState = () => page.getByTestId('agent-state');

describe('the agent desktop in Chromium', () => {
  it('logs in and goes ready, with the demo phone registered', async () => {
    // An earlier call from ACME, abandoned while nobody was logged in: the screen pop's history.
    const earlier = `browser-acme-earlier-${Date.now()}@pbx.example.com`;
    expect(await routeCall(earlier)).toMatchObject({ status: 'queued' });
    const abandoned = await fetch(`${base()}/v1/contacts/${encodeURIComponent(earlier)}/abandon`, { method: 'POST', headers: { 'x-api-key': PBX_KEY } });
    expect(abandoned.status).toBe(200);

    await page.goto(`${base()}/ui/agent/?softphone=fake`);
    expect(await accessibilityViolations(page), 'login page').toEqual([]);
    // By keyboard alone: the user field has focus first, Tab to the password, Enter logs in.
    await page.getByLabel('User').focus();
    await page.keyboard.type('agent05');
    await page.keyboard.press('Tab');
    await page.keyboard.type('agent-demo');
    await page.keyboard.press('Enter');
    await expect.poll(() => agentState().textContent(), WAIT).toMatch(/^Not ready/);
    await page.getByTestId('registration').filter({ hasText: 'Phone registered' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => agentState().textContent(), WAIT).toBe('Ready');
    // Not ready with a reason code, then ready again.
    await page.getByLabel('Not-ready reason').selectOption({ label: 'Training' });
    await page.getByRole('button', { name: 'Not ready', exact: true }).click();
    await expect.poll(() => agentState().textContent(), WAIT).toBe('Not ready — Training');
    expect(await accessibilityViolations(page), 'desktop').toEqual([]);
    await page.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => agentState().textContent(), WAIT).toBe('Ready');
  });

  it('rings an offer for the account owner with the screen pop: customer, tier, script', async () => {
    const callId = `browser-acme-${Date.now()}@pbx.example.com`;
    expect(await routeCall(callId)).toMatchObject({ status: 'reserved', agentId: 'agent05' });
    const offer = page.getByRole('article', { name: 'Offer: ACME Holding' });
    await offer.waitFor(WAIT);
    await expect.poll(() => offer.getByRole('timer').textContent(), WAIT).toMatch(/Ringing · 0:\d\d/);
    const pop = page.getByTestId('screen-pop');
    await pop.getByRole('heading', { name: 'ACME Holding' }).waitFor(WAIT);
    expect(await pop.getByTestId('value-tier').textContent()).toBe('platinum');
    await expect.poll(() => pop.getByTestId('script-title').textContent(), WAIT).toBe('Help and cross-sell');
    expect(await pop.getByText('Account team (owner first)').count()).toBe(1);
    expect(await pop.getByRole('listitem').filter({ hasText: 'Seat upgrade discount' }).count()).toBe(1); // cross-sell allowed
    await pop.getByRole('row').filter({ hasText: 'abandoned' }).waitFor(WAIT); // the earlier call, in the history
    await page.getByTestId('call').filter({ hasText: 'ringing' }).waitFor(WAIT); // the demo PBX rang the phone
    await screenshot(page, 'agent-desktop-offer');

    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => agentState().textContent(), WAIT).toBe('On a call');
    await page.getByTestId('call').filter({ hasText: 'active' }).waitFor(WAIT); // accepting answered the phone
    await pop.getByRole('button', { name: 'Start script' }).click();
    await pop.getByText('Thank you for calling. How can I help you today?').waitFor(WAIT);
    await pop.getByRole('button', { name: 'Next' }).click();
    await pop.getByText('Could I have your name and your frequent-flyer number?').waitFor(WAIT);
    await screenshot(page, 'agent-desktop'); // docs/screenshots/agent-desktop.png is a copy of it
    expect(await accessibilityViolations(page), 'desktop on a call').toEqual([]);

    await page.getByRole('button', { name: 'Hang up' }).first().click();
    const form = page.getByRole('form', { name: 'Wrap-up' });
    await form.waitFor(WAIT);
    await form.getByLabel(/^Disposition/).fill('resolved');
    await form.getByLabel(/^Note/).fill('Lounge access offered; customer will decide.');
    await screenshot(page, 'agent-desktop-wrap-up');
    await form.getByRole('button', { name: 'File wrap-up' }).click();
    await page.getByRole('status').filter({ hasText: 'Wrap-up filed' }).waitFor(WAIT);
    await expect.poll(() => agentState().textContent(), WAIT).toBe('Ready');
    await screenshot(page, 'agent-desktop-ready');

    const kinds = await interactionKinds(callId);
    expect(kinds).toContain('answered');
    expect(kinds).toContain('wrapUp.filed:resolved');
  });

  it('a collections call: the logout is refused until its required wrap-up is filed with one of the queue\'s dispositions', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    await p.goto(`${base()}/ui/agent/?softphone=fake`);
    await p.getByLabel('User').fill('agent09');
    await p.getByLabel('Password').fill('agent-demo');
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => p.getByTestId('agent-state').textContent(), WAIT).toBe('Ready');

    const callId = `browser-initech-${Date.now()}@pbx.example.com`;
    expect(await routeCall(callId, '+7 383 210-00-11')).toMatchObject({ status: 'reserved', agentId: 'agent09' }); // the credit controller
    const offer = p.getByRole('article', { name: 'Offer: Initech' });
    await offer.waitFor(WAIT);
    const flags = p.getByRole('list', { name: 'Flags' });
    await flags.getByText('Overdue invoices').waitFor(WAIT);
    await flags.getByText('Churn risk').waitFor(WAIT);
    await expect.poll(() => p.getByTestId('script-title').textContent(), WAIT).toBe('Overdue invoices');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await p.getByRole('button', { name: 'Hang up' }).first().click();
    const form = p.getByRole('form', { name: 'Wrap-up' });
    await form.waitFor(WAIT);

    await p.getByRole('button', { name: 'Log out' }).click();
    await p.getByRole('alert').filter({ hasText: 'SHIFT_WRAP_UPS_PENDING' }).waitFor(WAIT);
    await p.getByRole('region', { name: 'End of shift' }).getByRole('button', { name: callId }).waitFor(WAIT);
    await form.getByLabel(/^Disposition/).fill('paid-later');
    await form.getByLabel(/^Note/).fill('Will pay on Friday.');
    await form.getByRole('button', { name: 'File wrap-up' }).click();
    await p.getByRole('alert').filter({ hasText: 'DISPOSITION_UNKNOWN' }).waitFor(WAIT);
    await form.getByRole('button', { name: 'promise-to-pay' }).click(); // learned from the refusal
    await screenshot(p, 'agent-desktop-collections');
    await form.getByRole('button', { name: 'File wrap-up' }).click();
    await p.getByRole('status').filter({ hasText: 'Wrap-up filed' }).waitFor(WAIT);
    await p.getByTestId('shift-ok').waitFor(WAIT);
    await p.getByRole('button', { name: 'Log out' }).click();
    await p.getByRole('button', { name: 'Log in' }).waitFor(WAIT);
    expect(await interactionKinds(callId, 'agent09')).toContain('wrapUp.filed:promise-to-pay');
    await context.close();
  });

  it('refuses nothing at logout when every wrap-up is filed, and shows the login again', async () => {
    await page.getByRole('button', { name: 'Check wrap-ups' }).click();
    await page.getByTestId('shift-ok').waitFor(WAIT);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor(WAIT);
  });
});
