import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentPool } from '../../src/core/agent-pool.js';
import { HeapPool } from '../../src/core/agent-pool.js';
import { AgentTable } from '../../src/core/agent-table.js';
import { FifoPool } from '../../src/core/fifo-pool.js';

/** Both pool kinds against a model: a plain list whose best valid entry is found by scanning. */

interface Member {
  readonly seq: number;
}

interface ModelEntry {
  readonly agent: number;
  readonly epoch: number;
  readonly k1: number;
  readonly k2: number;
}

type Op =
  | { kind: 'push'; agent: number; older: boolean }
  | { kind: 'bump'; agent: number }
  | { kind: 'take' }
  | { kind: 'skip'; agent: number };

const AGENTS = 12;
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), agent: fc.nat(AGENTS - 1), older: fc.nat(4).map((n) => n === 0) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('bump' as const), agent: fc.nat(AGENTS - 1) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'take' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('skip' as const), agent: fc.nat(AGENTS - 1) }) },
);

const before = (a: ModelEntry, b: ModelEntry) => a.k1 < b.k1 || (a.k1 === b.k1 && a.k2 < b.k2);

type PoolKind = new (t: AgentTable<Member>) => AgentPool<Member>;

function run(kind: PoolKind, ops: readonly Op[], members: number): void {
  const table = new AgentTable<Member>();
  const agents: Member[] = Array.from({ length: AGENTS }, (_, seq) => ({ seq }));
  for (const a of agents) table.add(a);
  const pool = new kind(table);
  const model: ModelEntry[] = [];
  const epoch = (i: number) => table.epoch[i] as number;
  const valid = (e: ModelEntry) => epoch(e.agent) === e.epoch;
  const best = (ok: (e: ModelEntry) => boolean) => {
    let b: ModelEntry | undefined;
    for (const e of model) if (valid(e) && ok(e) && (b === undefined || before(e, b))) b = e;
    return b;
  };
  pool.setMemberCount(members);
  let clock = 1000;
  let seq = 0;
  const lastK1 = new Map<number, number>();
  for (const o of ops) {
    if (o.kind === 'push') {
      // As repool does: bump the epoch (one valid entry per agent and pool), set the idle keys.
      // An agent's keys never go back (available-since follows engine time); `older` re-files
      // it with the time it already had, behind agents filed since (a configuration change).
      table.bump(o.agent);
      const had = lastK1.get(o.agent);
      const k1 = o.older && had !== undefined ? had : clock++;
      lastK1.set(o.agent, k1);
      const e = { agent: o.agent, epoch: epoch(o.agent), k1, k2: seq++ };
      table.idleK1[o.agent] = e.k1;
      table.idleK2[o.agent] = e.k2;
      model.push(e);
      pool.push(agents[o.agent] as Member, e.k1, e.k2);
    } else if (o.kind === 'bump') {
      table.bump(o.agent);
    } else if (o.kind === 'take') {
      const want = best(() => true);
      const got = pool.peek();
      expect(got === undefined ? undefined : agents.indexOf(got)).toBe(want?.agent);
      if (want !== undefined) {
        expect([pool.headK1(), pool.headK2()]).toEqual([want.k1, want.k2]);
        pool.shift();
        model.splice(model.indexOf(want), 1);
      }
    } else {
      const want = best((e) => e.agent !== o.agent);
      const hit = pool.firstWhere((a) => a !== agents[o.agent]);
      expect(hit === undefined ? undefined : [agents.indexOf(hit.agent), hit.k1, hit.k2]).toEqual(want === undefined ? undefined : [want.agent, want.k1, want.k2]);
    }
    const live = model.filter(valid).length;
    expect(pool.length).toBeGreaterThanOrEqual(live);
    expect(pool.length).toBeLessThanOrEqual(2 * members + 65 + AGENTS);
  }
}

describe('agent pools against a model', () => {
  it('FifoPool: peek/shift/firstWhere give the best valid entry, through growth, wrap-around and compaction', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 6 }), (ops, members) => run(FifoPool, ops, members)));
  });

  it('HeapPool: the same contract', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 6 }), (ops, members) => run(HeapPool, ops, members)));
  });

  it('FifoPool stays bounded by its member count however many stale entries pile up', () => {
    const table = new AgentTable<Member>();
    const a: Member = { seq: 0 };
    table.add(a);
    const pool = new FifoPool<Member>(table);
    pool.setMemberCount(1);
    for (let i = 0; i < 10_000; i++) {
      table.bump(0);
      table.idleK1[0] = i;
      table.idleK2[0] = i;
      pool.push(a, i, i);
    }
    expect(pool.length).toBeLessThanOrEqual(2 * 1 + 65);
    expect(pool.peek()).toBe(a);
    expect(pool.headK1()).toBe(9_999);
  });
});
