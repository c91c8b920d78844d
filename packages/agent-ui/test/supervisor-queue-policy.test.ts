import { describe, expect, it } from 'vitest';
import { applyRequest, changedParts, draftOf, hasProblems, queueOf, requirementText, validateDraft, type PolicyDraft } from '../src/supervisor/queue-policy.js';
import type { QueueConfig } from '../src/supervisor/types.js';

const skills = ['sales', 'support', 'vip', 'lang.ru', 'trainee'].map((id) => ({ id }));
const sales: QueueConfig = {
  id: 'sales', name: 'Sales', strategy: 'longest-idle', ringTimeoutSeconds: 15, wrapUpSeconds: 10, autoPauseAfterMissed: 2,
  steps: [{ requirement: 'sales>=3 & lang.ru', afterSeconds: 0 }, { requirement: 'sales>=2', afterSeconds: 20 }],
  serviceLevel: { percent: 80, thresholdSeconds: 20 }, maxWaitSeconds: 300, overflowQueueId: 'support',
  priority: { tierBoostSeconds: { platinum: 60, gold: 30 }, churnRiskBoostSeconds: 20, maxBoostSeconds: 90 },
};

const edit = (d: PolicyDraft, over: Partial<PolicyDraft>): PolicyDraft => ({ ...d, ...over });

describe('queue policy draft', () => {
  it('shows the queue as text fields, with the known value tiers offered empty', () => {
    const d = draftOf(sales);
    expect(d.steps).toEqual([{ requirement: 'sales>=3 & lang.ru', afterSeconds: '0' }, { requirement: 'sales>=2', afterSeconds: '20' }]);
    expect(d.tierBoost).toEqual({ platinum: '60', gold: '30', silver: '', bronze: '' });
    expect(d).toMatchObject({ strategy: 'longest-idle', maxBoostSeconds: '90', slPercent: '80', slThresholdSeconds: '20', maxWaitSeconds: '300', ringTimeoutSeconds: '15' });
  });

  it('prints requirement JSON as the expression text', () => {
    expect(requirementText({ all: [{ skill: 'sales', op: '>=', level: 3 }, { not: { skill: 'trainee' } }] })).toBe('sales>=3 & !trainee');
  });

  it('has no problems as configured, and none unchanged', () => {
    expect(hasProblems(validateDraft(draftOf(sales), skills))).toBe(false);
    expect(changedParts(sales, draftOf(sales))).toEqual([]);
  });
});

describe('live validation', () => {
  const d = draftOf(sales);

  it('points at the syntax error in a requirement', () => {
    const p = validateDraft(edit(d, { steps: [{ requirement: 'sales>=3 & | x', afterSeconds: '0' }] }), skills);
    expect(p.steps[0]?.requirement).toEqual({ message: "Requirement expression has a syntax error: expected a skill name, found '|' at 11", position: 11 });
    expect(hasProblems(p)).toBe(true);
  });

  it('names skills that are not in the catalogue, and asks for an empty requirement', () => {
    const p = validateDraft(edit(d, { steps: [{ requirement: 'salez>=3', afterSeconds: '0' }, { requirement: ' ', afterSeconds: '10' }] }), skills);
    expect(p.steps[0]?.requirement?.message).toMatch(/not in the catalogue: 'salez'/);
    expect(p.steps[1]?.requirement?.message).toMatch(/Type a requirement/);
  });

  it('checks the step times as the service does: first at 0, each later than the one before', () => {
    const steps = [{ requirement: 'sales', afterSeconds: '5' }, { requirement: 'sales', afterSeconds: '5' }, { requirement: 'sales', afterSeconds: 'soon' }];
    expect(validateDraft(edit(d, { steps }), skills).steps.map((s) => s.afterSeconds)).toEqual(['the first step starts at 0', 'must be later than the step before', 'must be a number of seconds']);
    expect(validateDraft(edit(d, { steps: [] }), skills).form).toMatch(/at least one step/);
  });

  it('checks the targets and the head start', () => {
    const p = validateDraft(edit(d, { slPercent: '120', ringTimeoutSeconds: '0', tierBoost: { platinum: '-1' }, maxBoostSeconds: '' }), skills);
    expect(p.fields).toEqual({ slPercent: 'must be from 0 to 100', ringTimeoutSeconds: 'must be from 1 to 600', 'tier:platinum': 'must be from 0 to 86400', maxBoostSeconds: 'set a cap on the head start' });
    expect(validateDraft(edit(d, { slThresholdSeconds: '' }), skills).fields.slThresholdSeconds).toMatch(/both/);
    expect(validateDraft(edit(d, { strategy: 'fastest' }), skills).fields.strategy).toBeDefined();
  });
});

describe('applying', () => {
  const d = edit(draftOf(sales), {
    steps: [{ requirement: 'sales>=4 & lang.ru', afterSeconds: '0' }, { requirement: ' sales>=2 ', afterSeconds: '30' }],
    strategy: 'most-skilled', tierBoost: { platinum: '90', gold: '', silver: '5', bronze: '' }, slPercent: '90',
  });

  it('says what changed', () => {
    expect(changedParts(sales, d)).toEqual(['requirement steps', 'strategy', 'head start', 'targets']);
  });

  it('sends a supervisor the policy part of the queue (steps, strategy, head start, targets), live', () => {
    expect(applyRequest('supervisor', sales, d)).toEqual({
      method: 'PUT', path: '/v1/queues/sales/policy',
      body: {
        steps: [{ requirement: 'sales>=4 & lang.ru', afterSeconds: 0 }, { requirement: 'sales>=2', afterSeconds: 30 }], strategy: 'most-skilled',
        priority: { tierBoostSeconds: { platinum: 90, silver: 5 }, churnRiskBoostSeconds: 20, maxBoostSeconds: 90 },
        serviceLevel: { percent: 90, thresholdSeconds: 20 }, maxWaitSeconds: 300, ringTimeoutSeconds: 15, wrapUpSeconds: 10,
      },
    });
  });

  it('sends an admin the whole queue, keeping the fields the form does not show', () => {
    const r = applyRequest('admin', sales, d);
    expect(r.path).toBe('/v1/config/queues/sales');
    expect(r.body).toEqual({
      id: 'sales', name: 'Sales', strategy: 'most-skilled', ringTimeoutSeconds: 15, wrapUpSeconds: 10, autoPauseAfterMissed: 2,
      steps: [{ requirement: 'sales>=4 & lang.ru', afterSeconds: 0 }, { requirement: 'sales>=2', afterSeconds: 30 }],
      serviceLevel: { percent: 90, thresholdSeconds: 20 }, maxWaitSeconds: 300, overflowQueueId: 'support',
      priority: { tierBoostSeconds: { platinum: 90, silver: 5 }, churnRiskBoostSeconds: 20, maxBoostSeconds: 90 },
    });
  });

  it('leaves out what was cleared', () => {
    const q = queueOf(sales, edit(draftOf(sales), { maxWaitSeconds: '', slPercent: '', slThresholdSeconds: '', tierBoost: {}, churnRiskBoostSeconds: '', maxBoostSeconds: '' }));
    expect(q).not.toHaveProperty('maxWaitSeconds');
    expect(q).not.toHaveProperty('serviceLevel');
    expect(q).not.toHaveProperty('priority');
    expect(queueOf(sales, draftOf(sales))).toEqual(sales);
  });
});
