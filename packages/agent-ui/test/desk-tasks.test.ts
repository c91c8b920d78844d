import { describe, expect, it } from 'vitest';
import { COMMON_DISPOSITIONS, dispositionsInMessage, suggestedDispositions } from '../src/agent/dispositions.js';
import { buildTasks, dialable, doneTasksKey } from '../src/agent/tasks.js';
import type { Customer, DeskContact, InteractionSummary, Lead } from '../src/shared/views.js';

const customers: Customer[] = [
  { id: 'cust-initech', name: 'Initech', numbers: ['+7 383 210-00-11'], valueTier: 'silver', churnRisk: true, ownerAgentId: 'agent02', creditControllerAgentId: 'agent09', flags: { overdueInvoices: true } },
  { id: 'cust-acme', name: 'ACME Holding', numbers: ['+7 812 997-83-63'], ownerAgentId: 'agent05', substituteAgentIds: ['agent02'] },
  { id: 'cust-other', name: 'Other', numbers: ['+7 1'], ownerAgentId: 'agent07', flags: { overdueInvoices: true } },
];
const leads: Lead[] = [
  { id: 'L1', number: '+79031234567', createdAt: '2026-11-23T10:00:00Z', firstContactId: 'new-1', askedQueueId: 'sales', reason: 'sales', data: {}, status: 'assigned', assignedAgentId: 'agent02' },
  { id: 'L2', number: '+79030000000', createdAt: '2026-11-23T10:00:00Z', firstContactId: 'new-2', askedQueueId: 'sales', data: {}, status: 'assigned', assignedAgentId: 'agent03' },
];
const callback = (id: string, at: number): DeskContact => ({ id, state: 'reserved', queueId: 'support', channel: 'callback', createdAt: 0, callback: true, callbackAt: at, attributes: { caller: '+7 999', reason: 'billing' } });

describe('buildTasks', () => {
  it('callbacks (soonest first), then collections, retention and leads — only the agent\'s own', () => {
    const tasks = buildTasks({ agentId: 'agent02', customers, leads, contacts: [callback('cb-late', 2_000), callback('cb-soon', 1_000)] });
    expect(tasks.map((t) => [t.kind, t.title, t.number])).toEqual([
      ['callback', '+7 999', '+7 999'], ['callback', '+7 999', '+7 999'],
      ['collections', 'Initech', '+7 383 210-00-11'], ['retention', 'Initech', '+7 383 210-00-11'], ['lead', '+79031234567', '+79031234567'],
    ]);
    expect(tasks.slice(0, 2).map((t) => t.id)).toEqual(['callback:cb-soon', 'callback:cb-late']);
  });

  it("lists the day's scheduled callbacks with those on the desk, each once, soonest first", () => {
    const scheduled = { ...callback('cb-later', 3_000), state: 'scheduled' as const, callback: false };
    const tasks = buildTasks({ agentId: 'agent05', customers: [], leads: [], contacts: [callback('cb-soon', 1_000)], scheduled: [scheduled, callback('cb-soon', 1_000)] });
    expect(tasks.map((t) => [t.id, t.due, t.number])).toEqual([['callback:cb-soon', 1_000, '+7 999'], ['callback:cb-later', 3_000, '+7 999']]);
  });

  it('the credit controller gets the collections call too; a substitute nothing for a customer without flags', () => {
    expect(buildTasks({ agentId: 'agent09', customers, leads: [], contacts: [] }).map((t) => t.id)).toEqual(['collections:cust-initech', 'retention:cust-initech']);
    expect(buildTasks({ agentId: 'agent05', customers, leads, contacts: [] })).toEqual([]);
  });

  it('dials digits only, and keeps ticks per agent and day', () => {
    expect(dialable(' +7 (812) 997-83-63 ')).toBe('+78129978363');
    expect(dialable('8 812 997 83 63')).toBe('88129978363');
    expect(doneTasksKey('agent02', new Date(2026, 10, 3, 23, 59))).toBe('switchboard.tasks.done.agent02.2026-11-03');
  });
});

describe('dispositions', () => {
  it('reads the list a refusal names', () => {
    expect(dispositionsInMessage("'x' is not a disposition of queue 'collections' (promise-to-pay, paid, dispute, no-answer)")).toEqual(['promise-to-pay', 'paid', 'dispute', 'no-answer']);
    expect(dispositionsInMessage("queue 'collections' requires one of: promise-to-pay, paid")).toEqual(['promise-to-pay', 'paid']);
    expect(dispositionsInMessage("queue 'collections' requires a note")).toEqual([]);
  });

  it('suggests the queue\'s own list once known, else those filed before in the queue, then common ones', () => {
    const history: InteractionSummary[] = [{ interactionId: 'a', queueIds: ['sales'], agentIds: [], dispositions: { agent05: 'upsold' }, entries: 1 }, { interactionId: 'b', queueIds: ['support'], agentIds: [], dispositions: { agent05: 'fixed' }, entries: 1 }];
    expect(suggestedDispositions('collections', { collections: ['paid'] }, history)).toEqual(['paid']);
    expect(suggestedDispositions('sales', {}, history)).toEqual(['upsold', ...COMMON_DISPOSITIONS]);
  });
});
