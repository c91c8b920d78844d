import type { Trace, TraceDecision } from './types.js';

/**
 * A decision trace in words: for each decision, who was looked at and why each candidate won or
 * lost; for every agent, why it could or could not take the contact now. Pure.
 */

export const TRIGGER_TEXT: Readonly<Record<string, string>> = {
  'contact-arrived': 'the contact arrived',
  'agent-available': 'an agent became available',
  'step-escalated': 'the contact reached its next step',
  returned: 'the contact came back (rejected or not answered)',
  preferred: 'the contact was held for its preferred agents',
};

export const SKIP_TEXT: Readonly<Record<string, string>> = {
  'worse-key': 'qualified and ready, but another came first by the strategy',
  declined: 'already rejected or missed this contact',
  absent: 'preferred agent, absent by the calendar',
  'not-ready': 'preferred agent, not ready or no free capacity',
  'lower-order-key': 'another waiting contact came first (order key)',
};

export const ELIGIBILITY_TEXT: Readonly<Record<string, string>> = {
  eligible: 'could take it now',
  'contact-ended': 'the contact has ended',
  'not-member': 'does not meet any requirement step of the queue',
  'step-not-reached': 'qualifies only at a later step than the contact has reached',
  offline: 'logged out',
  'not-ready': 'not ready',
  'no-capacity': 'no free capacity (on a contact)',
  declined: 'already rejected or missed this contact',
  absent: 'absent by the calendar',
  'preferred-only': 'the contact is held for its preferred agents',
};

export interface CandidateRow {
  readonly id: string;
  readonly kind: string;
  readonly pool: string;
  readonly key: string;
  readonly result: 'chosen' | 'passed over';
  readonly why: string;
}

export interface DecisionRow {
  readonly at: number;
  readonly trigger: string;
  readonly queueId: string;
  readonly step: number;
  readonly strategy: string;
  readonly outcome: string;
  readonly summary: string;
  readonly candidates: readonly CandidateRow[];
  readonly score: string | undefined;
}

function outcomeText(d: TraceDecision): string {
  if (d.outcome === 'reserved') return `offered to ${d.agentId ?? 'an agent'}`;
  if (d.outcome === 'preferred') return 'held for its preferred agents';
  return 'queued: no ready agent in the pools it may use';
}

function candidateRow(d: TraceDecision, c: TraceDecision['candidates'][number]): CandidateRow {
  const chosen = c.skipped === undefined && (c.id === d.agentId || c.id === d.contactId);
  return {
    id: c.id, kind: c.kind, pool: c.pool ?? '–', key: c.key === undefined ? '–' : c.key.join(' / '),
    result: chosen ? 'chosen' : 'passed over',
    why: c.skipped === undefined ? (chosen ? 'first by the strategy' : 'not chosen') : SKIP_TEXT[c.skipped] ?? c.skipped,
  };
}

/** The decisions, oldest first, each with its candidates. */
export function decisionRows(t: Trace): DecisionRow[] {
  return [...t.decisions].sort((a, b) => a.at - b.at).map((d) => ({
    at: d.at, trigger: TRIGGER_TEXT[d.trigger] ?? d.trigger, queueId: d.queueId, step: d.step, strategy: d.strategy, outcome: d.outcome,
    summary: outcomeText(d),
    candidates: d.candidates.map((c) => candidateRow(d, c)),
    score: d.score === undefined ? undefined : `${d.score.total} = ${d.score.components.map((c) => `${c.skill} ${c.level}×${c.weight}`).join(' + ')}`,
  }));
}

export interface EligibilityRow {
  readonly agentId: string;
  readonly eligibility: string;
  readonly why: string;
  readonly memberStep: string;
  readonly score: number;
}

const ELIGIBILITY_ORDER = ['eligible', 'no-capacity', 'not-ready', 'offline', 'declined', 'absent', 'preferred-only', 'step-not-reached', 'not-member', 'contact-ended'];

/**
 * Every agent's eligibility, the ones who could take it first, then the nearest misses;
 * `onlyAgents` narrows to the supervisor's own agents.
 */
export function eligibilityRows(t: Trace, onlyAgents?: ReadonlySet<string>): EligibilityRow[] {
  const rank = (e: string) => { const i = ELIGIBILITY_ORDER.indexOf(e); return i < 0 ? ELIGIBILITY_ORDER.length : i; };
  return t.eligibility
    .filter((e) => onlyAgents === undefined || onlyAgents.has(e.agentId))
    .map((e) => ({ agentId: e.agentId, eligibility: e.eligibility, why: ELIGIBILITY_TEXT[e.eligibility] ?? e.eligibility, memberStep: e.memberStep < 0 ? '–' : String(e.memberStep), score: e.score }))
    .sort((a, b) => rank(a.eligibility) - rank(b.eligibility) || b.score - a.score || a.agentId.localeCompare(b.agentId));
}
