import { describe, expect, it } from 'vitest';
import { presencePlan } from '../src/supervisor/presence-plan.js';
import { decisionRows, eligibilityRows } from '../src/supervisor/trace-view.js';
import type { Trace } from '../src/supervisor/types.js';

describe('forcing an agent state', () => {
  it('logs a logged-out agent in before making it ready or not ready', () => {
    expect(presencePlan('offline', 'ready')).toEqual([{ state: 'loggedIn' }, { state: 'ready' }]);
    expect(presencePlan('offline', 'notReady', 'meeting')).toEqual([{ state: 'loggedIn' }, { state: 'notReady', reason: 'meeting' }]);
  });

  it('takes one step from a logged-in state, and none to where the agent is', () => {
    expect(presencePlan('notReady', 'ready')).toEqual([{ state: 'ready' }]);
    expect(presencePlan('ready', 'notReady')).toEqual([{ state: 'notReady', reason: 'supervisor' }]);
    expect(presencePlan('ready', 'offline')).toEqual([{ state: 'loggedOut' }]);
    expect(presencePlan('ready', 'ready')).toEqual([]);
    expect(presencePlan('offline', 'offline')).toEqual([]);
  });
});

const trace: Trace = {
  decisions: [
    { at: 2, trigger: 'contact-arrived', contactId: 'c2', queueId: 'vip', step: 0, outcome: 'reserved', strategy: 'round-robin', agentId: 'agent01',
      candidates: [{ id: 'agent01', kind: 'agent', pool: 'vip/0', key: [0, 0] }, { id: 'agent05', kind: 'agent', pool: 'vip/0', key: [1, 0], skipped: 'worse-key' }],
      score: { total: 14, components: [{ skill: 'vip', level: 5, weight: 1, contribution: 5 }, { skill: 'sales', level: 4, weight: 1, contribution: 4 }] } },
    { at: 1, trigger: 'contact-arrived', contactId: 'c2', queueId: 'vip', step: 0, outcome: 'queued', strategy: 'round-robin', candidates: [] },
  ],
  eligibility: [
    { agentId: 'agent03', eligibility: 'not-member', memberStep: -1, score: 0 },
    { agentId: 'agent02', eligibility: 'step-not-reached', memberStep: 1, score: 7 },
    { agentId: 'agent01', eligibility: 'no-capacity', memberStep: 0, score: 14 },
    { agentId: 'agent11', eligibility: 'eligible', memberStep: 0, score: 3 },
  ],
};

describe('decision trace in words', () => {
  it('lists decisions oldest first, with the winner and why the others lost', () => {
    const rows = decisionRows(trace);
    expect(rows.map((r) => r.summary)).toEqual(['queued: no ready agent in the pools it may use', 'offered to agent01']);
    expect(rows[1]?.candidates).toEqual([
      { id: 'agent01', kind: 'agent', pool: 'vip/0', key: '0 / 0', result: 'chosen', why: 'first by the strategy' },
      { id: 'agent05', kind: 'agent', pool: 'vip/0', key: '1 / 0', result: 'passed over', why: 'qualified and ready, but another came first by the strategy' },
    ]);
    expect(rows[1]?.score).toBe('14 = vip 5×1 + sales 4×1');
    expect(rows[0]?.trigger).toBe('the contact arrived');
  });

  it("puts who could take it first, then the nearest misses; narrows to the supervisor's agents", () => {
    expect(eligibilityRows(trace).map((r) => [r.agentId, r.memberStep, r.why])).toEqual([
      ['agent11', '0', 'could take it now'],
      ['agent01', '0', 'no free capacity (on a contact)'],
      ['agent02', '1', 'qualifies only at a later step than the contact has reached'],
      ['agent03', '–', 'does not meet any requirement step of the queue'],
    ]);
    expect(eligibilityRows(trace, new Set(['agent01', 'agent02'])).map((r) => r.agentId)).toEqual(['agent01', 'agent02']);
  });
});
