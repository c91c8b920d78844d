import type { ScriptRule } from '../script-rule.js';

/** The offers the demo cross-sell rules look for in `ScriptContext.offers`. */
export const DEMO_OFFERS = ['lounge-member-price', 'extra-bag-discount', 'seat-upgrade-discount'] as const;

/**
 * Demo rules. Specificity decides first, so a valued customer's lost ticket (two conditions)
 * beats everything with one; among one-condition rules, complaints (priority 20) beat
 * collections (10), which beat cross-sell (5) and the plain reasons (0).
 */
export const DEMO_RULES: readonly ScriptRule[] = [
  // The free upgrade is goodwill, not a sale: offered even when the customer is complaining.
  {
    id: 'lost-ticket-valued-by-tier',
    scriptId: 'lost-ticket-valued',
    when: { reason: 'lost-ticket', valueTier: ['platinum'] },
    allowOffersDuringComplaint: true,
  },
  {
    id: 'lost-ticket-valued-by-score',
    scriptId: 'lost-ticket-valued',
    when: { reason: 'lost-ticket', minValueScore: 900 },
    allowOffersDuringComplaint: true,
  },
  { id: 'lost-ticket', scriptId: 'lost-ticket-standard', when: { reason: 'lost-ticket' } },
  { id: 'complaint', scriptId: 'complaint', priority: 20, when: { reason: 'complaint' } },
  { id: 'complaint-open', scriptId: 'complaint', priority: 20, when: { flags: { openComplaint: true } } },
  { id: 'unfulfilled-obligation', scriptId: 'complaint', priority: 20, when: { flags: { unfulfilledObligation: true } } },
  { id: 'collections-overdue', scriptId: 'collections-overdue', priority: 10, when: { flags: { overdueInvoices: true } } },
  { id: 'sales-eligible-offer', scriptId: 'sales-cross-sell', when: { reason: 'sales', anyOffer: DEMO_OFFERS } },
  { id: 'sales', scriptId: 'sales-cross-sell', when: { reason: 'sales' } },
  { id: 'cross-sell-propensity', scriptId: 'sales-cross-sell', priority: 5, when: { minCrossSell: 0.6 } },
  { id: 'cross-sell-offer', scriptId: 'sales-cross-sell', priority: 5, when: { anyOffer: DEMO_OFFERS } },
  { id: 'default', scriptId: 'general', when: {} },
];
