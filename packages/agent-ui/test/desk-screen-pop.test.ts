import { describe, expect, it } from 'vitest';
import { assembleScreenPop, humanize, isComplaint, offersAllowed } from '../src/agent/screen-pop.js';
import type { ContactScript, Customer, DeskContact, InteractionSummary } from '../src/shared/views.js';

const ACME: Customer = {
  id: 'cust-acme', name: 'ACME Holding', numbers: ['+7 812 997-83-63', '+7 495 123-45-67'], segment: 'core', valueTier: 'platinum', valueScore: 950,
  ownerAgentId: 'agent05', substituteAgentIds: ['agent10'], accounts: ['123456'], offers: ['seat-upgrade-discount', 'lounge-member-price'],
};
const UMBRELLA: Customer = { id: 'cust-umbrella', name: 'Umbrella', numbers: ['+7 912 345-67-89'], valueTier: 'bronze', flags: { openComplaint: true }, offers: ['extra-bag-discount'] };
const INITECH: Customer = { id: 'cust-initech', name: 'Initech', numbers: ['+7 383 210-00-11'], churnRisk: true, flags: { overdueInvoices: true } };

const offer = (p: Partial<DeskContact> = {}): DeskContact => ({
  id: 'call-1', state: 'reserved', queueId: 'sales', channel: 'voice', createdAt: 0, callback: false,
  reservation: { id: 'R1', token: 1, deadline: 15_000 },
  attributes: { caller: '+78129978363', customerId: 'cust-acme', valueTier: 'platinum', reason: 'lost-ticket', data: { routedBy: 'account-team', policy: 'platinum', callerCountry: 'RU', language: 'en', bookingRef: 'XK42' } },
  script: { scriptId: 'lost-ticket-valued', title: 'Lost ticket — valued customer', ruleId: 'lost-ticket-valued-by-tier', offersAllowed: true },
  ...p,
});

const summary = (id: string, p: Partial<InteractionSummary> = {}): InteractionSummary => ({ interactionId: id, queueIds: ['sales'], agentIds: ['agent05'], dispositions: {}, entries: 3, channel: 'voice', ...p });

describe('assembleScreenPop', () => {
  it('shows who is calling, why, the script and the cross-sell offers', () => {
    const pop = assembleScreenPop({ contact: offer(), customer: ACME });
    expect(pop.customer).toEqual({
      id: 'cust-acme', name: 'ACME Holding', numbers: ACME.numbers, segment: 'core', valueTier: 'platinum', valueScore: 950,
      owner: 'agent05', substitutes: ['agent10'], accounts: ['123456'],
    });
    expect(pop.why).toEqual({
      reason: 'lost-ticket', routedBy: 'account-team',
      routing: [['Service policy', 'platinum'], ['Caller country', 'RU']],
      ivr: [['Language', 'en'], ['Booking ref', 'XK42']],
    });
    expect(pop.script).toEqual({ scriptId: 'lost-ticket-valued', title: 'Lost ticket — valued customer', ruleId: 'lost-ticket-valued-by-tier' });
    expect(pop.offers).toEqual(['Seat upgrade discount', 'Lounge member price']);
    expect(pop.offersHiddenBecause).toBeUndefined();
    expect(pop.flags).toEqual([]);
  });

  it('hides the offers for a complaint when the script selection allows none', () => {
    const contact = offer({ attributes: { customerId: 'cust-umbrella', reason: 'complaint' }, script: { scriptId: 'complaint', title: 'Complaint', ruleId: 'complaint', offersAllowed: false } });
    const pop = assembleScreenPop({ contact, customer: UMBRELLA });
    expect(pop.offers).toEqual([]);
    expect(pop.offersHiddenBecause).toMatch(/complaint/);
    expect(pop.flags.map((f) => f.id)).toEqual(['complaint']);
  });

  it('shows the offers of a complaint when the winning rule allows them (goodwill)', () => {
    const contact = offer({ attributes: { customerId: 'cust-umbrella', reason: 'lost-ticket' } });
    expect(assembleScreenPop({ contact, customer: UMBRELLA }).offers).toEqual(['Extra bag discount']);
  });

  it('the script run read from the service decides over the desk\'s selection; without either, a complaint gets none', () => {
    const { script: _s, ...bare } = offer();
    const selection = (allowed: boolean): ContactScript => ({ selection: { scriptId: 'x', ruleId: 'r', offersAllowed: allowed }, script: { id: 'x', title: 'X', start: 'a', steps: {} } });
    expect(offersAllowed({ contact: offer(), customer: ACME, script: selection(false) })).toBe(false);
    expect(offersAllowed({ contact: bare, customer: ACME })).toBe(true);
    expect(offersAllowed({ contact: bare, customer: UMBRELLA })).toBe(false);
    expect(isComplaint({ ...bare, attributes: { reason: 'complaint' } }, undefined)).toBe(true);
  });

  it('flags overdue invoices and churn risk', () => {
    const pop = assembleScreenPop({ contact: offer({ attributes: { customerId: 'cust-initech' } }), customer: INITECH });
    expect(pop.flags.map((f) => f.label)).toEqual(['Overdue invoices', 'Churn risk']);
  });

  it('lists recent history without the current contact, newest first as the service gave it, at most the limit', () => {
    const history = [summary('call-1'), summary('h3', { outcome: 'completed', dispositions: { agent05: 'resolved' } }), summary('h2', { outcome: 'abandoned' }), summary('h1')];
    const pop = assembleScreenPop({ contact: offer(), customer: ACME, history, historyLimit: 2 });
    expect(pop.history.map((h) => [h.id, h.outcome, h.dispositions])).toEqual([['h3', 'completed', 'resolved (agent05)'], ['h2', 'abandoned', '']]);
  });

  it('an unknown caller, or a customer the agent may not read', () => {
    const unknown = assembleScreenPop({ contact: offer({ attributes: { caller: '+79031234567', data: { routedBy: 'lead', leadId: 'L1' } } }) });
    expect(unknown.customer).toBeUndefined();
    expect(unknown.customerUnreadable).toBe(false);
    expect(unknown.why.routing).toEqual([['Lead', 'L1']]);
    expect(assembleScreenPop({ contact: offer(), customerUnreadable: true }).customerUnreadable).toBe(true);
  });

  it('humanizes ids', () => {
    expect(['seat-upgrade-discount', 'bookingRef', 'a_b.c'].map(humanize)).toEqual(['Seat upgrade discount', 'Booking ref', 'A b c']);
  });
});
