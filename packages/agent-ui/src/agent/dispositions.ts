import type { InteractionSummary } from '../shared/views.js';

/**
 * Dispositions to suggest in the wrap-up form. The service does not give agents their queue's
 * wrap-up policy to read, so the form takes free text and suggests what it can learn: the
 * dispositions the service listed when it refused a filing (its messages name them), those
 * filed before in this queue's interactions, and a few common ones.
 */

export const COMMON_DISPOSITIONS: readonly string[] = ['resolved', 'follow-up', 'callback-scheduled', 'sale', 'no-sale', 'information-given', 'transferred'];

/**
 * The dispositions a refusal's message lists — `… (a, b, c)` for DISPOSITION_UNKNOWN,
 * `… requires one of: a, b, c` for DISPOSITION_REQUIRED — or none.
 */
export function dispositionsInMessage(message: string): string[] {
  const m = /requires one of: ([^\n]+)$/.exec(message) ?? /\(([^()]+)\)\s*$/.exec(message);
  const list = m?.[1];
  if (list === undefined) return [];
  return list.split(',').map((s) => s.trim()).filter((s) => /^[^\s]{1,64}$/.test(s));
}

/** What the form suggests for a contact of `queueId`: the queue's own (learned) first, then those seen in history, then the common ones. */
export function suggestedDispositions(queueId: string, learned: Readonly<Record<string, readonly string[]>>, history: readonly InteractionSummary[]): string[] {
  const own = learned[queueId] ?? [];
  if (own.length > 0) return [...own];
  const seen = history.filter((h) => h.queueIds.includes(queueId)).flatMap((h) => Object.values(h.dispositions));
  return [...new Set([...seen, ...COMMON_DISPOSITIONS])];
}
