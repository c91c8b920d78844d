import { describe, expect, it } from 'vitest';
import { accept, expectCode, harness, ready, reject, salesQueue, tick } from './engine-fixture.js';

const HOUR = 3_600_000;

describe('decision trace', () => {
  it('records a contact-side decision: trigger, strategy, candidates, winner and its score', () => {
    const h = harness({
      queues: [salesQueue('q', { strategy: 'most-skilled', skillWeights: { sales: 2, 'lang.en': 1 } })],
      agents: [{ id: 'ann', skills: { sales: 5 } }, { id: 'bob', skills: { sales: 3, 'lang.en': 5 } }],
    });
    ready(h.engine, 'ann', 'bob');
    tick(h, 1_000);
    h.engine.submit({ id: 'c1', queueId: 'q' });
    expect(h.engine.decisions('c1')).toEqual([{
      at: 1_000, trigger: 'contact-arrived', contactId: 'c1', queueId: 'q', step: 0, outcome: 'reserved', agentId: 'bob',
      strategy: 'most-skilled',
      candidates: [{ id: 'bob', kind: 'agent', pool: 'q/0', key: [-11, 0] }],
      score: { total: 11, components: [
        { skill: 'sales', level: 3, weight: 2, contribution: 6 },
        { skill: 'lang.en', level: 5, weight: 1, contribution: 5 },
      ] },
    }]);
  });

  it('records an agent-side decision naming every contact head it compared', () => {
    const h = harness({ queues: [salesQueue('A'), salesQueue('B')], agents: [{ id: 'ann', skills: { sales: 1 } }] });
    h.engine.submit({ id: 'a1', queueId: 'A' });
    tick(h, 1_000);
    h.engine.submit({ id: 'b1', queueId: 'B' });
    tick(h, 1_000);
    ready(h.engine, 'ann');
    expect(h.engine.decisions('a1')).toEqual([
      expect.objectContaining({ at: 0, trigger: 'contact-arrived', outcome: 'queued', candidates: [] }),
      expect.objectContaining({
        at: 2_000, trigger: 'agent-available', outcome: 'reserved', agentId: 'ann',
        candidates: [
          { id: 'a1', kind: 'contact', pool: 'A/0', key: [0, 0] },
          { id: 'b1', kind: 'contact', pool: 'B/0', key: [1_000, 1], skipped: 'lower-order-key' },
        ],
      }),
    ]);
    expect(h.engine.decisions('b1').map((d) => d.outcome)).toEqual(['queued']);
  });

  it('records a returned contact and the preferred agents it skipped, with why', () => {
    const h = harness({
      queues: [salesQueue('q')],
      agents: [
        { id: 'owner', skills: { sales: 1 } },
        { id: 'away', skills: { sales: 1 }, absences: [{ from: 0, to: HOUR }] },
        { id: 'sub', skills: { sales: 1 } },
      ],
    });
    ready(h.engine, 'owner');
    h.engine.login('sub');
    h.engine.submit({ id: 'c1', queueId: 'q', preferredAgentIds: ['owner', 'away', 'sub'] });
    reject(h.engine, 'c1');
    const [first, second] = h.engine.decisions('c1');
    expect(first).toMatchObject({ trigger: 'preferred', outcome: 'reserved', agentId: 'owner', candidates: [{ id: 'owner', kind: 'agent', pool: 'preferred' }] });
    expect(second).toMatchObject({
      trigger: 'preferred', outcome: 'preferred',
      candidates: [
        { id: 'owner', kind: 'agent', skipped: 'declined' },
        { id: 'away', kind: 'agent', skipped: 'absent' },
        { id: 'sub', kind: 'agent', skipped: 'not-ready' },
      ],
    });
  });

  // Regression (fixed): placement.traceWait stamps a 'queued' or 'preferred' decision with
  // `c.queueEnteredAt` instead of the time the decision was made, so a contact rejected at 5 s
  // gets a 'returned' decision dated 0 s (the arrival), before the reservation it follows.
  it('dates a decision with the time it was made', () => {
    const h = harness({ queues: [salesQueue('q')], agents: [{ id: 'ann', skills: { sales: 1 } }] });
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    tick(h, 5_000);
    reject(h.engine, 'c1');
    expect(h.engine.decisions('c1').map((d) => [d.trigger, d.outcome, d.at])).toEqual([
      ['contact-arrived', 'reserved', 0],
      ['returned', 'queued', 5_000],
    ]);
  });

  it('keeps only the last 16 decisions of a contact', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `ag${String(i).padStart(2, '0')}`);
    const h = harness({ queues: [salesQueue('q')], agents: ids.map((id) => ({ id, skills: { sales: 1 } })) });
    ready(h.engine, ...ids);
    h.engine.submit({ id: 'c1', queueId: 'q' });
    for (let i = 0; i < 19; i++) reject(h.engine, 'c1');
    const trace = h.engine.decisions('c1');
    expect(trace).toHaveLength(16);
    expect(trace.at(-1)).toMatchObject({ trigger: 'returned', agentId: 'ag19' });
  });

  it('records nothing when tracing is off', () => {
    const h = harness({ queues: [salesQueue('q')], agents: [{ id: 'ann', skills: { sales: 1 } }] }, { trace: false });
    ready(h.engine, 'ann');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    expect(h.engine.decisions('c1')).toEqual([]);
    expectCode(() => h.engine.decisions('nope'), 'CONTACT_UNKNOWN');
  });
});

describe('explain', () => {
  it('gives every agent the first reason it cannot take the contact now', () => {
    const h = harness({
      queues: [
        { id: 'q', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }, { requirement: 'sales', afterSeconds: 60 }] },
        salesQueue('chat', { channel: 'chat' }),
      ],
      agents: [
        { id: 'free', skills: { sales: 4 } },
        { id: 'declined', skills: { sales: 4 } },
        { id: 'busy', skills: { sales: 3 } },
        { id: 'paused', skills: { sales: 5 } },
        { id: 'gone', skills: { sales: 5 } },
        { id: 'junior', skills: { sales: 1 } },
        { id: 'support', skills: { support: 5 } },
      ],
    });
    ready(h.engine, 'busy');
    h.engine.submit({ id: 'chat-1', queueId: 'chat' }); // 'busy' holds a chat: no room for a call
    ready(h.engine, 'declined');
    h.engine.submit({ id: 'c1', queueId: 'q' });
    expect(h.engine.contact('c1').agentId).toBe('declined');
    reject(h.engine, 'c1');
    ready(h.engine, 'junior');
    h.engine.login('paused');
    h.engine.notReady('paused', 'lunch');
    h.engine.login('support');
    const reasons = () => Object.fromEntries(h.engine.explain('c1').map((x) => [x.agentId, x.eligibility]));
    expect(reasons()).toEqual({
      free: 'offline', declined: 'declined', busy: 'no-capacity', paused: 'not-ready', gone: 'offline',
      junior: 'step-not-reached', support: 'not-member',
    });
    expect(h.engine.contact('c1').state).toBe('queued');
    ready(h.engine, 'free');
    expect(h.engine.contact('c1').agentId).toBe('free');
    accept(h.engine, 'c1');
    expect(h.engine.explain('c1').find((x) => x.agentId === 'junior')).toEqual({ agentId: 'junior', eligibility: 'step-not-reached', memberStep: 1, score: 1 });
  });
});
