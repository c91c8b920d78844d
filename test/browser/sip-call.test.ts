/**
 * The agent softphone on real SIP: `JsSipSoftphone` in Debian's Chromium (one browser context
 * per agent, fake microphone), registered over WebSocket to Kamailio (integrations/kamailio)
 * with ephemeral credentials the service issues (`GET /v1/me/sip`), calling each other through
 * it with WebRTC media on this machine. Needs `kamailio`, `kamailio-websocket-modules`,
 * `kamailio-autheph-modules` and `chromium` (`.ci/run` installs them).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser-fixture.js';
import { servePhonePage, startKamailio, startSipService, type SipService, type TestKamailio } from './sip-stack.js';

/** What `sip-phone-page.js` puts on `window.sip`. */
interface CallSeen { id: string; direction: string; remote: string; state: string; muted: boolean; cause?: string; headers: Record<string, string> }
interface PhonePage {
  state: { registration: string[]; events: string[]; dtmfReceived: string[]; tonesSent: string[] };
  phone: Record<string, (...args: unknown[]) => void>;
  register(credentials: unknown): void;
  callsIn(state: string): CallSeen[];
  media(): Promise<{ received: number; sent: number }>;
  watchTones(): void;
}
type PageGlobal = { sip: PhonePage };

const secret = randomBytes(24).toString('base64url');
let kamailio: TestKamailio;
let service: SipService;
let pageServer: { url: string; stop(): Promise<void> };
let browser: Browser;
/** Uncaught errors of the phone pages: there must be none. */
const pageErrors: string[] = [];

beforeAll(async () => {
  kamailio = await startKamailio(secret);
  [service, pageServer, browser] = await Promise.all([startSipService(kamailio.wsUri, secret), servePhonePage(), launchBrowser()]);
}, 90_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([pageServer?.stop(), service?.stop(), kamailio?.stop()]);
});

/** A phone page in a browser context of its own (its own cookies, media devices and connection). */
async function openPhone(query = ''): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${pageServer.url}${query}`);
  await page.waitForFunction(() => (globalThis as unknown as Partial<PageGlobal>).sip !== undefined);
  return page;
}

const register = (page: Page, credentials: unknown) => page.evaluate((c) => (globalThis as unknown as PageGlobal).sip.register(c), credentials);
const act = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (globalThis as unknown as PageGlobal).sip.phone[m]?.(...a), [method, args] as const);
const stateOf = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobal).sip.state);
const media = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobal).sip.media());

/** Waits until the phone's last registration report is `expected`. */
async function registration(page: Page, expected: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction((e) => (globalThis as unknown as PageGlobal).sip.state.registration.at(-1) === e, expected, { timeout })
    .catch(async (e: unknown) => { throw new Error(`${String(e)}\nregistration: ${(await stateOf(page)).registration.join(' → ')}\n${kamailio.output()}`); });
}

/** Waits for a call in `state` and returns it. */
async function call(page: Page, state: string, timeout = 15_000): Promise<CallSeen> {
  const handle = await page.waitForFunction((s) => (globalThis as unknown as PageGlobal).sip.callsIn(s)[0], state, { timeout })
    .catch(async (e: unknown) => { throw new Error(`${String(e)}\ncall events: ${(await stateOf(page)).events.join(' → ')}\n${kamailio.output()}`); });
  return (await handle.jsonValue()) as CallSeen;
}

async function registeredPhone(agent: string, query = ''): Promise<{ page: Page; uri: string }> {
  const credentials = await service.sipCredentials(agent);
  const page = await openPhone(query);
  await register(page, credentials);
  await registration(page, 'registered');
  return { page, uri: credentials.uri };
}

describe('JsSipSoftphone through Kamailio in Chromium', () => {
  it('registers with service-issued credentials; a call connects with media both ways, carries DTMF, holds, mutes and hangs up', async () => {
    const a = await registeredPhone('agent01', '?dtmf=info');
    const b = await registeredPhone('agent02');

    await act(a.page, 'dial', b.uri);
    expect(await call(a.page, 'dialling')).toMatchObject({ direction: 'outgoing', remote: b.uri });
    const ringing = await call(b.page, 'ringing');
    expect(ringing).toMatchObject({ direction: 'incoming', remote: a.uri, muted: false });
    const aCall = await call(a.page, 'dialling');
    // The INVITE's own headers, by canonical name: the desktop matches calls to offers by them.
    expect(aCall.id.startsWith(ringing.headers['Call-ID'] ?? '?')).toBe(true);
    expect(ringing.headers.From).toContain('agent01@switchboard.local');

    await act(b.page, 'answer', ringing.id);
    await call(a.page, 'active');
    await call(b.page, 'active');
    // Media flows both ways between the two browsers (WebRTC, relayed SDP): RTP counted by the receivers.
    for (const p of [a.page, b.page]) await expect.poll(async () => (await media(p)).received, { timeout: 15_000 }).toBeGreaterThan(10);

    // DTMF: SIP INFO from A arrives at B's phone; RFC 2833 from B leaves through its DTMF sender.
    await act(a.page, 'dtmf', aCall.id, '12#');
    await expect.poll(async () => (await stateOf(b.page)).dtmfReceived.join(''), { timeout: 15_000 }).toBe('12#');
    await b.page.evaluate(() => (globalThis as unknown as PageGlobal).sip.watchTones());
    await act(b.page, 'dtmf', ringing.id, '5');
    await expect.poll(async () => (await stateOf(b.page)).tonesSent.join(''), { timeout: 15_000 }).toBe('5');

    await act(a.page, 'hold', aCall.id, true);
    await call(a.page, 'held');
    await act(a.page, 'hold', aCall.id, false);
    await call(a.page, 'active');
    await act(b.page, 'mute', ringing.id, true);
    expect((await call(b.page, 'active')).muted).toBe(true);

    await act(a.page, 'hangup', aCall.id);
    expect(await call(a.page, 'ended')).toMatchObject({ id: aCall.id });
    expect(await call(b.page, 'ended')).toMatchObject({ id: ringing.id, cause: 'Terminated' });
    expect((await stateOf(a.page)).events).toEqual(['dialling', 'active', 'held', 'active', 'ended: Terminated']);
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  }, 90_000);

  it('transfers: blind (REFER) to a third agent, who then hands the caller back after consulting (REFER with Replaces)', async () => {
    const [a, b, c] = await Promise.all([registeredPhone('agent03'), registeredPhone('agent04'), registeredPhone('agent05')]);
    await act(a.page, 'dial', b.uri);
    await act(b.page, 'answer', (await call(b.page, 'ringing')).id);
    const bCall = await call(b.page, 'active');
    const aFirst = await call(a.page, 'active');

    // Blind: B refers A to C and leaves; A's phone follows the REFER and calls C.
    await act(b.page, 'transfer', bCall.id, c.uri);
    expect(await call(b.page, 'ended')).toMatchObject({ id: bCall.id });
    const cFromA = await call(c.page, 'ringing');
    expect(cFromA.remote).toBe(a.uri);
    await act(c.page, 'answer', cFromA.id);
    await call(c.page, 'active');
    await expect.poll(async () => (await media(c.page)).received, { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(async () => (await stateOf(a.page)).events, { timeout: 15_000 }).toEqual(['dialling', 'active', 'dialling', 'ended: Terminated', 'active']);

    // Attended: C holds A, consults B, then joins them: A's INVITE with Replaces takes over B's consultation.
    await act(c.page, 'hold', cFromA.id, true);
    await call(c.page, 'held');
    await act(c.page, 'dial', b.uri);
    const consult = await call(b.page, 'ringing');
    await act(b.page, 'answer', consult.id);
    const cConsult = await call(c.page, 'active');
    await act(c.page, 'attendedTransfer', cFromA.id, cConsult.id);
    await expect.poll(async () => (await c.page.evaluate(() => (globalThis as unknown as PageGlobal).sip.callsIn('ended'))).length, { timeout: 15_000 }).toBe(2);
    // B now talks to A on a new call that replaced the consultation (answered by itself).
    await expect.poll(async () => (await stateOf(b.page)).events, { timeout: 15_000 })
      .toEqual(['ringing', 'active', 'ended: Terminated', 'ringing', 'active', 'ringing', 'active', 'ended: Terminated']);
    const bActive = await b.page.evaluate(() => (globalThis as unknown as PageGlobal).sip.callsIn('active'));
    expect(bActive).toHaveLength(1);
    expect(bActive[0]?.remote).toBe(a.uri);
    expect(bActive[0]?.headers.Replaces).toContain(';to-tag=');
    const aActive = await a.page.evaluate(() => (globalThis as unknown as PageGlobal).sip.callsIn('active'));
    expect(aActive.map((x) => x.remote)).toEqual([b.uri]);
    expect(aActive[0]?.id).not.toBe(aFirst.id);
    await Promise.all([a, b, c].map((p) => p.page.context().close()));
  }, 90_000);

  it('refuses credentials Kamailio cannot verify: a wrong password, an expired user, another agent\'s address', async () => {
    const good = await service.sipCredentials('agent06');
    const expiredUser = `${Math.floor(Date.now() / 1000) - 60}:agent06`;
    const cases = [
      { ...good, password: `x${good.password ?? ''}` },
      { ...good, authorizationUser: expiredUser, password: createHmac('sha1', secret).update(expiredUser).digest('base64') },
      { ...good, uri: 'sip:agent07@switchboard.local' },
    ];
    const pages = await Promise.all(cases.map(() => openPhone()));
    await Promise.all(pages.map((p, i) => register(p, cases[i])));
    await registration(pages[0] as Page, 'failed: Authentication Error');
    await registration(pages[1] as Page, 'failed: Authentication Error');
    await registration(pages[2] as Page, 'failed: Rejected');
    await Promise.all(pages.map((p) => p.context().close()));
  }, 60_000);

  it('reconnects with back-off and registers again when Kamailio restarts, and then takes calls', async () => {
    const a = await registeredPhone('agent08');
    const b = await registeredPhone('agent09');
    await kamailio.stop();
    await registration(a.page, 'failed: Connection Error');
    await registration(b.page, 'failed: Connection Error');
    await kamailio.start(); // registrations were in its memory only: the phones must register anew
    await registration(a.page, 'registered', 15_000);
    await registration(b.page, 'registered', 15_000);
    expect((await stateOf(a.page)).registration.slice(0, 3)).toEqual(['registering', 'registered', 'failed: Connection Error']);

    await act(a.page, 'dial', b.uri);
    const ringing = await call(b.page, 'ringing');
    await act(a.page, 'hangup', (await call(a.page, 'dialling')).id);
    expect(await call(b.page, 'ended')).toMatchObject({ id: ringing.id, cause: 'Canceled' });
    await Promise.all([a.page.context().close(), b.page.context().close()]);
  }, 90_000);
});
