import { describe, expect, it } from 'vitest';
import { customerRoutingProblems, type CustomerRoutingConfig } from '../../src/service/routing/routing-config-check.js';

const base: CustomerRoutingConfig = {
  domain: {
    skills: [{ id: 's' }],
    queues: [{ id: 'support', steps: [{ requirement: 's', afterSeconds: 0 }] }, { id: 'support-msk', steps: [{ requirement: 's', afterSeconds: 0 }] }, { id: 'chat', channel: 'chat', steps: [{ requirement: 's', afterSeconds: 0 }] }],
    agents: [{ id: 'a1', skills: { s: 3 } }],
  },
  centers: [{ id: 'msk', timeZone: 'Europe/Moscow', queues: { support: 'support-msk' } }],
  regions: [{ id: 'ru', prefixes: ['+7'], centers: ['msk'] }],
  customers: [], collections: undefined, leads: undefined,
};

describe('routing by customer data: configuration checks', () => {
  it('accepts a consistent configuration', () => {
    expect(customerRoutingProblems(base)).toEqual([]);
  });
  it('names every broken reference with its path', () => {
    const problems = customerRoutingProblems({
      ...base,
      centers: [{ id: 'msk', timeZone: 'Europe/Moscow', queues: { support: 'nope', ghost: 'support', chat: 'support-msk' } }],
      regions: [{ id: 'ru', prefixes: ['+7'], centers: ['msk', 'spb'], default: true }, { id: 'ru', prefixes: ['+7'], centers: ['msk'], default: true }],
      customers: [{ id: 'c', name: 'C', numbers: [], creditControllerAgentId: 'zed' }],
      collections: { queueId: 'debts' }, leads: { queueId: 'leads', fromQueues: ['sales'] },
    });
    expect(problems).toEqual([
      "config.centers[0].queues.support: no queue 'nope' in the domain",
      "config.centers[0].queues.ghost: no queue 'ghost' in the domain",
      "config.centers[0].queues.chat: 'support-msk' (voice) is not of the channel of 'chat' (chat)",
      "config.regions[0].centers[1]: no center 'spb'",
      "config.regions[1].prefixes: '+7' is also a prefix of config.regions[0]",
      "config.regions[1].id: 'ru' is listed twice",
      'config.regions: more than one region is the default',
      "config.collections.queueId: no queue 'debts' in the domain",
      "config.leads.queueId: no queue 'leads' in the domain",
      "config.leads.fromQueues[0]: no queue 'sales' in the domain",
      "config.customers[0].creditControllerAgentId: no agent 'zed' in the domain",
    ]);
  });
});
