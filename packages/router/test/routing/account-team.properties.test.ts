import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentConfig } from '@switchboard/router';
import { planFor } from '../../src/service/routing/call-plan.js';
import { harness, salesQueue } from '../core/engine-fixture.js';

const TEAM = ['owner', 's1', 's2', 'mateA', 'mateB'];
const HOUR = 3_600_000;
type Presence = 'offline' | 'ready' | 'notReady';
type AbsenceSpec = 'none' | 'now' | 'past' | 'future';

/** An absence window relative to the arrival time `t`. */
function absencesOf(spec: AbsenceSpec, t: number): NonNullable<AgentConfig['absences']> {
  if (spec === 'none') return [];
  if (spec === 'now') return [{ from: t - HOUR, to: t + HOUR }];
  if (spec === 'past') return [{ from: t - 3 * HOUR, to: t - HOUR }];
  return [{ from: t + HOUR, to: t + 3 * HOUR }];
}

const member = fc.record({ presence: fc.constantFrom<Presence>('offline', 'ready', 'notReady'), absence: fc.constantFrom<AbsenceSpec>('none', 'now', 'past', 'future') });

describe('the account team on an injected clock, with absence calendars', () => {
  it('the first present and free of owner, substitutes, team takes the call; else it waits only for those present; else the queue', () => {
    fc.assert(fc.property(fc.array(member, { minLength: 5, maxLength: 5 }), fc.boolean(), fc.integer({ min: 4 * HOUR, max: 1e12 }), (specs, otherReady, t) => {
      const agents: AgentConfig[] = [
        ...TEAM.map((id, i) => ({ id, team: 'a', skills: { sales: 3 }, absences: absencesOf(specs[i]?.absence ?? 'none', t) })),
        { id: 'other', team: 'b', skills: { sales: 3 } },
      ];
      const h = harness({ queues: [salesQueue('q', { preferredWindowSeconds: 30 })], agents }, {}, t);
      TEAM.forEach((id, i) => {
        const p = specs[i]?.presence;
        if (p !== 'offline') h.engine.login(id);
        if (p === 'ready') h.engine.ready(id);
      });
      if (otherReady) {
        h.engine.login('other');
        h.engine.ready('other');
      }
      const plan = planFor({ id: 'cu', name: 'Cu', numbers: [], ownerAgentId: 'owner', substituteAgentIds: ['s1', 's2'] }, {
        homeQueueId: 'q', collectionsQueueId: undefined, policies: [], teamOf: () => ['mateA', 'mateB'], known: () => true,
        absent: (id) => specs[TEAM.indexOf(id)]?.absence === 'now',
      });
      const away = (i: number) => specs[i]?.absence === 'now';
      expect(plan.preferredAgentIds).toEqual(TEAM.filter((_, i) => !away(i)));
      const o = h.engine.submit({ id: 'c', queueId: plan.queueId, ...(plan.preferredAgentIds.length === 0 ? {} : { preferredAgentIds: plan.preferredAgentIds }) });

      // The first present and free of owner, substitutes, team; else those present but not ready
      // are waited for; else any ready agent of the queue — an absent one whose phone is on too.
      const free = TEAM.find((_, i) => specs[i]?.presence === 'ready' && !away(i));
      const waitFor = TEAM.filter((_, i) => specs[i]?.presence === 'notReady' && !away(i));
      const anyReady = [...TEAM.filter((_, i) => specs[i]?.presence === 'ready'), ...(otherReady ? ['other'] : [])];
      if (free !== undefined) expect(o).toMatchObject({ kind: 'reserved', agentId: free });
      else if (waitFor.length > 0) {
        expect(o).toMatchObject({ kind: 'preferred', until: t + 30_000 });
        expect(h.events.find((e) => e.type === 'contact.preferred')).toMatchObject({ agentIds: waitFor });
      } else if (anyReady.length > 0) expect(anyReady).toContain((o as { agentId?: string }).agentId);
      else expect(o.kind).toBe('queued');
    }), { numRuns: 300 });
  });
});
