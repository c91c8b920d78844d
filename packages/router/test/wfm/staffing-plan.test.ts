import { describe, expect, it } from 'vitest';
import { agentsRequired } from '../../src/wfm/agents-required.js';
import { suggestSchedule } from '../../src/wfm/schedule.js';
import { staffingPlan } from '../../src/wfm/staffing-plan.js';

describe('staffing plan', () => {
  const plan = staffingPlan({
    intervalMinutes: 30, shrinkage: 0.3,
    groups: [
      { id: 'sales', forecast: [0, 120, 180, 60], ahtSeconds: 240, targetServiceLevel: 0.8, thresholdSeconds: 20 },
      { id: 'support', forecast: [10, 40, 40, 10], ahtSeconds: 420, targetServiceLevel: 0.8, thresholdSeconds: 30, patienceSeconds: 90, maxOccupancy: 0.85 },
    ],
  });

  it('staffs each interval with the fewest agents meeting its group\'s target (Erlang C, or A with patience)', () => {
    const [sales, support] = plan.groups;
    expect(sales?.required).toEqual([0, 20, 29, 11]);
    sales?.required.forEach((n, i) => {
      const count = [0, 120, 180, 60][i] as number;
      if (count > 0) expect(n).toBe(agentsRequired({ callsPerHour: count * 2, ahtSeconds: 240, targetServiceLevel: 0.8, thresholdSeconds: 20 }).agents);
    });
    expect(sales?.metrics[0]).toBeNull();
    expect(support?.metrics.every((m) => m?.model === 'erlang-a' && m.occupancy <= 0.85)).toBe(true);
  });

  it('grosses up by the shrinkage and adds up the groups', () => {
    for (const g of plan.groups) g.required.forEach((r, i) => expect(g.scheduled[i]).toBe(Math.ceil(r / 0.7 - 1e-9)));
    expect(plan.total.scheduled).toEqual(plan.groups[0]?.scheduled.map((s, i) => s + (plan.groups[1]?.scheduled[i] as number)));
  });

  it('refuses groups of different lengths and a shrinkage of 90 % or more, naming the path', () => {
    expect(() => staffingPlan({ intervalMinutes: 30, groups: [{ id: 'a', forecast: [1, 2], ahtSeconds: 60, targetServiceLevel: 0.8, thresholdSeconds: 20 }, { id: 'b', forecast: [1], ahtSeconds: 60, targetServiceLevel: 0.8, thresholdSeconds: 20 }] }))
      .toThrowError(/plan.groups\[1\].forecast/);
    expect(() => staffingPlan({ intervalMinutes: 30, shrinkage: 0.95, groups: [] })).toThrowError(/plan.shrinkage/);
  });

  it("checks every group's targets, even with an empty forecast, names the group's field, and refuses an id twice", () => {
    const group = { id: 'a', forecast: [10], ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20 };
    const cases: Array<[unknown[], RegExp]> = [
      [[{ ...group, forecast: [], ahtSeconds: 'abc' }], /plan\.groups\[0\]\.ahtSeconds must be a finite number/],
      [[{ ...group, forecast: [], targetServiceLevel: 5 }], /plan\.groups\[0\]\.targetServiceLevel/],
      [[group, { ...group, id: 'b', ahtSeconds: 0 }], /plan\.groups\[1\]\.ahtSeconds must be >= 1/],
      [[group, group], /plan\.groups\[1\]\.id repeats 'a'/],
    ];
    for (const [groups, message] of cases) expect(() => staffingPlan({ intervalMinutes: 30, groups } as never)).toThrowError(message);
  });
});

describe('schedule suggestion', () => {
  const shifts = [
    { id: 'early', startMinute: 0, endMinute: 240 },
    { id: 'late', startMinute: 120, endMinute: 360 },
  ];

  it('covers the need greedily, specialists first, and reports under and over coverage per interval', () => {
    const s = suggestSchedule({
      intervalMinutes: 60, shifts,
      need: { sales: [2, 2, 3, 3, 1, 1], tech: [0, 1, 1, 1, 1, 0] },
      agents: [
        { id: 'a1', groups: ['sales'] }, { id: 'a2', groups: ['sales'] }, { id: 'a3', groups: ['sales'], preferredShifts: ['late'] },
        { id: 't1', groups: ['tech'] }, { id: 'x1', groups: ['sales', 'tech'] }, { id: 'spare', groups: ['billing'] },
      ],
    });
    expect(s.unassigned).toEqual(['spare']);
    expect(s.assignments).toContainEqual({ agentId: 'a3', shiftId: 'late', preferred: true });
    const t = s.total;
    t.need.forEach((n, i) => expect((t.scheduled[i] as number) - n).toBe((t.over[i] as number) - (t.under[i] as number)));
    expect(t.under.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3);
    expect(s.groups.tech?.scheduled.slice(1, 5)).toEqual([1, 1, 1, 1]);
  });

  it('never gives an agent a shift it cannot work', () => {
    const s = suggestSchedule({ intervalMinutes: 60, shifts, need: { sales: [0, 0, 0, 0, 5, 5] }, agents: [{ id: 'a', groups: ['sales'], unavailableShifts: ['late'] }] });
    expect(s.assignments).toEqual([]);
    expect(s.total.under).toEqual([0, 0, 0, 0, 5, 5]);
  });

  it('refuses an agent or a shift id twice', () => {
    const need = { sales: [1, 1, 1, 1, 1, 1] };
    expect(() => suggestSchedule({ intervalMinutes: 60, shifts: [...shifts, shifts[0] as never], need, agents: [] })).toThrowError(/schedule\.shifts\[2\]\.id repeats 'early'/);
    expect(() => suggestSchedule({ intervalMinutes: 60, shifts, need, agents: [{ id: 'z', groups: ['sales'] }, { id: 'z', groups: ['sales'] }] })).toThrowError(/schedule\.agents\[1\]\.id repeats 'z'/);
  });

  it('refuses shifts off the interval grid', () => {
    expect(() => suggestSchedule({ intervalMinutes: 60, shifts: [{ id: 'odd', startMinute: 30, endMinute: 120 }], need: { sales: [1, 1, 1] }, agents: [] })).toThrowError(/schedule.shifts\[0\]/);
  });
});
