import type { AgentConfig, DomainConfig, QueueConfig } from '../core/config.js';
import { DEMO_IVR, DEMO_SCRIPT_RULES, DEMO_SCRIPTS } from '@switchboard/ivr';
import type { Customer, User } from './config-schema.js';
import { hashPassword } from './passwords.js';
import { validateServiceConfig, type ServiceConfig } from './service-config.js';

/** The demo's credentials, printed at start and in the README. Never use them for real. */
export const DEMO_CREDENTIALS = {
  admin: { user: 'admin', password: 'admin-demo' },
  supervisor: { user: 'sue', password: 'supervisor-demo' },
  agent: { user: 'agent01', password: 'agent-demo' },
  pbxApiKey: 'demo-pbx-key-change-me',
} as const;

const QUEUES: QueueConfig[] = [
  {
    id: 'sales', name: 'Sales', strategy: 'longest-idle', ringTimeoutSeconds: 15, wrapUpSeconds: 10, autoPauseAfterMissed: 2,
    steps: [{ requirement: 'sales>=3 & lang.ru', afterSeconds: 0 }, { requirement: 'sales>=2', afterSeconds: 20 }, { requirement: 'sales', afterSeconds: 45 }],
    serviceLevel: { percent: 80, thresholdSeconds: 20 }, maxWaitSeconds: 300, overflowQueueId: 'support',
    priority: { tierBoostSeconds: { platinum: 60, gold: 30, silver: 10 }, churnRiskBoostSeconds: 20, maxBoostSeconds: 90 },
  },
  {
    id: 'support', name: 'Support', strategy: 'most-skilled', ringTimeoutSeconds: 20, wrapUpSeconds: 15,
    steps: [{ requirement: 'support>=3', afterSeconds: 0 }, { requirement: 'support', afterSeconds: 30 }],
    skillWeights: { support: 2, billing: 1 }, priority: { tierBoostSeconds: { platinum: 45, gold: 20 }, maxBoostSeconds: 60 },
  },
  {
    id: 'vip', name: 'VIP desk', strategy: 'round-robin', preferredWindowSeconds: 30,
    steps: [{ requirement: 'vip & (sales>=4 | support>=4)', afterSeconds: 0 }, { requirement: 'sales>=4 | support>=4', afterSeconds: 40 }],
  },
  { id: 'chat', name: 'Chat', channel: 'chat', strategy: 'fewest-contacts', steps: [{ requirement: 'support>=2 & !trainee', afterSeconds: 0 }] },
  { id: 'collections', name: 'Credit controllers', strategy: 'longest-idle', steps: [{ requirement: 'billing>=5', afterSeconds: 0 }, { requirement: 'billing>=3', afterSeconds: 60 }] },
  // Follow the sun: each center's own support queue (a center is a skill of its agents).
  ...(['moscow', 'novosibirsk'] as const).map((c): QueueConfig => ({
    id: `support-${c === 'moscow' ? 'msk' : 'nsk'}`, name: `Support (${c === 'moscow' ? 'Moscow' : 'Novosibirsk'})`, strategy: 'most-skilled', ringTimeoutSeconds: 20, wrapUpSeconds: 15,
    steps: [{ requirement: `support>=3 & center.${c}`, afterSeconds: 0 }, { requirement: `support & center.${c}`, afterSeconds: 30 }],
    skillWeights: { support: 2, billing: 1 }, priority: { tierBoostSeconds: { platinum: 45, gold: 20 }, maxBoostSeconds: 60 },
  })),
  // Unknown callers on the sales line: the "taxi queue" — each new lead to the next free seller.
  { id: 'leads', name: 'New business', strategy: 'round-robin', steps: [{ requirement: 'sales>=3', afterSeconds: 0 }, { requirement: 'sales', afterSeconds: 30 }] },
];

function demoAgent(n: number): AgentConfig {
  const id = `agent${String(n).padStart(2, '0')}`;
  const lvl = (k: number) => 2 + ((n + k) % 4);
  // Everyone speaks Russian; every third agent, and ACME's account manager agent05, English too.
  const skills: Record<string, number> = { sales: lvl(1), support: lvl(2), billing: 1 + (n % 5), 'lang.ru': 4 + (n % 2) };
  if (n % 3 === 0 || n === 5) skills['lang.en'] = 3 + (n % 3);
  if (n % 5 === 0) skills.vip = 5;
  if (n === 20) skills.trainee = 1;
  const center = n % 2 === 0 ? 'moscow' : 'novosibirsk';
  skills[`center.${center}`] = 1;
  return { id, name: `Agent ${n}`, team: n <= 10 ? 'team-a' : 'team-b', center, skills };
}

const CUSTOMERS: Customer[] = [
  { id: 'cust-acme', name: 'ACME Holding', numbers: ['+7 812 997-83-63', '+7 495 123-45-67'], accounts: ['123456'], valueTier: 'platinum', valueScore: 950, ownerAgentId: 'agent05', substituteAgentIds: ['agent10'], crossSellPropensity: 0.7, readinessToBuy: 0.6, offers: ['seat-upgrade-discount'] },
  { id: 'cust-globex', name: 'Globex', numbers: ['+7 812 555-01-02'], accounts: ['234567'], valueTier: 'gold', valueScore: 700, ownerAgentId: 'agent15', substituteAgentIds: ['agent20'], crossSellPropensity: 0.8, offers: ['lounge-member-price'] },
  { id: 'cust-initech', name: 'Initech', numbers: ['+7 383 210-00-11'], accounts: ['555777'], valueTier: 'silver', valueScore: 300, churnRisk: true, ownerAgentId: 'agent02', creditControllerAgentId: 'agent09', flags: { overdueInvoices: true } },
  { id: 'cust-umbrella', name: 'Umbrella', numbers: ['+7 912 345-67-89'], accounts: ['777888'], valueTier: 'bronze', valueScore: 90, flags: { openComplaint: true } },
];

function demoUsers(): User[] {
  const admin = hashPassword(DEMO_CREDENTIALS.admin.password);
  const sup = hashPassword(DEMO_CREDENTIALS.supervisor.password);
  const agent = hashPassword(DEMO_CREDENTIALS.agent.password);
  return [
    { id: 'admin', name: 'Administrator', role: 'admin', passwordHash: admin },
    { id: 'sue', name: 'Sue (team A)', role: 'supervisor', passwordHash: sup, teams: ['team-a'], queues: ['sales', 'vip', 'leads'] },
    { id: 'max', name: 'Max (team B)', role: 'supervisor', passwordHash: sup, teams: ['team-b'], queues: ['support', 'support-msk', 'support-nsk', 'chat', 'collections'] },
    ...Array.from({ length: 20 }, (_, i): User => {
      const id = `agent${String(i + 1).padStart(2, '0')}`;
      return { id, role: 'agent', agentId: id, passwordHash: agent };
    }),
  ];
}

/** The demo domain `npm start` serves: eight queues, 20 agents in two teams and two centers (follow-the-sun support), customers with value tiers, the demo IVR. */
export function demoConfig(): ServiceConfig {
  const domain: DomainConfig = {
    skills: ['sales', 'support', 'billing', 'vip', 'lang.en', 'lang.ru', 'trainee', 'center.moscow', 'center.novosibirsk'].map((id) => ({ id })),
    queues: QUEUES,
    agents: Array.from({ length: 20 }, (_, i) => demoAgent(i + 1)),
  };
  return validateServiceConfig({
    domainId: 'demo', domain, users: demoUsers(), customers: CUSTOMERS,
    centers: [
      { id: 'moscow', name: 'Moscow', timeZone: 'Europe/Moscow', hours: { open: '08:00', close: '20:00', days: [1, 2, 3, 4, 5] }, queues: { support: 'support-msk' }, maxWaitSeconds: 120 },
      { id: 'novosibirsk', name: 'Novosibirsk', timeZone: 'Asia/Novosibirsk', hours: { open: '07:00', close: '19:00', days: [1, 2, 3, 4, 5, 6] }, queues: { support: 'support-nsk' }, maxWaitSeconds: 120 },
    ],
    // Prefix → region → centers, nearest first: Siberian numbers to Novosibirsk, the rest to Moscow.
    regions: [
      { id: 'siberia', prefixes: ['+7383', '+7391', '+7381', '+7382', '+7384', '+7385'], centers: ['novosibirsk', 'moscow'] },
      { id: 'russia', default: true, centers: ['moscow', 'novosibirsk'] },
    ],
    collections: { queueId: 'collections' },
    // A call to a debtor is not done until the credit controller notes the outcome.
    wrapUpPolicies: [{ queueId: 'collections', dispositions: ['promise-to-pay', 'paid', 'dispute', 'no-answer'], requireDisposition: true, requireNote: true }],
    leads: { queueId: 'leads', fromQueues: ['sales'] },
    servicePolicies: [
      { id: 'platinum', valueTier: 'platinum', serviceLevel: { percent: 90, thresholdSeconds: 10 }, maxWaitSeconds: 60, expectedHandleSeconds: 420 },
      { id: 'standard', valueTier: 'bronze', serviceLevel: { percent: 80, thresholdSeconds: 30 }, expectedHandleSeconds: 240 },
    ],
    pbx: [{ id: 'demo-pbx', apiKey: DEMO_CREDENTIALS.pbxApiKey, rtjson: true }], // the Kamailio of `npm run sip:stack`
    dnis: { '+78005550101': 'sales', '+78005550102': 'support', '+78005550103': 'vip' },
    ivrs: [DEMO_IVR], defaultIvr: DEMO_IVR.id, scripts: DEMO_SCRIPTS, scriptRules: DEMO_SCRIPT_RULES,
    defaultCountry: 'RU', sipDomain: 'switchboard.local',
  }, 'the demo configuration');
}
