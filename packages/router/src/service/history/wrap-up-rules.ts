import type { WrapUpPolicy } from '../config-schema.js';
import type { HistoryEntry } from './history-entry.js';

/** Pure rules of mandatory wrap-up: what a queue asks for, what a filing lacks, what is still missing. */

/** What a wrap-up must contain before it may end. */
export interface WrapUpNeeds {
  readonly disposition: boolean;
  readonly note: boolean;
}

/** What an agent files: a disposition and/or a note. */
export interface WrapUpFiling {
  readonly disposition?: string;
  readonly note?: string;
}

/** Why a filing is refused, as the service error code that says so. */
export type FilingProblem =
  | { readonly code: 'DISPOSITION_REQUIRED'; readonly detail: string }
  | { readonly code: 'DISPOSITION_UNKNOWN'; readonly detail: string }
  | { readonly code: 'WRAP_UP_NOTE_REQUIRED'; readonly detail: string };

/** An agent answered the contact in a queue. */
export interface Handling {
  readonly queueId: string;
  readonly answeredAt: number;
}

/** A contact an agent handled whose wrap-up still lacks what its queue requires. */
export interface MissingWrapUp {
  readonly contactId: string;
  readonly queueId: string;
  readonly answeredAt: number;
  readonly needs: WrapUpNeeds;
}

const NOTHING: WrapUpNeeds = { disposition: false, note: false };

/** The policy of a queue, if it has one. */
export const policyFor = (policies: readonly WrapUpPolicy[], queueId: string): WrapUpPolicy | undefined =>
  policies.find((p) => p.queueId === queueId);

/** What a queue's policy requires (nothing without a policy). */
export const needsOf = (p: WrapUpPolicy | undefined): WrapUpNeeds =>
  p === undefined ? NOTHING : { disposition: p.requireDisposition === true, note: p.requireNote === true };

/** Whether a wrap-up must contain anything at all. */
export const needsAnything = (n: WrapUpNeeds): boolean => n.disposition || n.note;

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Checks a filing against the queue's policy: a disposition from its list, and what it requires. */
export function filingProblem(p: WrapUpPolicy | undefined, f: WrapUpFiling): FilingProblem | undefined {
  if (p === undefined) return undefined;
  if (f.disposition !== undefined && p.dispositions.length > 0 && !p.dispositions.includes(f.disposition)) {
    return { code: 'DISPOSITION_UNKNOWN', detail: `'${f.disposition}' is not a disposition of queue '${p.queueId}' (${p.dispositions.join(', ')})` };
  }
  if (p.requireDisposition === true && blank(f.disposition)) return { code: 'DISPOSITION_REQUIRED', detail: `queue '${p.queueId}' requires one of: ${p.dispositions.join(', ')}` };
  if (p.requireNote === true && blank(f.note)) return { code: 'WRAP_UP_NOTE_REQUIRED', detail: `queue '${p.queueId}' requires a note` };
  return undefined;
}

/** The agent's handlings of an interaction: each answer, in the queue its offer came from. */
export function handlingsOf(entries: readonly HistoryEntry[], agentId: string): Handling[] {
  const offeredIn = new Map<string, string>();
  const out: Handling[] = [];
  for (const e of entries) {
    const rid = e.details.reservationId;
    if (typeof rid !== 'string') continue;
    if (e.kind === 'offered' && e.queueId !== undefined) offeredIn.set(rid, e.queueId);
    const queueId = offeredIn.get(rid);
    if (e.kind === 'answered' && e.agentId === agentId && queueId !== undefined) out.push({ queueId, answeredAt: e.at });
  }
  return out;
}

/**
 * Whether the agent's wrap-up of the interaction has what `needs` asks: a filing with it, or a
 * waiver, after the agent last answered it (a call that came back after a transfer is another
 * conversation, with a wrap-up of its own). `entries` in history order: the router's events and
 * the service's filings may carry times of different clocks, their positions never disagree.
 */
export function wrapUpSettled(entries: readonly HistoryEntry[], agentId: string, needs: WrapUpNeeds): boolean {
  if (!needsAnything(needs)) return true;
  let from = 0;
  entries.forEach((e, i) => { if (e.kind === 'answered' && e.agentId === agentId) from = i; });
  return entries.some((e, i) => i > from && e.agentId === agentId && (e.kind === 'wrapUp.waived' || (e.kind === 'wrapUp.filed' && fills(e, needs))));
}

function fills(e: HistoryEntry, needs: WrapUpNeeds): boolean {
  const text = (k: string) => (typeof e.details[k] === 'string' ? (e.details[k] as string) : undefined);
  return (!needs.disposition || !blank(text('disposition'))) && (!needs.note || !blank(text('note')));
}

/** What the queues ask together: a disposition if any requires one, a note if any requires one. */
export function combinedNeeds(needs: readonly WrapUpNeeds[]): WrapUpNeeds {
  return { disposition: needs.some((n) => n.disposition), note: needs.some((n) => n.note) };
}

/**
 * The agent's missing wrap-up of one interaction, if any: it answered the contact at or after
 * `since` (this shift) in a queue that requires a disposition or note, and has filed none that
 * has it, nor was it waived.
 */
export function missingWrapUp(contactId: string, entries: readonly HistoryEntry[], agentId: string, policies: readonly WrapUpPolicy[], since: number): MissingWrapUp | undefined {
  const handled = handlingsOf(entries, agentId).filter((h) => h.answeredAt >= since);
  const needed = handled.filter((h) => needsAnything(needsOf(policyFor(policies, h.queueId))));
  const last = needed.at(-1);
  if (last === undefined) return undefined;
  const needs = combinedNeeds(needed.map((h) => needsOf(policyFor(policies, h.queueId))));
  return wrapUpSettled(entries, agentId, needs) ? undefined : { contactId, queueId: last.queueId, answeredAt: last.answeredAt, needs };
}

/** Problems of the configured policies: unknown or repeated queues, a required disposition with none to pick. */
export function wrapUpPolicyProblems(policies: readonly WrapUpPolicy[], queueIds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  policies.forEach((p, i) => {
    const at = `config.wrapUpPolicies[${i}]`;
    if (!queueIds.has(p.queueId)) out.push(`${at}.queueId: no queue '${p.queueId}' in the domain`);
    if (seen.has(p.queueId)) out.push(`${at}.queueId: queue '${p.queueId}' has a policy already`);
    if (p.requireDisposition === true && p.dispositions.length === 0) out.push(`${at}.dispositions: a required disposition needs at least one to pick`);
    seen.add(p.queueId);
  });
  return out;
}
