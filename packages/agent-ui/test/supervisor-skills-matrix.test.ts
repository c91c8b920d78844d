import { describe, expect, it } from 'vitest';
import { changeList, discard, isChanged, levelAt, matrixOf, rebase, setLevel, setLevels } from '../src/supervisor/skills-matrix.js';
import { PoolPreview, describePoolChange, poolChanges } from '../src/supervisor/pool-preview.js';

const agents = [
  { id: 'a1', skills: { sales: 4, support: 5 } },
  { id: 'a2', skills: { sales: 2 } },
  { id: 'a3', skills: {} },
];

describe('skills matrix', () => {
  it('shows the service levels until a cell is edited', () => {
    const m = setLevel(matrixOf(agents), 'a1', 'vip', 5);
    expect(levelAt(m, 'a1', 'vip')).toBe(5);
    expect(levelAt(m, 'a1', 'sales')).toBe(4);
    expect(levelAt(m, 'a3', 'sales')).toBe(0);
    expect(isChanged(m, 'a1', 'vip')).toBe(true);
    expect(isChanged(m, 'a1', 'sales')).toBe(false);
  });

  it('lists one change per agent with all its levels after, 0 removing a skill', () => {
    let m = setLevel(matrixOf(agents), 'a1', 'vip', 5);
    m = setLevel(m, 'a1', 'support', 0);
    m = setLevel(m, 'a2', 'sales', 3);
    expect(changeList(m)).toEqual([
      { agentId: 'a1', before: { sales: 4, support: 5 }, after: { sales: 4, vip: 5 }, cells: [{ skill: 'support', from: 5, to: 0 }, { skill: 'vip', from: 0, to: 5 }] },
      { agentId: 'a2', before: { sales: 2 }, after: { sales: 3 }, cells: [{ skill: 'sales', from: 2, to: 3 }] },
    ]);
  });

  it('forgets a cell set back to the service value', () => {
    const m = setLevel(setLevel(matrixOf(agents), 'a1', 'sales', 1), 'a1', 'sales', 4);
    expect(changeList(m)).toEqual([]);
    expect(m.edits.size).toBe(0);
  });

  it('sets a column or a selection to a level in one go, leaving agents already there unchanged', () => {
    const m = setLevels(matrixOf(agents), ['a1', 'a2', 'a3', 'unknown'], 'sales', 4);
    expect(changeList(m).map((c) => [c.agentId, c.cells])).toEqual([
      ['a2', [{ skill: 'sales', from: 2, to: 4 }]],
      ['a3', [{ skill: 'sales', from: 0, to: 4 }]],
    ]);
  });

  it('refuses levels outside 0–5', () => {
    expect(() => setLevel(matrixOf(agents), 'a1', 'sales', 6)).toThrow(RangeError);
    expect(() => setLevel(matrixOf(agents), 'a1', 'sales', 2.5)).toThrow(RangeError);
  });

  it('discards the staged cells of some agents or all', () => {
    const m = setLevels(matrixOf(agents), ['a2', 'a3'], 'vip', 1);
    expect(changeList(discard(m, ['a2'])).map((c) => c.agentId)).toEqual(['a3']);
    expect(changeList(discard(m))).toEqual([]);
  });

  it('after applying, keeps only the staged cells the service does not have yet', () => {
    const m = setLevel(setLevel(matrixOf(agents), 'a1', 'vip', 5), 'a2', 'vip', 2);
    const next = rebase(m, [{ id: 'a1', skills: { sales: 4, support: 5, vip: 5 } }]);
    expect(changeList(next).map((c) => c.agentId)).toEqual(['a2']);
    expect(levelAt(next, 'a1', 'vip')).toBe(5);
  });
});

describe('pool preview', () => {
  const skills = ['sales', 'support', 'vip', 'lang.ru'].map((id) => ({ id }));
  const queues = [
    { id: 'sales', steps: [{ requirement: 'sales>=3 & lang.ru', afterSeconds: 0 }, { requirement: 'sales>=2', afterSeconds: 20 }] },
    { id: 'vip', steps: [{ requirement: 'vip & (sales>=4 | support>=4)', afterSeconds: 0 }, { requirement: { any: [{ skill: 'sales', op: '>=', level: 4 }, { skill: 'support', op: '>=', level: 4 }] }, afterSeconds: 40 }] },
    { id: 'paused', paused: true, steps: [{ requirement: 'sales', afterSeconds: 0 }] },
  ];
  const preview = new PoolPreview(skills, queues);

  it('places an agent at the first step it meets in each queue, as the router does', () => {
    expect(preview.places({ sales: 4, support: 5 })).toEqual([{ queueId: 'sales', step: 1 }, { queueId: 'vip', step: 1 }]);
    expect(preview.places({ sales: 4, support: 5, vip: 5, 'lang.ru': 5 })).toEqual([{ queueId: 'sales', step: 0 }, { queueId: 'vip', step: 0 }]);
    expect(preview.places({ 'center.moscow': 1 })).toEqual([]); // a skill outside the catalogue counts for nothing
  });

  it('says which pools an edit makes the agent join, leave or reach sooner', () => {
    const before = preview.places({ sales: 4, support: 5 });
    const after = preview.places({ sales: 1, support: 5, vip: 5 });
    const changes = poolChanges(before, after);
    expect(changes).toEqual([{ queueId: 'sales', from: 1, to: -1 }, { queueId: 'vip', from: 1, to: 0 }]);
    expect(changes.map(describePoolChange)).toEqual(['leaves sales', 'vip: step 1 → step 0 (sooner)']);
    expect(describePoolChange({ queueId: 'x', from: -1, to: 2 })).toBe('joins x at step 2');
    expect(poolChanges(before, before)).toEqual([]);
  });

  it('refuses queue steps that name a skill outside the catalogue', () => {
    expect(() => new PoolPreview(skills, [{ id: 'q', steps: [{ requirement: 'cooking', afterSeconds: 0 }] }])).toThrow(/catalogue/);
  });
});
