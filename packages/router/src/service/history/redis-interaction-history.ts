import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { reach } from '../../store/redis/reach.js';
import { serviceKey } from '../redis-ports.js';
import { inOrder, type HistoryDraft, type HistoryEntry } from './history-entry.js';
import type { AppendOptions, HistoryAppend, HistoryPage, InteractionHistory } from './interaction-history.js';

/**
 * Appends entries in order, each atomically: the dedupe check, the stream entry and the indices
 * together, so an entry is recorded completely once or not at all, whichever process appends it
 * and however often. Several entries go in one call (one command for Redis and for the client
 * instead of one each); Redis runs them in order, so entry i sees every entry before it.
 */
const APPEND_LUA = `
-- KEYS: 1 the history stream; then for each entry: the interaction's entries (hash: key ->
--       "<position> <id> <json>"), then its indices (sorted sets: interaction id -> time)
-- ARGV: 7 for each entry: 1 how many indices it has, 2 how many of them are customer indices
--       (by arrival: the first time stays; the rest are agent indices: the latest time),
--       3 interaction id, 4 dedupe key ('' = none), 5 position ('' = the new entry's id),
--       6 time (ms, the index score), 7 the entry as JSON
-- returns: for each entry its new stream id, or false when an entry with its key was recorded already
local out, k = {}, 2
for a = 1, #ARGV, 7 do
  local indices, customers, key, pos = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), ARGV[a + 3], ARGV[a + 4]
  local entries = KEYS[k]
  if key ~= '' and redis.call('HEXISTS', entries, key) == 1 then
    out[#out + 1] = false
  else
    local id = redis.call('XADD', KEYS[1], '*', 'p', pos, 'e', ARGV[a + 6])
    if pos == '' then pos = id end
    if key == '' then key = id end
    redis.call('HSET', entries, key, pos .. ' ' .. id .. ' ' .. ARGV[a + 6])
    for i = 1, indices do redis.call('ZADD', KEYS[k + i], i <= customers and 'NX' or 'GT', ARGV[a + 5], ARGV[a + 2]) end
    out[#out + 1] = id
  end
  k = k + 1 + indices
end
return out
`;
const APPEND_COMMAND = `sb_history_append_${createHash('sha1').update(APPEND_LUA).digest('hex').slice(0, 10)}`;

/**
 * Entries per script call of {@link RedisInteractionHistory.appendMany}: a script holds Redis
 * for its whole run (a few microseconds an entry), so routing waits behind at most this many.
 */
const APPENDS_PER_CALL = 32;
/** Script calls per pipeline of {@link RedisInteractionHistory.appendMany}: one write for them all. */
const CALLS_PER_PIPELINE = 32;

/** `<position> <id> <json>` as the interaction's hash keeps it. */
function parseStored(s: string): HistoryEntry {
  const a = s.indexOf(' ');
  const b = s.indexOf(' ', a + 1);
  return { id: s.slice(a + 1, b), position: s.slice(0, a), ...(JSON.parse(s.slice(b + 1)) as HistoryDraft) };
}

/** The entry an append made, or undefined when its key was recorded already (`id` null). */
function entryOf(id: string | null, draft: HistoryDraft, opts: AppendOptions): HistoryEntry | undefined {
  return id === null ? undefined : { id, position: opts.position ?? id, ...draft };
}

/**
 * The interaction history in Redis, shared by every process of the domain (keys under the
 * domain's hash tag, `sb:{<domain>}:svc|hist…`):
 *
 * - `hist` — a Redis Stream of every entry in append order (the log the NDJSON export reads);
 * - `hist|i|<interaction>` — the interaction's entries by dedupe key, each with its position;
 * - `hist|c|<customer>`, `hist|a|<agent>` — sorted sets of interaction ids by time (a
 *   customer's by arrival, an agent's by its latest entry): the per-customer and per-agent
 *   indices, so a query reads only the interactions it returns;
 * - `hist|shifts` — each agent's last login time.
 *
 * Nothing is trimmed: the history is the record of what happened.
 *
 * @example
 * const history = new RedisInteractionHistory(redis, 'acme');
 * await history.append(draft, { position: outboxId, key: outboxId }); // a second time: undefined
 */
export class RedisInteractionHistory implements InteractionHistory {
  constructor(private readonly redis: Redis, private readonly domain: string) {
    redis.defineCommand(APPEND_COMMAND, { lua: APPEND_LUA });
  }

  private key(...parts: string[]): string {
    return serviceKey(this.domain, 'hist', ...parts);
  }

  async append(draft: HistoryDraft, opts: AppendOptions = {}): Promise<HistoryEntry | undefined> {
    const [entry] = await this.appendMany([{ draft, opts }]);
    return entry;
  }

  /**
   * In script calls of at most {@link APPENDS_PER_CALL} entries, {@link CALLS_PER_PIPELINE} calls
   * a pipeline (one write): Redis serves its other clients between two calls, so the routing
   * log does not wait behind a long batch.
   */
  async appendMany(items: readonly HistoryAppend[]): Promise<Array<HistoryEntry | undefined>> {
    const out: Array<HistoryEntry | undefined> = [];
    const perPipeline = APPENDS_PER_CALL * CALLS_PER_PIPELINE;
    for (let i = 0; i < items.length; i += perPipeline) out.push(...await this.appendPipelined(items.slice(i, i + perPipeline)));
    return out;
  }

  private async appendPipelined(items: readonly HistoryAppend[]): Promise<Array<HistoryEntry | undefined>> {
    const tx = this.redis.pipeline() as unknown as Record<string, (...a: Array<string | number>) => unknown> & { exec(): Promise<Array<[Error | null, unknown]> | null> };
    for (let i = 0; i < items.length; i += APPENDS_PER_CALL) tx[APPEND_COMMAND]?.(...this.appendArgs(items.slice(i, i + APPENDS_PER_CALL)));
    const res = (await reach(() => tx.exec())) ?? [];
    return items.map(({ draft, opts }, i) => {
      const [err, ids] = res[Math.floor(i / APPENDS_PER_CALL)] ?? [new Error('the history append got no reply'), null];
      if (err !== null) throw err;
      return entryOf((ids as Array<string | null>)[i % APPENDS_PER_CALL] ?? null, draft, opts ?? {});
    });
  }

  /** The script's keys and arguments for a run of entries (numkeys first). */
  private appendArgs(items: readonly HistoryAppend[]): Array<string | number> {
    const keys: string[] = [this.key()];
    const args: Array<string | number> = [];
    for (const { draft, opts = {} } of items) {
      keys.push(this.key('i', draft.interactionId));
      if (draft.customerId !== undefined) keys.push(this.key('c', draft.customerId));
      if (draft.agentId !== undefined) keys.push(this.key('a', draft.agentId));
      const indices = (draft.customerId === undefined ? 0 : 1) + (draft.agentId === undefined ? 0 : 1);
      args.push(indices, draft.customerId === undefined ? 0 : 1, draft.interactionId, opts.key ?? '', opts.position ?? '', Math.round(draft.at), JSON.stringify(draft));
    }
    return [keys.length, ...keys, ...args];
  }

  async entries(interactionId: string): Promise<HistoryEntry[]> {
    const all = await reach(() => this.redis.hvals(this.key('i', interactionId)));
    return inOrder(all.map(parseStored));
  }

  async entriesOf(interactionIds: readonly string[]): Promise<HistoryEntry[][]> {
    if (interactionIds.length === 0) return [];
    const tx = this.redis.pipeline();
    for (const id of interactionIds) tx.hvals(this.key('i', id));
    const res = (await reach(() => tx.exec())) ?? [];
    return res.map(([err, vals]) => {
      if (err !== null) throw err;
      return inOrder((vals as string[]).map(parseStored));
    });
  }

  interactionsOfCustomer(customerId: string, limit: number): Promise<string[]> {
    return reach(() => this.redis.zrevrangebyscore(this.key('c', customerId), '+inf', '-inf', 'LIMIT', 0, limit));
  }

  interactionsOfAgent(agentId: string, limit: number, since?: number): Promise<string[]> {
    return reach(() => this.redis.zrevrangebyscore(this.key('a', agentId), '+inf', since === undefined ? '-inf' : Math.floor(since), 'LIMIT', 0, limit));
  }

  async page(after: string | undefined, count: number): Promise<HistoryPage> {
    const rows = await reach(() => this.redis.xrange(this.key(), after === undefined ? '-' : `(${after}`, '+', 'COUNT', count));
    const entries = rows.map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
      return { id, position: f.p === undefined || f.p === '' ? id : f.p, ...(JSON.parse(f.e ?? '{}') as HistoryDraft) };
    });
    return { entries, next: entries.length === count ? entries.at(-1)?.id : undefined };
  }

  async noteShiftStart(agentId: string, at: number): Promise<void> {
    await reach(() => this.redis.zadd(this.key('shifts'), 'GT', Math.round(at), agentId));
  }

  async shiftStart(agentId: string): Promise<number | undefined> {
    const s = await reach(() => this.redis.zscore(this.key('shifts'), agentId));
    return s === null ? undefined : Number(s);
  }
}
