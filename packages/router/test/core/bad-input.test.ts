import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine, type DomainConfig, type RoutingEngine as Engine, type RoutingErrorCode } from '@switchboard/router';
import { SKILLS, accept, expectCode, expectRefusedUnchanged, harness, holder, ready, salesQueue, serve, snapshot } from './engine-fixture.js';

const q = (extra: object = {}) => ({ id: 'x', steps: [{ requirement: 'sales', afterSeconds: 0 }], ...extra });

/**
 * A domain with something in every state: ann rings with c1, c2 waits, c3 is a scheduled
 * callback, c0 has ended; bob is not ready, cat offline; 'help' is the overflow target of 'q'.
 */
function populated(): Engine {
  const h = harness({
    queues: [
      { id: 'help', steps: [{ requirement: 'support', afterSeconds: 0 }] },
      salesQueue('q', { overflowQueueId: 'help', wrapUpSeconds: 30 }),
    ],
    agents: [{ id: 'ann', skills: { sales: 3 } }, { id: 'bob', skills: { sales: 2 } }, { id: 'cat', skills: { support: 2 } }],
  });
  const e = h.engine;
  ready(e, 'ann');
  e.submit({ id: 'c0', queueId: 'q' });
  serve(e, 'c0');
  e.finishWrapUp('ann', 'c0');
  e.submit({ id: 'c1', queueId: 'q' });
  e.submit({ id: 'c2', queueId: 'q' });
  e.submit({ id: 'c3', queueId: 'q', callbackAt: 60_000 });
  e.login('bob');
  return e;
}

type Case = readonly [string, (e: Engine) => unknown, RoutingErrorCode];

const cases: Case[] = [
  // unknown ids
  ['login of an unknown agent', (e) => e.login('nobody'), 'AGENT_UNKNOWN'],
  ['skills of an unknown agent', (e) => e.setAgentSkills('nobody', { sales: 1 }), 'AGENT_UNKNOWN'],
  ['an unknown preferred agent', (e) => e.submit({ id: 'n1', queueId: 'q', preferredAgentIds: ['ann', 'nobody'] }), 'AGENT_UNKNOWN'],
  ['wrap-up of an unknown agent', (e) => e.finishWrapUp('nobody', 'c1'), 'AGENT_UNKNOWN'],
  ['a contact for an unknown queue', (e) => e.submit({ id: 'n1', queueId: 'nope' }), 'QUEUE_UNKNOWN'],
  ['a transfer to an unknown queue', (e) => e.transfer('c2', 'nope'), 'QUEUE_UNKNOWN'],
  ['removing an unknown queue', (e) => e.removeQueue('nope'), 'QUEUE_UNKNOWN'],
  ['an overflow to an unknown queue', (e) => e.upsertQueue(q({ overflowQueueId: 'nope' })), 'QUEUE_UNKNOWN'],
  ['abandoning an unknown contact', (e) => e.abandon('nope'), 'CONTACT_UNKNOWN'],
  ['completing an unknown contact', (e) => e.complete('nope'), 'CONTACT_UNKNOWN'],
  ['a callback for an unknown contact', (e) => e.requestCallback('nope'), 'CONTACT_UNKNOWN'],
  // skills and requirements
  ['an agent with an unknown skill', (e) => e.upsertAgent({ id: 'dan', skills: { cooking: 3 } }), 'SKILL_INVALID'],
  ['setting an unknown skill', (e) => e.setAgentSkills('ann', { cooking: 1 }), 'SKILL_INVALID'],
  ['a level above 5', (e) => e.setAgentSkills('ann', { sales: 6 }), 'SKILL_INVALID'],
  ['a fractional level', (e) => e.setAgentSkills('ann', { sales: 2.5 }), 'SKILL_INVALID'],
  ['a requirement naming an unknown skill', (e) => e.upsertQueue(q({ steps: [{ requirement: 'cooking>=2', afterSeconds: 0 }] })), 'SKILL_INVALID'],
  ['a weight for an unknown skill', (e) => e.upsertQueue(q({ skillWeights: { cooking: 1 } })), 'SKILL_INVALID'],
  ['a malformed requirement in a later step of an existing queue', (e) => e.upsertQueue({ id: 'q', steps: [{ requirement: 'sales', afterSeconds: 0 }, { requirement: 'sales>=', afterSeconds: 30 }] }), 'SKILL_INVALID'],
  ['a requirement JSON of the wrong shape', (e) => e.upsertQueue(q({ steps: [{ requirement: { skill: 'sales', op: '~', level: 2 }, afterSeconds: 0 }] })), 'SKILL_INVALID'],
  // capacity
  ...([0, -1, 1.5, '6', 1001, null] as const).map((capacity): Case => [
    `capacity ${JSON.stringify(capacity)}`, (e) => e.upsertAgent({ id: 'dan', skills: {}, capacity: capacity as number }), 'CAPACITY_INVALID',
  ]),
  ['shrinking capacity below what the agent holds', (e) => e.upsertAgent({ id: 'ann', skills: { sales: 3 }, capacity: 5 }), 'CAPACITY_INVALID'],
  // duplicates and ids
  ['a contact id in use', (e) => e.submit({ id: 'c2', queueId: 'q' }), 'CONTACT_DUPLICATE'],
  ['the id of an ended contact', (e) => e.submit({ id: 'c0', queueId: 'q' }), 'CONTACT_DUPLICATE'],
  ['a contact id with a space', (e) => e.submit({ id: 'has space', queueId: 'q' }), 'ID_INVALID'],
  ['an empty queue id', (e) => e.upsertQueue(q({ id: '' })), 'ID_INVALID'],
  ['an agent id of 129 characters', (e) => e.upsertAgent({ id: 'a'.repeat(129), skills: {} }), 'ID_INVALID'],
  // queue configuration shapes
  ['no steps', (e) => e.upsertQueue(q({ steps: [] })), 'CONFIG_INVALID'],
  ['a first step after 5 s', (e) => e.upsertQueue(q({ steps: [{ requirement: 'sales', afterSeconds: 5 }] })), 'CONFIG_INVALID'],
  ['steps out of order', (e) => e.upsertQueue(q({ steps: [{ requirement: 'sales', afterSeconds: 0 }, { requirement: '*', afterSeconds: 0 }] })), 'CONFIG_INVALID'],
  ['a requirement that is a number', (e) => e.upsertQueue(q({ steps: [{ requirement: 3, afterSeconds: 0 }] })), 'CONFIG_INVALID'],
  ['an unknown strategy', (e) => e.upsertQueue(q({ strategy: 'random' })), 'CONFIG_INVALID'],
  ['an unknown queue field', (e) => e.upsertQueue(q({ maxWait: 10 })), 'CONFIG_INVALID'],
  ['an unknown channel', (e) => e.upsertQueue(q({ channel: 'fax' })), 'CONFIG_INVALID'],
  ['overflow to itself', (e) => e.upsertQueue(q({ overflowQueueId: 'x' })), 'CONFIG_INVALID'],
  ['a service level above 100 %', (e) => e.upsertQueue(q({ serviceLevel: { percent: 120, thresholdSeconds: 20 } })), 'CONFIG_INVALID'],
  ['a ring timeout of 0', (e) => e.upsertQueue(q({ ringTimeoutSeconds: 0 })), 'CONFIG_INVALID'],
  ['a fractional max length', (e) => e.upsertQueue(q({ maxLength: 1.5 })), 'CONFIG_INVALID'],
  ['a negative weight', (e) => e.upsertQueue(q({ skillWeights: { sales: -1 } })), 'CONFIG_INVALID'],
  ['a priority without maxBoostSeconds', (e) => e.upsertQueue(q({ priority: { tierBoostSeconds: { gold: 10 } } })), 'CONFIG_INVALID'],
  // agent and contact input shapes
  ['an agent that is not an object', (e) => e.upsertAgent(null as never), 'INPUT_INVALID'],
  ['an agent weight of 0', (e) => e.upsertAgent({ id: 'dan', skills: {}, weight: 0 }), 'INPUT_INVALID'],
  ['an absence that ends before it starts', (e) => e.upsertAgent({ id: 'dan', skills: {}, absences: [{ from: 10, to: 5 }] }), 'INPUT_INVALID'],
  ['a per-channel limit for an unknown channel', (e) => e.upsertAgent({ id: 'dan', skills: {}, maxPerChannel: { fax: 1 } }), 'INPUT_INVALID'],
  ['an empty not-ready reason', (e) => e.notReady('bob', ''), 'INPUT_INVALID'],
  ['a contact that is not an object', (e) => e.submit('c9' as never), 'INPUT_INVALID'],
  ['an unknown contact field', (e) => e.submit({ id: 'n1', queueId: 'q', priority: 3 } as never), 'INPUT_INVALID'],
  ['a negative value score', (e) => e.submit({ id: 'n1', queueId: 'q', valueScore: -1 }), 'INPUT_INVALID'],
  ['a churn risk that is not a boolean', (e) => e.submit({ id: 'n1', queueId: 'q', churnRisk: 'yes' as never }), 'INPUT_INVALID'],
  ['nested contact data', (e) => e.submit({ id: 'n1', queueId: 'q', data: { a: { b: 1 } } as never }), 'INPUT_INVALID'],
  ['a preferred agent named twice', (e) => e.submit({ id: 'n1', queueId: 'q', preferredAgentIds: ['ann', 'ann'] }), 'INPUT_INVALID'],
  ['an unreadable callback time', (e) => e.submit({ id: 'n1', queueId: 'q', callbackAt: 'tomorrow' }), 'INPUT_INVALID'],
  ['a negative boost', (e) => e.submit({ id: 'n1', queueId: 'q', boostSeconds: -5 }), 'INPUT_INVALID'],
  // removal guards
  ['removing a queue that holds contacts', (e) => e.removeQueue('q'), 'QUEUE_NOT_EMPTY'],
  ['removing an overflow target', (e) => e.removeQueue('help'), 'QUEUE_IN_USE'],
];

describe('bad input is refused with a code and changes nothing', () => {
  it.each(cases)('%s', (_, op, code) => {
    const e = populated();
    expectRefusedUnchanged(e, () => op(e), code);
    // and the engine still works: bob takes the waiting contact
    e.ready('bob');
    expect(holder(e, 'c2')).toBe('bob');
  });

  it('shows where a requirement expression is malformed', () => {
    const e = populated();
    const err = expectRefusedUnchanged(e, () => e.upsertQueue(q({ steps: [{ requirement: 'sales>=3 & | x', afterSeconds: 0 }] })), 'SKILL_INVALID');
    expect(err.status).toBe(400);
    expect(err.message).toContain("expected a skill name, found '|' at 11");
    expect(err.message).toContain('sales>=3 & | x\n             ^');
    expect(err.cause).toMatchObject({ code: 'REQUIREMENT_SYNTAX', position: 11 });
  });

  it('refuses queries about unknown things', () => {
    const e = populated();
    expectCode(() => e.agent('nobody'), 'AGENT_UNKNOWN');
    expectCode(() => e.agentStats('nobody'), 'AGENT_UNKNOWN');
    expectCode(() => e.queueStats('nope'), 'QUEUE_UNKNOWN');
    expectCode(() => e.contact('nope'), 'CONTACT_UNKNOWN');
    expectCode(() => e.explain('nope'), 'CONTACT_UNKNOWN');
  });

  it('leaves the engine as it was after every refusal in a row, and the pending offer still answers', () => {
    const e = populated();
    const before = snapshot(e);
    for (const [label, op, code] of cases) expect(expectCode(() => op(e), code).code, label).toBe(code);
    expect(snapshot(e)).toEqual(before);
    accept(e, 'c1');
    expect(e.contact('c1').state).toBe('active');
  });
});

const base: DomainConfig = { skills: SKILLS };
const create = (config: unknown) => () => RoutingEngine.create(config as DomainConfig, { clock: new ManualClock(0) });

describe('RoutingEngine.create refuses a bad domain', () => {
  it.each<readonly [string, unknown, RoutingErrorCode]>([
    ['a domain that is not an object', null, 'CONFIG_INVALID'],
    ['queues that are not a list', { ...base, queues: {} }, 'CONFIG_INVALID'],
    ['a queue that is not an object', { ...base, queues: [null] }, 'CONFIG_INVALID'],
    ['two agents with one id', { ...base, agents: [{ id: 'a', skills: {} }, { id: 'a', skills: { sales: 1 } }] }, 'AGENT_DUPLICATE'],
    ['a skill defined twice', { skills: [{ id: 'sales' }, { id: 'sales' }] }, 'SKILL_INVALID'],
    ['a malformed skill id', { skills: [{ id: '1sales' }] }, 'SKILL_INVALID'],
    ['an overflow to an unknown queue', { ...base, queues: [q({ overflowQueueId: 'nope' })] }, 'QUEUE_UNKNOWN'],
    ['an empty channel table', { ...base, channels: {} }, 'CONFIG_INVALID'],
    ['a channel cost of 0', { ...base, channels: { voice: { cost: 0 } } }, 'CONFIG_INVALID'],
    ['a fractional channel cost', { ...base, channels: { voice: { cost: 1.5 } } }, 'CONFIG_INVALID'],
    ['an agent capacity of 0', { ...base, agents: [{ id: 'a', skills: {}, capacity: 0 }] }, 'CAPACITY_INVALID'],
    ['an agent with an unknown skill', { ...base, agents: [{ id: 'a', skills: { cooking: 1 } }] }, 'SKILL_INVALID'],
  ])('%s', (_, config, code) => {
    expectCode(create(config), code);
  });

  it('accepts an overflow to a queue defined later in the list', () => {
    const e = create({ ...base, queues: [q({ overflowQueueId: 'y' }), q({ id: 'y' })] })();
    expect(e.queueIds()).toEqual(['x', 'y']);
  });

  // Regression (fixed): RoutingEngine.create checks for duplicate queue ids in a loop that runs before
  // any queue is added (`d.queues` is still empty), so the check never fires; the second
  // definition silently replaces the first. (The agent check is inside the adding loop and works.)
  it('refuses two queues with one id with QUEUE_DUPLICATE', () => {
    expectCode(create({ ...base, queues: [q({ strategy: 'round-robin' }), q({ strategy: 'most-skilled' })] }), 'QUEUE_DUPLICATE');
  });

  // Regression (fixed): RoutingEngine.create passes `config.skills` to SkillCatalogue.create and
  // iterates `config.agents` without checking that they are lists, so a JSON domain file with
  // `"skills": {}` or `"agents": {}` crashes with a TypeError ("defs.map is not a function",
  // "object is not iterable") instead of CONFIG_INVALID (400). `queues` is checked.
  it.each<readonly [string, unknown]>([
    ['skills that are not a list', { skills: { sales: {} } }],
    ['agents that are not a list', { ...base, agents: { a: { skills: {} } } }],
  ])('refuses %s with CONFIG_INVALID', (_, config) => {
    expectCode(create(config), 'CONFIG_INVALID');
  });
});
