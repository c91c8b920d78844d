import type { ScriptDefinition } from '../script-definition.js';

/** Help first, then a cross-sell offer; the offer is skipped when offers are not allowed. */
export const SALES_CROSS_SELL: ScriptDefinition = {
  id: 'sales-cross-sell',
  title: 'Help and cross-sell',
  start: 'greet',
  steps: {
    greet: { phase: 'greet', say: 'Thank you for calling. How can I help you today?', next: 'verify' },
    verify: { phase: 'verify', say: 'Could I have your name and your frequent-flyer number?', next: 'help' },
    help: {
      phase: 'resolve',
      say: "Let me take care of that for you. Is everything sorted?",
      answers: {
        resolved: { label: 'Request handled', next: 'cross-sell' },
        'follow-up': { label: 'Needs another team', next: 'hand-over' },
      },
    },
    'hand-over': {
      phase: 'resolve',
      say: "I've passed this to the team that can settle it; they'll contact you within one working day.",
      next: 'close',
    },
    'cross-sell': {
      phase: 'offer',
      say: 'Before you go: for your next trip you can add lounge access at the member price. Shall I add it?',
      answers: {
        accept: { label: 'Accepts', next: 'confirm-offer' },
        'send-details': { label: 'Wants the details by e-mail', next: 'send-details' },
        decline: { label: 'Declines', next: 'close' },
      },
    },
    'confirm-offer': { phase: 'resolve', say: "Added — the confirmation is on its way to your e-mail.", next: 'close' },
    'send-details': { phase: 'resolve', say: "I'll e-mail you the details; the price holds for seven days.", next: 'close' },
    close: { phase: 'close', say: 'Thank you for calling, and have a good trip.', end: true },
  },
};
