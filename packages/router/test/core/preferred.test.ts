import { describe, expect, it } from 'vitest';
import type { AgentConfig } from '@switchboard/router';
import { accept, harness, holder, ready, reject, reserved, salesQueue, serve, tick, type Harness } from './engine-fixture.js';

const HOUR = 3_600_000;

function domain(ownerExtra: Partial<AgentConfig> = {}): Harness {
  return harness({
    queues: [salesQueue('q', { preferredWindowSeconds: 30 })],
    agents: [
      { id: 'owner', skills: { sales: 3 }, ...ownerExtra },
      { id: 'sub', skills: { sales: 3 } },
      { id: 'other', skills: { sales: 3 } },
    ],
  });
}

const call = (id: string, preferredAgentIds = ['owner', 'sub']) => ({ id, queueId: 'q', preferredAgentIds });

describe('preferred agents', () => {
  it('offers the contact to the account owner even when another agent has been idle longer', () => {
    const h = domain();
    ready(h.engine, 'other');
    tick(h, 5_000);
    ready(h.engine, 'owner', 'sub');
    expect(reserved(h.engine.submit(call('c1'))).agentId).toBe('owner');
    expect(h.engine.decisions('c1').at(-1)).toMatchObject({ trigger: 'preferred', outcome: 'reserved', agentId: 'owner' });
  });

  it('falls back to the substitute while the owner is busy', () => {
    const h = domain();
    ready(h.engine, 'owner', 'sub', 'other');
    accept(h.engine, reserved(h.engine.submit(call('first'))).contactId);
    expect(reserved(h.engine.submit(call('c1'))).agentId).toBe('sub');
  });

  it('skips an owner who is absent per calendar and does not wait for them', () => {
    const h = domain({ absences: [{ from: 0, to: 8 * HOUR }] });
    h.engine.login('owner');
    ready(h.engine, 'other');
    const o = h.engine.submit(call('c1', ['owner']));
    expect(o).toMatchObject({ kind: 'reserved', agentId: 'other' });
    // the queue decided at once: the owner was not waited for (nor is the skip recorded)
    expect(h.engine.decisions('c1')).toEqual([
      expect.objectContaining({ trigger: 'contact-arrived', agentId: 'other', candidates: [{ id: 'other', kind: 'agent', pool: 'q/0', key: [0, expect.any(Number)] }] }),
    ]);
  });

  it('waits only for the substitute when the owner is absent', () => {
    const h = domain({ absences: [{ from: '1970-01-01T00:00:00Z', to: '1970-01-01T08:00:00Z' }] });
    h.engine.login('owner');
    h.engine.login('sub');
    const o = h.engine.submit(call('c1'));
    expect(o).toEqual({ kind: 'preferred', contactId: 'c1', queueId: 'q', until: 30_000 });
    expect(h.events.find((e) => e.type === 'contact.preferred')).toMatchObject({ agentIds: ['sub'], until: 30_000 });
    expect(h.engine.decisions('c1').at(-1)?.candidates).toEqual([
      { id: 'owner', kind: 'agent', skipped: 'absent' },
      { id: 'sub', kind: 'agent', skipped: 'not-ready' },
    ]);
    const why = Object.fromEntries(h.engine.explain('c1').map((x) => [x.agentId, x.eligibility]));
    expect(why).toEqual({ owner: 'absent', sub: 'not-ready', other: 'preferred-only' });
  });

  it('still gives the customer to an absent owner who is in fact ready', () => {
    const h = domain({ absences: [{ from: 0, to: 8 * HOUR }] });
    ready(h.engine, 'owner', 'other');
    expect(reserved(h.engine.submit(call('c1'))).agentId).toBe('owner');
  });

  it('holds the contact for the preferred agents for the window, then lets the queue take it', () => {
    const h = domain();
    h.engine.login('owner'); // logged in but not ready: worth waiting for
    h.engine.login('sub');
    const o = h.engine.submit(call('c1'));
    expect(o).toEqual({ kind: 'preferred', contactId: 'c1', queueId: 'q', until: 30_000 });
    tick(h, 10_000);
    ready(h.engine, 'other');
    expect(h.engine.contact('c1').state).toBe('preferred');
    const why = Object.fromEntries(h.engine.explain('c1').map((x) => [x.agentId, x.eligibility]));
    expect(why).toEqual({ owner: 'not-ready', sub: 'not-ready', other: 'preferred-only' });
    tick(h, 19_999);
    expect(h.engine.contact('c1').state).toBe('preferred');
    tick(h, 1);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', agentId: 'other', orderKey: 0 });
    // the end of the window is recorded with the timer trigger
    expect(h.engine.decisions('c1').at(-1)).toMatchObject({ at: 30_000, trigger: 'step-escalated', agentId: 'other' });
  });

  it('takes the window from the contact when it names one', () => {
    const h = domain();
    h.engine.login('owner');
    ready(h.engine, 'other');
    expect(h.engine.submit({ ...call('c1'), preferredWindowSeconds: 5 })).toMatchObject({ kind: 'preferred', until: 5_000 });
    expect(h.engine.submit({ ...call('c2'), preferredWindowSeconds: 0 })).toMatchObject({ kind: 'reserved', agentId: 'other' });
  });

  it('gives the contact to the owner who frees up during the window', () => {
    const h = domain();
    h.engine.login('owner');
    ready(h.engine, 'other');
    h.engine.submit(call('busy-other', ['other']));
    expect(h.engine.submit(call('c1')).kind).toBe('preferred');
    tick(h, 12_000);
    h.engine.ready('owner');
    expect(h.engine.contact('c1')).toMatchObject({ state: 'reserved', agentId: 'owner' });
  });

  it('lets an owner who finishes a call take the customer who asked for them before older queued contacts', () => {
    const h = domain();
    ready(h.engine, 'owner');
    accept(h.engine, reserved(h.engine.submit(call('first', ['owner']))).contactId);
    h.engine.submit({ id: 'queued-earlier', queueId: 'q' });
    tick(h, 5_000);
    h.engine.submit(call('mine', ['owner']));
    tick(h, 5_000);
    h.engine.complete('first');
    expect(holder(h.engine, 'mine')).toBe('owner');
    expect(h.engine.contact('queued-earlier').state).toBe('queued');
  });

  it('moves on to the substitute when the owner rejects, within the window', () => {
    const h = domain();
    ready(h.engine, 'owner');
    h.engine.login('sub');
    h.engine.submit(call('c1'));
    reject(h.engine, 'c1');
    expect(h.engine.contact('c1')).toMatchObject({ state: 'preferred', declinedBy: ['owner'] });
    h.engine.ready('sub');
    expect(holder(h.engine, 'c1')).toBe('sub');
    serve(h.engine, 'c1');
    expect(h.engine.contact('c1').state).toBe('completed');
  });
});

describe('preferred agents who are not there', () => {
  it('does not hold a contact for a logged-out owner, and releases it when the owner logs out', () => {
    const h = domain();
    ready(h.engine, 'other');
    // owner and sub are logged out: nobody worth waiting for, the queue takes it at once
    expect(h.engine.submit(call('c1'))).toMatchObject({ kind: 'reserved', agentId: 'other' });
    h.engine.login('owner');
    expect(h.engine.submit(call('c2'))).toMatchObject({ kind: 'preferred' });
    h.engine.logout('owner');
    expect(h.engine.contact('c2').state).toBe('queued');
  });

  it('gives the contact to a substitute who gains the skill it requires while it waits for the owner (found by the invariants property)', () => {
    const h = harness({
      skills: [{ id: 'sales' }, { id: 'lang.ru' }],
      queues: [salesQueue('q', { preferredWindowSeconds: 30 })],
      agents: [{ id: 'owner', skills: { sales: 3, 'lang.ru': 2 } }, { id: 'sub', skills: { sales: 3 } }],
    });
    h.engine.login('owner'); // logged in, not ready: the contact waits for the owner
    ready(h.engine, 'sub');
    expect(h.engine.submit({ ...call('c1'), requiredSkills: ['lang.ru'] }).kind).toBe('preferred');
    h.engine.setAgentSkills('sub', { sales: 3, 'lang.ru': 1 }); // a supervisor adds the language
    expect(holder(h.engine, 'c1')).toBe('sub');
  });
});
