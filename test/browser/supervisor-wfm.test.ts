/**
 * The supervisor console's staffing calculator and what-if in real Chromium against the demo
 * service: Sue asks how many agents 1,000 calls an hour need, then compares today's setup of
 * her queues with a proposal (one more sales agent) on the same simulated traffic.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startServer, supervisorPage, type TestServer } from './browser-fixture.js';

describe('supervisor console: staffing & what-if (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('calculates the agents for a target and compares a proposal with today\'s setup', async () => {
    const { page, problems } = await supervisorPage(browser, server.base, { height: 900, timeoutMs: 20_000 });
    await page.getByRole('tab', { name: 'Staffing & what-if' }).click();

    // Erlang C with the default form: 1,000 calls an hour, 180 s, 80 % in 20 s, at most 85 % occupancy.
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.locator('[data-agents="59"]').waitFor();
    await page.getByLabel('Calls per hour').fill('lots');
    await expect(page.getByRole('button', { name: 'Calculate' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Calls per hour').fill('1000');

    // What-if: the proposal adds a sales agent; the sales service level rises with a clear interval.
    const proposal = page.getByLabel('Proposal (domain and agents)');
    const text = JSON.parse(await proposal.inputValue()) as { agents: Array<{ id: string; count: number; skills: Record<string, number> }> };
    text.agents.push({ id: 'extra', count: 2, skills: { sales: 5 } });
    await proposal.fill(JSON.stringify(text));
    await page.getByLabel('sales perHour').fill('60');
    await page.getByLabel('sales perHour').press('Tab');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('.whatif-result tbody tr').first().waitFor();
    const salesLevel = page.locator('.whatif-result tr', { hasText: 'sales' }).filter({ hasText: 'service level' });
    await expect(salesLevel.locator('td').last().getAttribute('class')).resolves.toBe('better');
    await screenshot(page, 'supervisor-staffing-what-if');
    expect(problems).toEqual([]);
  }, 60_000);
});
