import { describe, expect, it } from 'vitest';
import type { QueueConfig } from '@switchboard/router';
import { harness, holder, ready, salesQueue, tick, types } from './engine-fixture.js';

const agents = [{ id: 'ann', skills: { sales: 3 } }, { id: 'sup', skills: { support: 3 } }];
const supportQueue = (id: string, extra: Partial<QueueConfig> = {}): QueueConfig => ({ id, steps: [{ requirement: 'support', afterSeconds: 0 }], ...extra });

describe('max length', () => {
  it('refuses a contact that finds the queue full and has nowhere to overflow', () => {
    const h = harness({ queues: [salesQueue('q', { maxLength: 2 })], agents });
    h.engine.submit({ id: 'c1', queueId: 'q' });
    h.engine.submit({ id: 'c2', queueId: 'q' });
    expect(h.engine.submit({ id: 'c3', queueId: 'q' })).toEqual({ kind: 'refused', contactId: 'c3', queueId: 'q' });
    expect(h.engine.contact('c3')).toMatchObject({ state: 'refused', endedAt: 0 });
    expect(h.events.find((e) => e.type === 'contact.refused')).toMatchObject({ contactId: 'c3', reason: 'queue-full' });
    expect(h.engine.queueStats('q')).toMatchObject({ waiting: 2, offered: 3, refused: 1 });
  });

  it('sends the contact that finds the queue full to the overflow queue', () => {
    const h = harness({ queues: [supportQueue('help'), salesQueue('q', { maxLength: 1, overflowQueueId: 'help' })], agents });
    ready(h.engine, 'sup');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    const o = h.engine.submit({ id: 'c2', queueId: 'q' });
    expect(o).toMatchObject({ kind: 'reserved', queueId: 'help', agentId: 'sup' });
    expect(h.events.find((e) => e.type === 'contact.overflowed')).toEqual({
      type: 'contact.overflowed', at: 0, contactId: 'c2', fromQueueId: 'q', toQueueId: 'help', reason: 'max-length',
    });
    expect(h.engine.queueStats('q')).toMatchObject({ offered: 2, overflowed: 1, waiting: 1 });
    expect(h.engine.queueStats('help').offered).toBe(1);
  });

  it('stops an overflow loop of full queues and refuses the contact', () => {
    const h = harness({ queues: [salesQueue('a', { maxLength: 1, overflowQueueId: 'b' }), salesQueue('b', { maxLength: 1, overflowQueueId: 'a' })], agents });
    h.engine.submit({ id: 'fill-a', queueId: 'a' });
    h.engine.submit({ id: 'fill-b', queueId: 'b' });
    expect(h.engine.submit({ id: 'c', queueId: 'a' }).kind).toBe('refused');
    expect(types(h.events, 'c')).toEqual([...Array(8).fill('contact.overflowed'), 'contact.refused']);
    expect(h.events.at(-1)).toMatchObject({ type: 'contact.refused', reason: 'overflow-limit' });
  });
});

describe('max wait', () => {
  it('expires a contact that waited maxWaitSeconds with nowhere to overflow', () => {
    const h = harness({ queues: [salesQueue('q', { maxWaitSeconds: 60 })], agents });
    h.engine.submit({ id: 'c1', queueId: 'q' });
    tick(h, 59_999);
    expect(h.engine.contact('c1').state).toBe('queued');
    tick(h, 1);
    expect(h.engine.contact('c1')).toMatchObject({ state: 'expired', endedAt: 60_000 });
    expect(h.events.at(-1)).toEqual({ type: 'contact.expired', at: 60_000, contactId: 'c1', queueId: 'q', waitedMs: 60_000 });
    expect(h.engine.queueStats('q')).toMatchObject({ waiting: 0, expired: 1 });
  });

  it('overflows after maxWaitSeconds keeping the order key, so the customer keeps its place', () => {
    const h = harness({ queues: [supportQueue('help'), salesQueue('q', { maxWaitSeconds: 60, overflowQueueId: 'help' })], agents });
    h.engine.submit({ id: 'old', queueId: 'q' });
    tick(h, 30_000);
    h.engine.submit({ id: 'direct', queueId: 'help' }); // arrived in help before 'old' moved there
    tick(h, 30_000);
    expect(h.engine.contact('old')).toMatchObject({ state: 'queued', queueId: 'help', orderKey: 0, queueEnteredAt: 60_000, waitStartedAt: 0 });
    expect(h.engine.queueStats('help')).toMatchObject({ waiting: 2, longestWaitMs: 60_000 });
    ready(h.engine, 'sup');
    expect(holder(h.engine, 'old')).toBe('sup');
    expect(h.engine.contact('direct').state).toBe('queued');
  });

  it('restarts the steps of the overflow queue from its arrival there', () => {
    const stepped: QueueConfig = { id: 'help', steps: [{ requirement: 'support>=4', afterSeconds: 0 }, { requirement: 'support', afterSeconds: 20 }] };
    const h = harness({ queues: [stepped, salesQueue('q', { maxWaitSeconds: 60, overflowQueueId: 'help' })], agents });
    ready(h.engine, 'sup'); // support 3: step 1 of help
    h.engine.submit({ id: 'c1', queueId: 'q' });
    tick(h, 60_000);
    expect(h.engine.contact('c1')).toMatchObject({ queueId: 'help', step: 0, state: 'queued' });
    tick(h, 20_000);
    expect(h.engine.contact('c1')).toMatchObject({ step: 1, state: 'reserved', agentId: 'sup' });
  });

  it('bounds an overflow loop on max wait and then expires the contact', () => {
    const h = harness({ queues: [salesQueue('a', { maxWaitSeconds: 10, overflowQueueId: 'b' }), salesQueue('b', { maxWaitSeconds: 10, overflowQueueId: 'a' })], agents });
    h.engine.submit({ id: 'c', queueId: 'a' });
    tick(h, 3_600_000);
    expect(types(h.events, 'c')).toEqual(['contact.queued', ...Array(8).fill(['contact.overflowed', 'contact.queued']).flat(), 'contact.expired']);
    expect(h.engine.contact('c')).toMatchObject({ state: 'expired', endedAt: 90_000, queueId: 'a' });
    expect(h.engine.nextDueAt()).toBeUndefined();
  });
});
