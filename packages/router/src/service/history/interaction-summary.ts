import type { HistoryEntry, InteractionOutcome } from './history-entry.js';

/** One interaction at a glance: who, where, how it went; what the lists of interactions show. */
export interface InteractionSummary {
  readonly interactionId: string;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly outcome: InteractionOutcome | undefined;
  readonly channel: string | undefined;
  readonly customerId: string | undefined;
  /** Every queue the contact was in, in order of first appearance. */
  readonly queueIds: readonly string[];
  /** Every agent that was offered, answered or wrapped up the contact, in order of first appearance. */
  readonly agentIds: readonly string[];
  /** Dispositions filed, by agent (the latest filing of each). */
  readonly dispositions: Readonly<Record<string, string>>;
  readonly entries: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function pushNew(list: string[], v: string | undefined): void {
  if (v !== undefined && !list.includes(v)) list.push(v);
}

/** Pure: the summary of an interaction's entries (in order). */
export function summarize(interactionId: string, entries: readonly HistoryEntry[]): InteractionSummary {
  const queueIds: string[] = [];
  const agentIds: string[] = [];
  const dispositions: Record<string, string> = {};
  let customerId: string | undefined;
  let ended: HistoryEntry | undefined;
  for (const e of entries) {
    pushNew(queueIds, e.queueId);
    pushNew(agentIds, e.agentId);
    customerId ??= e.customerId;
    if (e.kind === 'ended') ended = e;
    const d = str(e.details.disposition);
    if (e.kind === 'wrapUp.filed' && e.agentId !== undefined && d !== undefined) dispositions[e.agentId] = d;
  }
  const arrival = entries.find((e) => e.kind === 'arrived');
  return {
    interactionId, startedAt: (arrival ?? entries[0])?.at, endedAt: ended?.at,
    outcome: str(ended?.details.outcome) as InteractionOutcome | undefined,
    channel: str(arrival?.details.channel), customerId, queueIds, agentIds, dispositions, entries: entries.length,
  };
}
