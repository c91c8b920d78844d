import type { ScriptDefinition, ScriptStep } from '../script-definition.js';

const verify: ScriptStep = {
  phase: 'verify',
  say: 'So I can find your booking, could you confirm the booking reference and your date of birth?',
  answers: {
    ok: { label: 'Details match the booking', next: 'find-ticket' },
    mismatch: { label: 'Details do not match', next: 'not-verified' },
  },
};

const notVerified: ScriptStep = {
  phase: 'close',
  say: "I'm sorry, I can't change a booking I can't verify. Please call back with your booking reference.",
  end: true,
};

/**
 * Lost ticket, valued customer (top 3 %): reissue at the same fare, no fee, and offer a free
 * upgrade. The upgrade is goodwill rather than a sale, so its rules allow it even during a complaint.
 */
export const LOST_TICKET_VALUED: ScriptDefinition = {
  id: 'lost-ticket-valued',
  title: 'Lost ticket — valued customer',
  start: 'greet',
  steps: {
    greet: {
      phase: 'greet',
      say: "Thank you for calling, and for flying with us so often. Your ticket hasn't arrived? I'll put that right now.",
      next: 'verify',
    },
    verify,
    'not-verified': notVerified,
    'find-ticket': {
      phase: 'resolve',
      say: "I can see the ticket was issued but never reached you. I'm reissuing it now at the same fare, with no fee.",
      next: 'upgrade',
    },
    upgrade: {
      phase: 'offer',
      say: "For the trouble, I'd like to upgrade you to business class on this flight, free of charge. Shall I add it?",
      answers: {
        accept: { label: 'Accepts the upgrade', next: 'confirm-upgrade' },
        decline: { label: 'Declines', next: 'send-ticket' },
      },
    },
    'confirm-upgrade': { phase: 'resolve', say: 'Done — the upgrade is confirmed and shows on your new ticket.', next: 'send-ticket' },
    'send-ticket': {
      phase: 'resolve',
      say: 'The new ticket is on its way to your e-mail. Can you see it?',
      answers: {
        received: { label: 'Ticket received', next: 'close' },
        'not-received': { label: 'Not received', next: 'send-sms' },
      },
    },
    'send-sms': {
      phase: 'resolve',
      say: "I've also sent it by text message; at check-in your booking reference is enough.",
      next: 'close',
    },
    close: { phase: 'close', say: 'Is there anything else I can do for you? Have a good trip.', end: true },
  },
};

/** Lost ticket, ordinary customer: reissue under the fare rules, no upgrade. */
export const LOST_TICKET_STANDARD: ScriptDefinition = {
  id: 'lost-ticket-standard',
  title: 'Lost ticket',
  start: 'greet',
  steps: {
    greet: {
      phase: 'greet',
      say: "Thank you for calling. I understand your ticket hasn't arrived — let's sort that out.",
      next: 'verify',
    },
    verify,
    'not-verified': notVerified,
    'find-ticket': {
      phase: 'resolve',
      say: "I'll reissue the ticket under the rules of your fare. Are you still travelling on the same date?",
      answers: {
        'same-date': { label: 'Same date', next: 'reissue' },
        'new-date': { label: 'Wants another date', next: 'quote-change' },
      },
    },
    'quote-change': {
      phase: 'resolve',
      say: 'Your fare allows a date change for the fare difference plus the change fee in its rules. Here is the total — shall I go ahead?',
      answers: {
        agree: { label: 'Accepts the quote', next: 'reissue' },
        'keep-date': { label: 'Keeps the original date', next: 'reissue' },
      },
    },
    reissue: {
      phase: 'resolve',
      say: "I've reissued the ticket; it's on its way to your e-mail now.",
      next: 'close',
    },
    close: { phase: 'close', say: 'Is there anything else I can help with? Thank you for calling.', end: true },
  },
};
