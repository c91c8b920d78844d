import type { ScriptDefinition } from '../script-definition.js';

/** A complaint: apologise, record it, resolve or escalate — and offer nothing. */
export const COMPLAINT: ScriptDefinition = {
  id: 'complaint',
  title: 'Complaint',
  start: 'greet',
  steps: {
    greet: { phase: 'greet', say: "I'm sorry to hear something went wrong. Please tell me what happened.", next: 'verify' },
    verify: { phase: 'verify', say: 'So I can look into it, may I have your booking reference?', next: 'record' },
    record: {
      phase: 'resolve',
      say: "I'm recording your complaint now and will read it back to you, so we have it exactly right.",
      next: 'resolve',
    },
    resolve: {
      phase: 'resolve',
      say: "I'm sorry for the trouble this has caused you. Let me see what I can do right now.",
      answers: {
        fixed: { label: 'Resolved on the call', next: 'confirm' },
        investigate: { label: 'Needs investigation', next: 'escalate' },
      },
    },
    confirm: {
      phase: 'resolve',
      say: "That's done. You'll get written confirmation with your complaint reference.",
      next: 'close',
    },
    escalate: {
      phase: 'resolve',
      say: "I've passed your complaint to customer relations with your reference; they will reply within five working days.",
      next: 'close',
    },
    close: { phase: 'close', say: "Thank you for telling us, and again, I'm sorry. Goodbye.", end: true },
  },
};
