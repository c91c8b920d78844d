import { checkAgentAccess, type Actor } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../service-errors.js';
import { HistoryAccess } from './history-access.js';
import type { HistoryEntry } from './history-entry.js';
import { summarize, type InteractionSummary } from './interaction-summary.js';

/** One interaction: its summary and every entry, in order. */
export interface InteractionRecord {
  readonly interaction: InteractionSummary;
  readonly entries: readonly HistoryEntry[];
}

/** Entries read per page of an export. */
const PAGE = 500;

/** One interaction's history, for whoever may read it (INTERACTION_UNKNOWN, FORBIDDEN). */
export async function interactionHistory(ctx: ServiceContext, actor: Actor, interactionId: string): Promise<InteractionRecord> {
  const access = await HistoryAccess.of(ctx, actor);
  const entries = await ctx.history.entries(interactionId);
  if (entries.length === 0) throw new ServiceError('INTERACTION_UNKNOWN', `no history of '${interactionId}'`);
  const interaction = summarize(interactionId, entries);
  if (!(await access.canSee(interaction))) throw new ServiceError('FORBIDDEN', `interaction '${interactionId}' is not yours to see`);
  return { interaction, entries };
}

async function summaries(ctx: ServiceContext, ids: readonly string[]): Promise<InteractionSummary[]> {
  const all = await ctx.history.entriesOf(ids);
  return ids.map((id, i) => summarize(id, all[i] ?? []));
}

/** A customer's interactions, newest first: those the actor may read (of its own customers: all). */
export async function customerInteractions(ctx: ServiceContext, actor: Actor, customerId: string, limit = 50): Promise<InteractionSummary[]> {
  const access = await HistoryAccess.of(ctx, actor);
  const list = await summaries(ctx, await ctx.history.interactionsOfCustomer(customerId, limit));
  const seen = await Promise.all(list.map((s) => access.canSee(s)));
  return list.filter((_, i) => seen[i] === true);
}

/** An agent's interactions, newest first, optionally from `since` (ms) on: for the agent, its supervisors, admins. */
export async function agentInteractions(ctx: ServiceContext, actor: Actor, agentId: string, limit = 50, since?: number): Promise<InteractionSummary[]> {
  const access = await HistoryAccess.of(ctx, actor);
  if (access.role !== 'admin') checkAgentAccess(actor, await ctx.store.getAgent(agentId));
  return summaries(ctx, await ctx.history.interactionsOfAgent(agentId, limit, since));
}

/**
 * The history as NDJSON lines (one entry each, in append order) after the cursor `after`, at
 * most `limit` lines: admins all, supervisors the entries of their queues and teams. Access is
 * checked before the first line, so a refusal is an error answer, not a cut stream.
 */
export async function exportHistory(ctx: ServiceContext, actor: Actor, opts: { after?: string | undefined; limit: number }): Promise<AsyncIterable<string>> {
  const access = await HistoryAccess.of(ctx, actor);
  if (access.role === 'agent') throw new ServiceError('FORBIDDEN', 'exporting the history needs role supervisor or admin');
  return exportLines(ctx, access, opts.after, opts.limit);
}

async function* exportLines(ctx: ServiceContext, access: HistoryAccess, after: string | undefined, limit: number): AsyncGenerator<string> {
  let cursor = after;
  let left = limit;
  while (left > 0) {
    const page = await ctx.history.page(cursor, Math.min(PAGE, left));
    for (const e of page.entries) {
      if (!access.exports(e)) continue;
      left--;
      yield `${JSON.stringify(e)}\n`;
      if (left === 0) return;
    }
    if (page.next === undefined) return;
    cursor = page.next;
  }
}
