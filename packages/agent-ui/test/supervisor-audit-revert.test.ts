import { describe, expect, it } from 'vitest';
import { changedFields, describeAuditEntry, revertPlan } from '../src/supervisor/audit-revert.js';
import type { AuditEntry } from '../src/supervisor/types.js';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({ id: '1', at: '2026-11-23T07:00:00.000Z', actor: 'user:sue', action: 'update', kind: 'agent', entityId: 'agent01', before: null, after: null, ...over });
const a1 = { id: 'agent01', name: 'Agent 1', team: 'team-a', skills: { sales: 4, support: 5 } };
const raised = entry({ before: a1, after: { ...a1, skills: { sales: 4, support: 5, vip: 5 } } });

describe('reverting an audit entry', () => {
  it("puts back an agent's skills through the live endpoint", () => {
    expect(revertPlan(raised, 'supervisor')).toEqual({ kind: 'requests', requests: [{ method: 'PUT', path: '/v1/agents/agent01/skills', body: { skills: { sales: 4, support: 5 } } }] });
  });

  it('puts back absences too when they changed', () => {
    const e = entry({ before: a1, after: { ...a1, absences: [{ from: 1, to: 2 }] } });
    expect(revertPlan(e, 'supervisor')).toEqual({ kind: 'requests', requests: [{ method: 'PUT', path: '/v1/agents/agent01/absences', body: { absences: [] } }] });
  });

  it("puts back a queue's steps and pause for a supervisor", () => {
    const q = { id: 'vip', steps: [{ requirement: 'vip', afterSeconds: 0 }] };
    const e = entry({ kind: 'queue', entityId: 'vip', before: q, after: { ...q, steps: [{ requirement: 'sales', afterSeconds: 0 }], paused: true } });
    expect(revertPlan(e, 'supervisor')).toEqual({ kind: 'requests', requests: [
      { method: 'PUT', path: '/v1/queues/vip/paused', body: { paused: false } },
      { method: 'PUT', path: '/v1/queues/vip/steps', body: { steps: q.steps } },
    ] });
  });

  it('leaves other parts to an admin, who replaces the whole document', () => {
    const q = { id: 'vip', strategy: 'round-robin', steps: [] };
    const e = entry({ kind: 'queue', entityId: 'vip', before: q, after: { ...q, strategy: 'most-skilled' } });
    expect(revertPlan(e, 'supervisor')).toEqual({ kind: 'unsupported', reason: 'only an admin can put back strategy' });
    expect(revertPlan(e, 'admin')).toEqual({ kind: 'requests', requests: [{ method: 'PUT', path: '/v1/config/queues/vip', body: q }] });
    expect(revertPlan(entry({ kind: 'center', entityId: 'msk', before: { id: 'msk' }, after: null, action: 'delete' }), 'admin'))
      .toEqual({ kind: 'requests', requests: [{ method: 'PUT', path: '/v1/config/centers/msk', body: { id: 'msk' } }] });
    expect(revertPlan(entry({ before: a1, after: null, action: 'delete' }), 'supervisor').kind).toBe('unsupported');
  });

  it('cannot revert a creation, a change of nothing, or a lead assignment', () => {
    expect(revertPlan(entry({ before: null, after: a1, action: 'create' }), 'admin').kind).toBe('unsupported');
    expect(revertPlan(entry({ before: a1, after: a1 }), 'supervisor')).toEqual({ kind: 'unsupported', reason: 'it changed nothing' });
    expect(revertPlan(entry({ kind: 'lead', before: { assignedAgentId: null }, after: { assignedAgentId: 'agent01' } }), 'admin').kind).toBe('unsupported');
  });

  it('escapes the id in the path', () => {
    const e = entry({ entityId: 'a/b', before: a1, after: { ...a1, skills: {} } });
    expect(revertPlan(e, 'supervisor')).toMatchObject({ requests: [{ path: '/v1/agents/a%2Fb/skills' }] });
  });
});

describe('describing an audit entry', () => {
  it('lists skill level changes', () => {
    expect(describeAuditEntry(raised)).toBe('skills: vip – → 5');
    expect(describeAuditEntry(entry({ before: a1, after: { ...a1, skills: { sales: 5 } } }))).toBe('skills: sales 4 → 5, support 5 → –');
  });

  it('names creations, removals, pauses and other fields', () => {
    expect(describeAuditEntry(entry({ before: null, after: a1 }))).toBe('created agent agent01');
    expect(describeAuditEntry(entry({ before: a1, after: null }))).toBe('removed agent agent01');
    expect(describeAuditEntry(entry({ kind: 'queue', before: { steps: 1 }, after: { steps: 2, paused: true } }))).toBe('paused; steps changed');
    expect(changedFields({ a: 1, b: [1] }, { a: 1, b: [2], c: 0 })).toEqual(['b', 'c']);
  });
});
