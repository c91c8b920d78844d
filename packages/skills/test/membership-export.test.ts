import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MembershipIndex, toLevelVector, type LevelVector, type MembershipIndexData, type Requirement, type SkillsError } from '../src/index.js';
import { catalogue, catalogueRequirement, levelVector, thrown } from './arbitraries.js';

type Write =
  | { readonly op: 'setQueue'; readonly id: string; readonly steps: Requirement[] }
  | { readonly op: 'removeQueue'; readonly id: string }
  | { readonly op: 'setAgent'; readonly id: string; readonly levels: LevelVector }
  | { readonly op: 'removeAgent'; readonly id: string };

const queueId = fc.constantFrom('q1', 'q2', 'q3');
const agentId = fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5');
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ op: fc.constant('setQueue' as const), id: queueId, steps: fc.array(catalogueRequirement, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('removeQueue' as const), id: queueId }),
  fc.record({ op: fc.constant('setAgent' as const), id: agentId, levels: levelVector }),
  fc.record({ op: fc.constant('setAgent' as const), id: agentId, levels: levelVector }),
  fc.record({ op: fc.constant('removeAgent' as const), id: agentId }),
);

function apply(index: MembershipIndex, w: Write): unknown {
  switch (w.op) {
    case 'setQueue': return index.setQueue(w.id, w.steps);
    case 'removeQueue': return index.removeQueue(w.id);
    case 'setAgent': return index.setAgent(w.id, w.levels);
    case 'removeAgent': return index.removeAgent(w.id);
  }
}

/** Everything an index answers, in its iteration order. */
function reads(index: MembershipIndex): unknown {
  const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
  return ['q1', 'q2', 'q3'].map((q) => [[...index.members(q)], index.queueSteps(q)?.map((s) => s.requirement), ids.map((a) => [[...index.memberships(a)], index.stepOf(a, q)])]);
}

function built(): MembershipIndex {
  const index = new MembershipIndex(catalogue);
  index.setQueue('sales', ['sales>=4', 'sales>=2']);
  index.setQueue('support', ['support | lang.ru']);
  index.setAgent('a1', toLevelVector(catalogue, { sales: 3 }));
  index.setAgent('a2', toLevelVector(catalogue, { sales: 5, support: 1 }));
  return index;
}

const code = (fn: () => unknown) => (thrown(fn) as SkillsError).code;
const withData = (patch: (d: { -readonly [K in keyof MembershipIndexData]: unknown[] }) => void) => {
  const d = JSON.parse(JSON.stringify(built().export())) as { -readonly [K in keyof MembershipIndexData]: unknown[] };
  patch(d);
  return () => MembershipIndex.import(catalogue, d);
};

describe('MembershipIndex export / import', () => {
  it('exports plain data in iteration order', () => {
    const data = built().export();
    expect(data).toEqual({
      queues: [['sales', [{ skill: 'sales', op: '>=', level: 4 }, { skill: 'sales', op: '>=', level: 2 }]], ['support', [{ any: [{ skill: 'support' }, { skill: 'lang.ru' }] }]]],
      agents: [['a1', [3, 0, 0, 0, 0, 0]], ['a2', [5, 1, 0, 0, 0, 0]]],
      memberOf: [['a1', ['sales']], ['a2', ['sales', 'support']]],
      members: [['sales'], ['support']], // in the order of `agents`
    });
    // A member list out of the agents' order is written out.
    const reordered = built();
    reordered.setQueue('sales', ['sales>=5']);
    reordered.setQueue('sales', ['sales>=2']);
    expect(reordered.export().members).toEqual([['sales', ['a2', 'a1']], ['support']]);
    expect(MembershipIndex.import(catalogue, reordered.export()).members('sales')).toEqual(new Map([['a2', 0], ['a1', 0]]));
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(MembershipIndex.import(catalogue, data).catalogue).toBe(catalogue);
  });

  it('an import answers, changes and exports exactly like the original, before and after more writes', () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 25 }), fc.array(write, { maxLength: 15 }), (before, after) => {
        const original = new MembershipIndex(catalogue);
        for (const w of before) apply(original, w);
        const data = JSON.parse(JSON.stringify(original.export())) as unknown;
        const copy = MembershipIndex.import(catalogue, data);
        expect(copy.export()).toEqual(original.export());
        expect(reads(copy)).toEqual(reads(original));
        for (const w of after) expect(apply(copy, w)).toEqual(apply(original, w));
        expect(copy.export()).toEqual(original.export());
        expect(reads(copy)).toEqual(reads(original));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses data that is not a consistent index', () => {
    expect(code(() => MembershipIndex.import(catalogue, null))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(() => MembershipIndex.import(catalogue, { queues: [], agents: [], memberOf: [] }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => d.agents.push(['a1', [1]])))).toBe('MEMBERSHIP_DATA_INVALID'); // listed twice
    expect(code(withData((d) => d.queues.push(['sales', []])))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.agents[0] = ['a1', [3.5]]; }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.memberOf[0] = ['a1', ['sales', 'support']]; }))).toBe('MEMBERSHIP_DATA_INVALID'); // no member of support
    expect(code(withData((d) => { d.memberOf[0] = ['a1', ['sales', 'sales']]; }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.memberOf[0] = ['ghost', ['sales']]; }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.members[0] = ['sales', ['a2']]; }))).toBe('MEMBERSHIP_DATA_INVALID'); // a1 on one side only
    expect(code(withData((d) => { d.members[0] = ['sales', ['a2', 'a1', 'a2']]; }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.members.push(['ghost']); }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.members.pop(); }))).toBe('MEMBERSHIP_DATA_INVALID'); // support's members left out
    expect(code(withData((d) => { d.members[1] = ['support', 'a2']; }))).toBe('MEMBERSHIP_DATA_INVALID');
    expect(code(withData((d) => { d.queues[0] = ['sales', [{ skill: 'vip' }]]; }))).toBe('SKILL_UNKNOWN');
    expect(code(withData((d) => { d.queues[0] = ['sales', [{ skill: 'sales', level: 9 }]]; }))).toBe('REQUIREMENT_INVALID');
  });
});
