import type { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './http-fixture.js';

let t: TestApp;
beforeEach(async () => { t = await testApp(); });
afterEach(async () => { await t.close(); });

type Msg = { type: string; data?: Record<string, unknown>; event?: { type: string; agentId?: string; contactId?: string } };

async function ticket(user: string): Promise<string> {
  return (await t.call(user, 'POST', '/v1/auth/ticket')).json().ticket as string;
}

/** Opens the stream and collects its messages. */
async function open(user: string): Promise<{ ws: WebSocket; msgs: Msg[]; until: (f: (m: Msg[]) => boolean) => Promise<void> }> {
  const msgs: Msg[] = [];
  const tk = await ticket(user);
  // Listen from the start: the snapshot can arrive before injectWS resolves.
  const ws = await t.app.injectWS(`/v1/events?ticket=${tk}`, {}, { onInit: (w) => w.on('message', (d) => msgs.push(JSON.parse(String(d)) as Msg)) });
  const until = async (f: (m: Msg[]) => boolean) => {
    for (let i = 0; i < 200 && !f(msgs); i++) await new Promise((r) => setTimeout(r, 10));
    if (!f(msgs)) throw new Error(`timed out; got ${JSON.stringify(msgs.map((m) => m.event?.type ?? m.type))}`);
  };
  return { ws, msgs, until };
}

describe('the event stream', () => {
  it('sends an agent a snapshot of its desk, then only its own events', async () => {
    await t.ready('bob');
    const s = await open('ann');
    await s.until((m) => m.length >= 1);
    expect(s.msgs[0]?.type).toBe('snapshot');
    expect((s.msgs[0]?.data?.desk as { agent: { id: string } }).agent.id).toBe('ann');
    await t.ready('ann');
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'c1', queueId: 'sales' });
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'c2', queueId: 'sales' });
    await s.until((m) => m.some((x) => x.event?.type === 'reservation.created'));
    const events = s.msgs.slice(1).map((m) => m.event);
    expect(events.every((e) => e?.agentId === 'ann')).toBe(true);
    expect(events.map((e) => e?.type)).toEqual(['agent.loggedIn', 'agent.ready', 'reservation.created']);
    s.ws.terminate();
  });

  it('sends a supervisor events of its teams and queues, not of others', async () => {
    const s = await open('max');
    await s.until((m) => m.length >= 1);
    expect((s.msgs[0]?.data?.agents as Array<{ id: string }>).map((a) => a.id)).toEqual(['cat']);
    await t.ready('ann', 'cat');
    await t.call('pbx', 'POST', '/v1/contacts', { id: 's1', queueId: 'support' });
    await s.until((m) => m.some((x) => x.event?.type === 'reservation.created'));
    const agents = new Set(s.msgs.slice(1).map((m) => m.event?.agentId).filter((a) => a !== undefined));
    expect([...agents]).toEqual(['cat']);
    s.ws.terminate();
  });

  it('takes a ticket once: a reused or made-up ticket is refused before the upgrade', async () => {
    const tk = await ticket('ann');
    const ws = await t.app.injectWS(`/v1/events?ticket=${tk}`);
    ws.terminate();
    await expect(t.app.injectWS(`/v1/events?ticket=${tk}`)).rejects.toThrow(/401/);
    await expect(t.app.injectWS('/v1/events?ticket=AAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow(/401/);
    await expect(t.app.injectWS('/v1/events')).rejects.toThrow(/401/);
  });

  it('gives a reconnecting client a fresh snapshot', async () => {
    await t.ready('ann');
    const first = await open('ann');
    await first.until((m) => m.length >= 1);
    first.ws.terminate();
    await t.call('pbx', 'POST', '/v1/contacts', { id: 'r1', queueId: 'sales' });
    const again = await open('ann');
    await again.until((m) => m.length >= 1);
    const desk = again.msgs[0]?.data?.desk as { contacts: Array<{ id: string; state: string }> };
    expect(desk.contacts.map((c) => [c.id, c.state])).toEqual([['r1', 'reserved']]);
    again.ws.terminate();
  });
});
