/**
 * The domain of the SIP end-to-end tests: a sales line (+7 800 000-00-01) and a support line
 * (…02), agents with one skill each (the load test adds `load01`…), calls that ring for 4 s,
 * no wrap-up, value tiers with a head start, and the PBX key Kamailio uses. Every password is `pw`.
 */
import { hashPassword } from '@switchboard/router/service';
import { PBX, SIP_DOMAIN } from './stack.js';

const HASH = hashPassword('pw');

export const SALES_LINE = '+78000000001';
export const SUPPORT_LINE = '+78000000002';
export const PLATINUM_CALLER = '+74951110001';
export const GOLD_CALLER = '+74951110002';

/** Agents (id → skills); all in one team. */
export const E2E_AGENTS: Readonly<Record<string, Record<string, number>>> = {
  ann: { sales: 5 }, cal: { sales: 4 }, bob: { support: 5 }, dan: { support: 4 },
};

/** The service configuration; `loadAgents` adds agents `load01`… serving a `load` line (…03). */
export function e2eConfig(loadAgents = 0): object {
  const load = Array.from({ length: loadAgents }, (_, i) => `load${String(i + 1).padStart(2, '0')}`);
  const agents = [...Object.entries(E2E_AGENTS).map(([id, skills]) => ({ id, name: id, team: 'e2e', skills })), ...load.map((id) => ({ id, name: id, team: 'e2e', skills: { load: 3 } }))];
  const queue = (id: string, skill: string) => ({
    id, steps: [{ requirement: `${skill}>=1`, afterSeconds: 0 }], strategy: 'longest-idle', ringTimeoutSeconds: 4, wrapUpSeconds: 0,
    autoPauseAfterMissed: 3, priority: { tierBoostSeconds: { platinum: 60, gold: 30 }, maxBoostSeconds: 90 },
  });
  return {
    domainId: 'sip-e2e',
    domain: { skills: [{ id: 'sales' }, { id: 'support' }, { id: 'load' }], queues: [queue('sales', 'sales'), queue('support', 'support'), queue('load', 'load')], agents },
    users: [
      { id: 'admin', role: 'admin', passwordHash: HASH },
      ...agents.map((a) => ({ id: a.id, role: 'agent', agentId: a.id, passwordHash: HASH })),
    ],
    customers: [
      { id: 'cust-platinum', name: 'Platinum Ltd', numbers: [PLATINUM_CALLER], valueTier: 'platinum' },
      { id: 'cust-gold', name: 'Gold Ltd', numbers: [GOLD_CALLER], valueTier: 'gold' },
    ],
    pbx: [{ id: PBX.id, apiKey: PBX.key, rtjson: true }], // Kamailio relays with the rtjson route set
    dnis: { [SALES_LINE]: 'sales', [SUPPORT_LINE]: 'support', '+78000000003': 'load' },
    defaultCountry: 'RU', sipDomain: SIP_DOMAIN,
  };
}
