import type { ScriptDefinition } from '../script-definition.js';

/** The default: greet, identify, help or transfer. */
export const GENERAL: ScriptDefinition = {
  id: 'general',
  title: 'General enquiry',
  start: 'greet',
  steps: {
    greet: { phase: 'greet', say: 'Thank you for calling. How can I help?', next: 'verify' },
    verify: { phase: 'verify', say: 'May I have your name and your booking reference or customer number?', next: 'help' },
    help: {
      phase: 'resolve',
      say: 'Help with the request. Is it resolved?',
      answers: {
        resolved: { label: 'Resolved', next: 'close' },
        transfer: { label: 'Needs another team', next: 'transfer' },
      },
    },
    transfer: { phase: 'close', say: "I'm transferring you to the team that can help. Please stay on the line.", end: true },
    close: { phase: 'close', say: 'Is there anything else? Thank you for calling.', end: true },
  },
};
