import { describe, expect, it } from 'vitest';
import { WhatIf, checkScenario, checkWhatIf } from '@switchboard/router/wfm';
import { DEFAULT_ERLANG_DRAFT, erlangBodyOf, scenarioFromConfig, whatIfRows } from '../src/supervisor/wfm-model.js';
import type { AgentView, QueueConfig } from '../src/supervisor/types.js';

const agent = (id: string, skills: Record<string, number>): AgentView => ({
  id, name: id, presence: 'ready', activity: 'ready', presenceSince: 0, capacity: 6, used: 0, skills, memberships: [], assignments: [], handled: 0,
});

describe('staffing calculator form', () => {
  it('turns the default draft into an Erlang request (percentages as shares)', () => {
    expect(erlangBodyOf(DEFAULT_ERLANG_DRAFT)).toEqual({ body: { callsPerHour: 1000, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20, maxOccupancy: 0.85 } });
    expect(erlangBodyOf({ ...DEFAULT_ERLANG_DRAFT, patienceSeconds: '90', maxOccupancyPercent: '' })).toEqual({ body: { callsPerHour: 1000, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20, patienceSeconds: 90 } });
  });

  it('names each bad or missing field', () => {
    expect(erlangBodyOf({ ...DEFAULT_ERLANG_DRAFT, ahtSeconds: '0', targetPercent: '', callsPerHour: 'many' })).toEqual({
      problems: { callsPerHour: 'calls per hour must be a number from 0 to 10000000', ahtSeconds: 'handle time must be a number from 1 to 86400', targetPercent: 'target is needed' },
    });
  });
});

describe('what-if from the live configuration', () => {
  const queues: QueueConfig[] = [
    { id: 'sales', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }], paused: false, overflowQueueId: 'elsewhere', wrapUpSeconds: 10 },
    { id: 'support', steps: [{ requirement: 'support', afterSeconds: 0 }] },
  ];
  const agents = [agent('ann', { sales: 4 }), agent('bob', { support: 3 }), agent('cat', { support: 4, sales: 1 })];
  const built = scenarioFromConfig([{ id: 'sales' }, { id: 'support' }], queues, agents, {
    sales: { perHour: 40, ahtSeconds: 200, patienceSeconds: 90 }, support: { perHour: 20, ahtSeconds: 300, patienceSeconds: 120 },
  });

  it('builds a scenario the simulator accepts: service fields and overflows outside my queues left out', () => {
    const s = checkScenario(built.scenario);
    expect(s.domain.queues?.[0]).toEqual({ id: 'sales', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }], wrapUpSeconds: 10 });
    expect(s.agents.map((g) => g.id)).toEqual(['ann', 'bob', 'cat']);
    expect(s.contactTypes.map((t) => t.queueId)).toEqual(['sales', 'support']);
  });

  it('runs as a what-if and shows the answer as rows with a verdict where the interval is clear', () => {
    const s = checkScenario(built.scenario);
    const proposal = { ...built.proposal, agents: [...built.proposal.agents, { id: 'dan', count: 1, skills: { sales: 4 }, capacity: 6 }] };
    const w = new WhatIf(s, checkWhatIf(s, proposal, 6));
    while (!w.run(10_000));
    const rows = whatIfRows(w.result());
    expect(rows.map((r) => `${r.scope}/${r.kpi}`).slice(0, 4)).toEqual(['all queues/service level', 'all queues/ASA', 'all queues/abandonment', 'sales/service level']);
    const sales = rows.find((r) => r.scope === 'sales' && r.kpi === 'service level');
    expect(sales?.verdict).toBe('better'); // a second sales agent
    expect(sales?.difference).toMatch(/^\+\d+\.\d % \(\+\d+\.\d % … \+\d+\.\d %\)$/);
  });
});
