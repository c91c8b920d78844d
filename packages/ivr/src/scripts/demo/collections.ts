import type { ScriptDefinition } from '../script-definition.js';

/** Overdue invoices, handled by a credit controller: verify, state the debt, agree how it is paid. */
export const COLLECTIONS_OVERDUE: ScriptDefinition = {
  id: 'collections-overdue',
  title: 'Overdue invoices',
  start: 'greet',
  steps: {
    greet: { phase: 'greet', say: "Good day, you're speaking with the accounts team.", next: 'verify' },
    verify: {
      phase: 'verify',
      say: 'Before we discuss the account, could you confirm your customer number and the postcode on the account?',
      answers: {
        ok: { label: 'Details match the account', next: 'state-debt' },
        mismatch: { label: 'Details do not match', next: 'not-verified' },
      },
    },
    'not-verified': {
      phase: 'close',
      say: "I can't discuss the account without verification. Please call us back on the number printed on your invoice.",
      end: true,
    },
    'state-debt': {
      phase: 'resolve',
      say: 'Our records show invoices past their due date; the overdue balance is on my screen. Can you settle it today?',
      answers: {
        'pay-now': { label: 'Pays in full now', next: 'take-payment' },
        plan: { label: 'Needs a payment plan', next: 'offer-plan' },
        dispute: { label: 'Disputes the invoice', next: 'record-dispute' },
      },
    },
    'take-payment': { phase: 'resolve', say: "I'll take the payment now and e-mail you a receipt.", next: 'close' },
    'offer-plan': {
      phase: 'resolve',
      say: 'We can split the balance into up to three monthly instalments. Which dates suit you?',
      answers: {
        agreed: { label: 'Plan agreed', next: 'confirm-plan' },
        refused: { label: 'No plan agreed', next: 'escalate' },
      },
    },
    'confirm-plan': {
      phase: 'resolve',
      say: "The plan is set up and you'll get the schedule in writing. If a payment will be late, please call us before it's due.",
      next: 'close',
    },
    'record-dispute': {
      phase: 'resolve',
      say: "I've recorded your dispute; we won't chase that invoice while we review it, and we'll reply within five working days.",
      next: 'close',
    },
    escalate: {
      phase: 'close',
      say: "I'll pass the account to a senior credit controller, who will call you within two working days.",
      end: true,
    },
    close: { phase: 'close', say: 'Thank you for your time today. Goodbye.', end: true },
  },
};
