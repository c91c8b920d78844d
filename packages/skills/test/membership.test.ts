import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MembershipIndex,
  compileRequirement,
  formatRequirement,
  minimalStep,
  toLevelVector,
  type LevelVector,
  type MembershipChange,
  type Requirement,
  type RequirementInput,
  type SkillsError,
} from '../src/index.js';
import { catalogue, catalogueRequirement, levelVector, naiveMatches, thrown } from './arbitraries.js';

const v = (levels: Record<string, number>): Uint8Array => toLevelVector(catalogue, levels);

/** The simplified model: queue steps and agent levels, nothing derived. */
interface Model {
  readonly queues: Map<string, Requirement[]>;
  readonly agents: Map<string, LevelVector>;
}

type Steps = Map<string, number>; // `${agentId} ${queueId}` -> minimal step, members only

/** Membership recomputed from scratch with the naive interpreter. */
function recompute(model: Model): Steps {
  const steps: Steps = new Map();
  for (const [agentId, levels] of model.agents) {
    for (const [queueId, reqs] of model.queues) {
      const step = reqs.findIndex((req) => naiveMatches(req, levels));
      if (step >= 0) steps.set(`${agentId} ${queueId}`, step);
    }
  }
  return steps;
}

function diff(before: Steps, after: Steps): MembershipChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return sortChanges(
    keys.flatMap((key) => {
      const [agentId = '', queueId = ''] = key.split(' ');
      const from = before.get(key) ?? -1;
      const to = after.get(key) ?? -1;
      return from === to ? [] : [{ agentId, queueId, from, to }];
    }),
  );
}

function sortChanges(changes: readonly MembershipChange[]): MembershipChange[] {
  return [...changes].sort((a, b) => `${a.agentId} ${a.queueId}`.localeCompare(`${b.agentId} ${b.queueId}`));
}

const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const QUEUES = ['q1', 'q2', 'q3'];

/** Every read of the index agrees with the recomputation. */
function expectConsistent(model: Model, index: MembershipIndex): void {
  const expected = recompute(model);
  for (const agentId of AGENTS) {
    const mine = QUEUES.flatMap((q) => (expected.has(`${agentId} ${q}`) ? [[q, expected.get(`${agentId} ${q}`)]] : []));
    expect([...index.memberships(agentId)].sort()).toEqual(mine);
    for (const queueId of QUEUES) expect(index.stepOf(agentId, queueId)).toBe(expected.get(`${agentId} ${queueId}`) ?? -1);
  }
  for (const queueId of QUEUES) {
    const theirs = AGENTS.flatMap((a) => (expected.has(`${a} ${queueId}`) ? [[a, expected.get(`${a} ${queueId}`)]] : []));
    expect([...index.members(queueId)].sort()).toEqual(theirs);
    expect(index.queueSteps(queueId)?.length).toBe(model.queues.get(queueId)?.length);
  }
}

/** Runs `write` on the index and `update` on the model; the returned changes must be the diff. */
function expectChanges(model: Model, index: MembershipIndex, write: () => MembershipChange[], update: () => void): void {
  const before = recompute(model);
  const changes = write();
  update();
  expect(sortChanges(changes)).toEqual(diff(before, recompute(model)));
  expectConsistent(model, index);
}

type Cmd = fc.Command<Model, MembershipIndex>;

class SetQueue implements Cmd {
  constructor(readonly queueId: string, readonly steps: Requirement[], readonly asText: boolean[]) {}
  check = (): boolean => true;
  run(model: Model, index: MembershipIndex): void {
    const inputs: RequirementInput[] = this.steps.map((req, i) => (this.asText[i] ? formatRequirement(req) : req));
    expectChanges(model, index, () => index.setQueue(this.queueId, inputs), () => model.queues.set(this.queueId, this.steps));
  }
  toString = (): string => `setQueue(${this.queueId}, ${JSON.stringify(this.steps.map((s) => formatRequirement(s)))})`;
}

class SetBadQueue implements Cmd {
  constructor(readonly queueId: string, readonly steps: RequirementInput[]) {}
  check = (): boolean => true;
  run(model: Model, index: MembershipIndex): void {
    expect(['SKILL_UNKNOWN', 'REQUIREMENT_SYNTAX']).toContain((thrown(() => index.setQueue(this.queueId, this.steps)) as SkillsError).code);
    expectConsistent(model, index);
  }
  toString = (): string => `setQueue(${this.queueId}, ${JSON.stringify(this.steps)}) throws`;
}

class RemoveQueue implements Cmd {
  constructor(readonly queueId: string) {}
  check = (): boolean => true;
  run(model: Model, index: MembershipIndex): void {
    expectChanges(model, index, () => index.removeQueue(this.queueId), () => model.queues.delete(this.queueId));
  }
  toString = (): string => `removeQueue(${this.queueId})`;
}

class SetAgent implements Cmd {
  constructor(readonly agentId: string, readonly levels: LevelVector) {}
  check = (): boolean => true;
  run(model: Model, index: MembershipIndex): void {
    const input = this.levels.slice();
    expectChanges(model, index, () => index.setAgent(this.agentId, input), () => model.agents.set(this.agentId, this.levels));
    input.fill(5); // the index must have copied it
    expectConsistent(model, index);
  }
  toString = (): string => `setAgent(${this.agentId}, [${[...this.levels].join(',')}])`;
}

class RemoveAgent implements Cmd {
  constructor(readonly agentId: string) {}
  check = (): boolean => true;
  run(model: Model, index: MembershipIndex): void {
    expectChanges(model, index, () => index.removeAgent(this.agentId), () => model.agents.delete(this.agentId));
  }
  toString = (): string => `removeAgent(${this.agentId})`;
}

const queueId = fc.constantFrom(...QUEUES);
const agentId = fc.constantFrom(...AGENTS);
const steps = fc.array(catalogueRequirement, { maxLength: 4 });
const badStep = fc.constantFrom<RequirementInput>({ skill: 'vip' }, 'sales & billing', 'sales &');

const commands = fc.commands<Model, MembershipIndex>(
  [
    fc.tuple(queueId, steps, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })).map(([q, s, t]) => new SetQueue(q, s, t)),
    fc.tuple(queueId, steps, badStep, fc.nat()).map(([q, s, bad, at]) => {
      const inputs: RequirementInput[] = [...s];
      inputs.splice(at % (s.length + 1), 0, bad);
      return new SetBadQueue(q, inputs);
    }),
    queueId.map((q) => new RemoveQueue(q)),
    fc.tuple(agentId, levelVector).map(([a, l]) => new SetAgent(a, l)),
    agentId.map((a) => new RemoveAgent(a)),
  ],
  { maxCommands: 40 },
);

describe('minimalStep', () => {
  const steps = ['sales>=4', 'sales>=2', 'sales | support>=3'].map((s) => compileRequirement(catalogue, s));

  it('is the first step the agent meets, or -1', () => {
    expect(minimalStep(steps, v({ sales: 5 }))).toBe(0);
    expect(minimalStep(steps, v({ sales: 3 }))).toBe(1);
    expect(minimalStep(steps, v({ support: 3 }))).toBe(2);
    expect(minimalStep(steps, v({ support: 2 }))).toBe(-1);
    expect(minimalStep([], v({ sales: 5 }))).toBe(-1);
  });
});

describe('MembershipIndex', () => {
  it('follows the bullseye example', () => {
    const index = new MembershipIndex(catalogue);
    expect(index.setAgent('a1', v({ sales: 3 }))).toEqual([]);
    expect(index.setQueue('sales', ['sales>=4', 'sales>=2', 'sales | support>=3'])).toEqual([
      { agentId: 'a1', queueId: 'sales', from: -1, to: 1 },
    ]);
    expect(index.setAgent('a1', v({ sales: 4 }))).toEqual([{ agentId: 'a1', queueId: 'sales', from: 1, to: 0 }]);
    expect(index.setAgent('a1', v({ sales: 5 }))).toEqual([]);
    expect(index.setQueue('support', [{ skill: 'support' }, '*'])).toEqual([
      { agentId: 'a1', queueId: 'support', from: -1, to: 1 },
    ]);
    expect(index.memberships('a1')).toEqual(new Map([['sales', 0], ['support', 1]]));
    expect(index.removeAgent('a1')).toEqual([
      { agentId: 'a1', queueId: 'sales', from: 0, to: -1 },
      { agentId: 'a1', queueId: 'support', from: 1, to: -1 },
    ]);
    expect(index.removeAgent('a1')).toEqual([]);
    expect(index.removeQueue('nope')).toEqual([]);
    expect(index.queueSteps('sales')?.map((s) => formatRequirement(s.requirement))).toEqual(['sales>=4', 'sales>=2', 'sales | support>=3']);
  });

  it('leaves everything as it was when a queue does not compile', () => {
    const index = new MembershipIndex(catalogue);
    index.setAgent('a1', v({ sales: 3 }));
    index.setQueue('q', ['sales']);
    expect((thrown(() => index.setQueue('q', ['support', 'vip'])) as SkillsError).code).toBe('SKILL_UNKNOWN');
    expect(index.stepOf('a1', 'q')).toBe(0);
    expect(index.queueSteps('q')).toHaveLength(1);
  });

  it('hands out snapshots', () => {
    const index = new MembershipIndex(catalogue);
    index.setQueue('q', ['*']);
    index.setAgent('a1', v({}));
    const members = index.members('q') as Map<string, number>;
    members.clear();
    expect(index.members('q').size).toBe(1);
  });

  it('always equals a from-scratch recomputation, and reports exactly the differences', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        fc.modelRun(() => ({ model: { queues: new Map(), agents: new Map() }, real: new MembershipIndex(catalogue) }), cmds);
      }),
      { numRuns: 200 },
    );
  });
});
