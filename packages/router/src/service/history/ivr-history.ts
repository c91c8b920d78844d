import type { IvrAction, IvrInput, IvrSession } from '@switchboard/ivr';
import type { HistoryDetail, HistoryDraft } from './history-entry.js';

/**
 * Pure: the history entries of a call's way through the IVR. The interaction id is the session
 * id (the call's contact id, so a routed call's IVR entries and router entries are one history).
 *
 * Positions: the IVR happens before the router sees the call, so its entries sort among the
 * arrival's (`0-0`): the caller's n-th input (0-based) at `0-<n+1>`, the exit after the last
 * input at `0-<inputs+1>`, then whatever the router records.
 */

/** Where the caller's input number `seq` (0-based) sorts in the interaction. */
export const ivrInputPosition = (seq: number): string => `0-${seq + 1}`;

/** Where the exit of a session that took `inputs` inputs sorts: after all of them. */
export const ivrExitPosition = (inputs: number): string => `0-${inputs + 1}`;

/** Dedupe key of an input: a PBX retrying the same `seq` records it once. */
export const ivrInputKey = (seq: number): string => `ivr.input.${seq}`;

/** What the caller did, as a detail: DTMF digits or the speech the PBX recognised. */
function inputDetails(input: IvrInput): Record<string, HistoryDetail> {
  switch (input.type) {
    case 'digits': return { input: 'digits', digits: input.digits };
    case 'speech': return { input: 'speech', text: input.text };
    default: return { input: input.type };
  }
}

/** Where the session went: the node it waits at next, or the exit it took. */
function wentTo(s: IvrSession): Record<string, HistoryDetail> {
  return s.ended ? { exit: s.action.kind } : { next: s.node };
}

/**
 * One caller input (digits, speech, no input, hang-up) at a menu or collect node: where it was
 * given, what it was, and where it led.
 */
export function ivrInputDraft(interactionId: string, ivrId: string, at: number, before: IvrSession, input: IvrInput, after: IvrSession): HistoryDraft {
  return {
    interactionId, at, kind: 'ivr.input', source: 'service',
    details: { ivrId, node: before.node, ...inputDetails(input), ...wentTo(after), ...(after.context.retries > 0 ? { retry: after.context.retries } : {}) },
  };
}

/** Attributes of a route or callback exit, as details: reason, language, skills and what the IVR collected. */
function exitDetails(a: IvrAction): Record<string, HistoryDetail> {
  if (a.kind !== 'route' && a.kind !== 'callback') return a.kind === 'transfer' ? { number: a.number } : a.kind === 'hangup' ? { reason: a.reason } : {};
  const at = a.attributes;
  return {
    ...at.data, ...(at.reason === undefined ? {} : { reason: at.reason }), ...(at.language === undefined ? {} : { language: at.language }),
    ...(a.kind === 'route' && at.requiredSkills !== undefined ? { requiredSkills: at.requiredSkills } : {}),
  };
}

/**
 * The session's end: the exit it took (route, callback, transfer, hangup) and, for a route or
 * callback, the queue and what the IVR learned. Every session that ends gets one.
 */
export function ivrExitDraft(interactionId: string, ivrId: string, at: number, s: IvrSession): HistoryDraft {
  const a = s.action;
  const queueId = a.kind === 'route' || a.kind === 'callback' ? a.queueId : undefined;
  return {
    interactionId, at, kind: 'ivr.completed', source: 'service', ...(queueId === undefined ? {} : { queueId }),
    details: { ...exitDetails(a), ivrId, exit: a.kind, node: s.node },
  };
}
