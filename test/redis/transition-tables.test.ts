import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AGENT_EVENTS, AGENT_STATES, CONTACT_EVENTS, CONTACT_STATES, nextAgentState, nextContactState } from '@switchboard/router';
import { registerScripts } from '../../packages/router/src/store/redis/scripts.js';
import { useTestRedis } from '../support/redis-server.js';

const t = useTestRedis();

const BOGUS = ['toString', '__index', 'constructor', 'queue'];

describe('lifecycle tables in Lua', () => {
  it('give the same next state as the core for every state and event (and none for bogus events)', async () => {
    const { transition_probe: probe } = registerScripts(t.redis, ['transition_probe'], join(dirname(fileURLToPath(import.meta.url)), 'lua'));
    const cases = [
      { kind: 'contact', states: [...CONTACT_STATES], events: [...CONTACT_EVENTS, ...BOGUS], next: (s: string, e: string) => nextContactState(s as never, e as never) },
      { kind: 'agent', states: [...AGENT_STATES], events: [...AGENT_EVENTS, ...BOGUS], next: (s: string, e: string) => nextAgentState(s as never, e as never) },
    ];
    for (const c of cases) {
      const pairs = c.states.flatMap((s) => c.events.map((e) => [s, e] as const));
      const got = (await probe([], [c.kind, ...pairs.flat()])) as string[];
      expect(got).toEqual(pairs.map(([s, e]) => c.next(s, e) ?? ''));
      expect(got.filter((x) => x !== '').length).toBeGreaterThan(5);
    }
  });
});
