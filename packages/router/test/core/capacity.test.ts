import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPACITY, DEFAULT_CHANNELS, type AgentConfig } from '@switchboard/router';
import { accept, harness, holder, ready, salesQueue, type Harness } from './engine-fixture.js';

function domain(agent: Partial<AgentConfig> = {}): Harness {
  const h = harness({
    queues: [salesQueue('voice'), salesQueue('chat', { channel: 'chat' }), salesQueue('email', { channel: 'email' })],
    agents: [{ id: 'ann', skills: { sales: 3 }, ...agent }],
  });
  ready(h.engine, 'ann');
  return h;
}

let n = 0;
/** Submits a contact on a channel's queue and returns its state. */
function offer(h: Harness, queueId: string): string {
  const id = `${queueId}-${++n}`;
  h.engine.submit({ id, queueId });
  return h.engine.contact(id).state;
}

describe('capacity model', () => {
  it('ships the documented default costs', () => {
    expect(DEFAULT_CAPACITY).toBe(6);
    expect(DEFAULT_CHANNELS).toMatchObject({ voice: { cost: 6 }, chat: { cost: 1 }, email: { cost: 2 } });
  });

  it('lets an agent hold one voice call and nothing else', () => {
    const h = domain();
    expect(offer(h, 'voice')).toBe('reserved');
    expect(h.engine.agent('ann').used).toBe(6);
    expect([offer(h, 'voice'), offer(h, 'chat'), offer(h, 'email')]).toEqual(['queued', 'queued', 'queued']);
    expect(h.engine.queueStats('chat').readyAgents).toBe(0);
  });

  it('lets an agent hold up to six chats', () => {
    const h = domain();
    const states = Array.from({ length: 7 }, () => offer(h, 'chat'));
    expect(states).toEqual([...Array(6).fill('reserved'), 'queued']);
    expect(h.engine.agent('ann')).toMatchObject({ used: 6, capacity: 6 });
    expect(h.engine.agent('ann').assignments).toHaveLength(6);
  });

  it('mixes channels while their costs fit: two emails and two chats, then no more', () => {
    const h = domain();
    expect([offer(h, 'email'), offer(h, 'email'), offer(h, 'chat'), offer(h, 'chat')]).toEqual(['reserved', 'reserved', 'reserved', 'reserved']);
    expect(h.engine.agent('ann').used).toBe(6);
    expect([offer(h, 'chat'), offer(h, 'email')]).toEqual(['queued', 'queued']);
  });

  it('does not offer a voice call to an agent holding a chat, and offers it once the chats end', () => {
    const h = domain();
    h.engine.submit({ id: 'chat-1', queueId: 'chat' });
    h.engine.submit({ id: 'call', queueId: 'voice' });
    expect(h.engine.contact('call').state).toBe('queued');
    expect(h.engine.explain('call')).toEqual([{ agentId: 'ann', eligibility: 'no-capacity', memberStep: 0, score: 3 }]);
    h.engine.submit({ id: 'chat-2', queueId: 'chat' }); // another chat still fits
    expect(holder(h.engine, 'chat-2')).toBe('ann');
    h.engine.abandon('chat-2');
    accept(h.engine, 'chat-1');
    expect(h.engine.contact('call').state).toBe('queued');
    h.engine.complete('chat-1');
    expect(holder(h.engine, 'call')).toBe('ann');
  });

  it('caps a channel with maxPerChannel even when capacity is left', () => {
    const h = domain({ maxPerChannel: { chat: 2 } });
    expect([offer(h, 'chat'), offer(h, 'chat'), offer(h, 'chat')]).toEqual(['reserved', 'reserved', 'queued']);
    expect(offer(h, 'email')).toBe('reserved'); // 2 + 2 of 6 used
    expect(h.engine.agent('ann').used).toBe(4);
  });

  it('caps a channel with maxPerChannel when the agent picks up waiting chats too', () => {
    const h = domain({ maxPerChannel: { chat: 2 } });
    h.engine.notReady('ann');
    for (const id of ['m1', 'm2', 'm3']) h.engine.submit({ id, queueId: 'chat' });
    h.engine.ready('ann');
    expect(['m1', 'm2', 'm3'].map((id) => h.engine.contact(id).state)).toEqual(['reserved', 'reserved', 'queued']);
  });

  it('honours a custom capacity and custom channel costs', () => {
    const h = harness({
      channels: { voice: { cost: 10 }, chat: { cost: 3 } },
      queues: [salesQueue('voice'), salesQueue('chat', { channel: 'chat' })],
      agents: [{ id: 'ann', skills: { sales: 1 }, capacity: 10 }],
    });
    ready(h.engine, 'ann');
    expect([offer(h, 'chat'), offer(h, 'chat'), offer(h, 'chat'), offer(h, 'chat')]).toEqual(['reserved', 'reserved', 'reserved', 'queued']);
    expect(h.engine.agent('ann').used).toBe(9);
  });
});
