import fc from 'fast-check';
import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { compileIvr, DEMO_IVR, HUNG_UP, startIvr, stepIvr, type IvrEvent, type IvrInput, type IvrSession } from '@switchboard/ivr';

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
