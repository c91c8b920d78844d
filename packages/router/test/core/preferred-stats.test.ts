import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine } from '@switchboard/router';

describe('queue statistics count contacts held for their preferred agents', () => {
  it('shows them in waitingForPreferred until the window ends, then in waiting', () => {
    const clock = new ManualClock(0);
    const e = RoutingEngine.create({
      skills: [{ id: 's' }],
      queues: [{ id: 'q', steps: [{ requirement: 's>=5', afterSeconds: 0 }], preferredWindowSeconds: 20 }],
      agents: [{ id: 'owner', skills: { s: 1 } }],
    }, { clock });
    e.login('owner'); // logged in, not ready: worth waiting for
    expect(e.submit({ id: 'c', queueId: 'q', preferredAgentIds: ['owner'] }).kind).toBe('preferred');
    expect(e.queueStats('q')).toMatchObject({ waiting: 0, waitingForPreferred: 1 });
    clock.advance(20_000);
    e.advance();
    expect(e.queueStats('q')).toMatchObject({ waiting: 1, waitingForPreferred: 0 });
    e.abandon('c');
    expect(e.queueStats('q')).toMatchObject({ waiting: 0, waitingForPreferred: 0 });
  });

  it('drops the count when the owner takes the contact', () => {
    const clock = new ManualClock(0);
    const e = RoutingEngine.create({
      skills: [{ id: 's' }],
      queues: [{ id: 'q', steps: [{ requirement: 's>=5', afterSeconds: 0 }] }],
      agents: [{ id: 'owner', skills: { s: 1 } }],
    }, { clock });
    e.login('owner');
    e.submit({ id: 'c', queueId: 'q', preferredAgentIds: ['owner'] });
    e.ready('owner');
    expect(e.contact('c')).toMatchObject({ state: 'reserved', agentId: 'owner' });
    expect(e.queueStats('q').waitingForPreferred).toBe(0);
  });
});
