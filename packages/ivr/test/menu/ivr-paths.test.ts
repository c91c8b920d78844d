import fc from 'fast-check';
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileIvr, DEMO_IVR, HUNG_UP, startIvr, stepIvr, type IvrContext, type IvrEvent, type IvrInput, type IvrSession } from '@switchboard/ivr';
import { edgeOf, edgesOf, eventsAt, landings } from './ivr-edges.js';

const ivr = compileIvr(DEMO_IVR);
const OPEN = Date.parse('2026-11-23T07:00:00Z');
const CLOSED = Date.parse('2026-11-23T00:30:00Z');

const EVENTS: IvrEvent[] = [
  ...'0123456789#'.split('').map((d) => ({ type: 'ivr.digits' as const, digits: d, at: OPEN })),
  { type: 'ivr.digits', digits: '555777#', at: OPEN },
  { type: 'ivr.speech', text: 'ticket', at: OPEN },
  { type: 'ivr.timeout', at: OPEN },
  { type: 'ivr.lookup', value: 'yes', at: OPEN },
  { type: 'ivr.lookup', value: 'no', at: OPEN },
  { type: 'ivr.hangup', at: OPEN },
];

describe('every path of the demo IVR (xstate/graph)', () => {
  it('reaches every node from the start, in and out of hours, and every exit is final', () => {
    const visited = new Set<string>();
    for (const now of [OPEN, CLOSED]) {
      const paths = getShortestPaths(ivr.machine, { input: { now }, events: EVENTS.map((e) => ({ ...e, at: now })) });
      for (const p of paths) visited.add(String(p.state.value));
      for (const p of paths.filter((x) => x.state.status === 'done')) {
        const node = String(p.state.value);
        expect(node === HUNG_UP || ['route', 'callback', 'end', 'transfer'].includes(DEMO_IVR.nodes[node]?.type ?? ''), node).toBe(true);
      }
    }
    const waiting = Object.entries(DEMO_IVR.nodes).filter(([, n]) => n.type !== 'hours').map(([id]) => id);
    expect([...visited].sort()).toEqual([...waiting, HUNG_UP].sort());
  });
});

/** Snapshots as far as the menu is concerned: the node, retries, language and what was collected (not the prompt log). */
const serializeState = (s: { value: unknown; context: IvrContext }) => JSON.stringify([s.value, s.context.retries, s.context.language, s.context.vars]);

/** The session input of a machine event (the session API's vocabulary). */
function inputOf(e: IvrEvent): IvrInput {
  switch (e.type) {
    case 'ivr.digits': return { type: 'digits', digits: e.digits };
    case 'ivr.speech': return { type: 'speech', text: e.text };
    case 'ivr.lookup': return { type: 'lookup', value: e.value };
    default: return { type: e.type === 'ivr.timeout' ? 'timeout' : 'hangup' };
  }
}

describe('every edge of the demo IVR (xstate/graph)', () => {
  it('takes every transition — each key, each spoken keyword, each retry and onFail after invalid input and silence, each lookup branch, both hours branches, hang-up anywhere — to where the definition says, and the session API agrees', () => {
    const covered = new Map<string, { path: IvrEvent[]; event: IvrEvent; node: string; at: number }>();
    for (const at of [OPEN, CLOSED]) {
      const options = { input: { now: at }, serializeState, events: (s: { value: unknown }) => eventsAt(DEMO_IVR, String(s.value), at) };
      const start = String(initialTransition(ivr.machine, { now: at })[0].value);
      covered.set(`hours ${landings(DEMO_IVR, (DEMO_IVR.nodes.hours as { open: string }).open).includes(start) ? 'open' : 'closed'}`, { path: [], event: { type: 'ivr.timeout', at }, node: start, at });
      const paths = new Map(getShortestPaths(ivr.machine, options).map((p) => [serializeState(p.state), p.steps.map((x) => x.event as IvrEvent)]));
      for (const { state, transitions } of Object.values(getAdjacencyMap(ivr.machine, options))) {
        for (const { event, state: next } of Object.values(transitions) as Array<{ event: IvrEvent; state: typeof state }>) {
          const edge = edgeOf(DEMO_IVR, state, event, next);
          expect(edge, `${String(state.value)} on ${JSON.stringify(event)}`).toBeDefined();
          if (edge === undefined || covered.has(edge)) continue;
          covered.set(edge, { path: paths.get(serializeState(state)) ?? [], event, node: String(next.value), at });
        }
      }
    }
    expect([...covered.keys()].sort()).toEqual(edgesOf(DEMO_IVR));
    for (const [edge, w] of covered) {
      const [node, how, what] = edge.split(' ') as [string, string, string];
      const n = DEMO_IVR.nodes[node];
      if (n?.type === 'menu' && (how === 'key' || how === 'say')) {
        const option = n.options.find((o) => (how === 'key' ? o.key === what : (o.keywords ?? []).includes(what)));
        expect(landings(DEMO_IVR, option?.next ?? '?'), edge).toContain(w.node);
      }
      if ((n?.type === 'menu' || n?.type === 'collect') && what === 'onFail') expect(landings(DEMO_IVR, n.onFail), edge).toContain(w.node);
      if (n?.type === 'lookup' && how !== 'hangup') expect(landings(DEMO_IVR, how === 'branch' ? (n.branches[what] ?? '?') : n.default), edge).toContain(w.node);
      if (how === 'hangup') expect(w.node, edge).toBe(HUNG_UP);
      if (w.path.length === 0 && node === 'hours') continue;
      const s = [...w.path, w.event].filter((e) => (e.type as string) !== 'xstate.init').reduce((x, e) => stepIvr(ivr, x, inputOf(e), w.at), startIvr(ivr, w.at));
      expect(s.node, `the session API on ${edge}`).toBe(w.node);
    }
  });
});

const input: fc.Arbitrary<IvrInput> = fc.oneof(
  fc.stringMatching(/^[0-9*#]{1,12}$/).map((digits) => ({ type: 'digits' as const, digits })),
  fc.constantFrom('ticket', 'оператор', 'blah', 'one two', '555777').map((text) => ({ type: 'speech' as const, text })),
  fc.constant({ type: 'timeout' as const }),
);

/** Answers what the session waits for: a lookup answer when one is pending, else the caller's input. */
function feed(s: IvrSession, i: IvrInput, at: number): IvrSession {
  return stepIvr(ivr, s, s.action.kind === 'lookup' ? { type: 'lookup', value: 'yes' } : i, at);
}

describe('fuzzed callers', () => {
  it('never leave a session stuck: any inputs, then silence, always end the call within a bound', () => {
    fc.assert(fc.property(fc.array(input, { maxLength: 30 }), fc.boolean(), (inputs, open) => {
      const at = open ? OPEN : CLOSED;
      let s = startIvr(ivr, at);
      for (const i of inputs) {
        if (s.ended) break;
        s = feed(s, i, at);
        expect(['collect', 'lookup', 'route', 'callback', 'transfer', 'hangup']).toContain(s.action.kind);
      }
      for (let n = 0; n < 40 && !s.ended; n++) s = feed(s, { type: 'timeout' }, at);
      expect(s.ended).toBe(true);
    }), { numRuns: 1000 });
  });

  it('are deterministic: the same inputs at the same times give the same session', () => {
    fc.assert(fc.property(fc.array(input, { maxLength: 15 }), (inputs) => {
      const run = () => inputs.reduce((s, i) => (s.ended ? s : feed(s, i, OPEN)), startIvr(ivr, OPEN));
      expect(run()).toEqual(run());
    }), { numRuns: 300 });
  });
});
