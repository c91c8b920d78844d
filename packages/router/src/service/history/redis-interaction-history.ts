import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { reach } from '../../store/redis/reach.js';
import { serviceKey } from '../redis-ports.js';
import { inOrder, type HistoryDraft, type HistoryEntry } from './history-entry.js';
import type { AppendOptions, HistoryAppend, HistoryPage, InteractionHistory } from './interaction-history.js';

/**
 * One atomic append: the dedupe check, the stream entry and the indices together, so an entry
 * is recorded completely once or not at all, whichever process appends it and however often.
 */
const APPEND_LUA = `
-- KEYS: 1 the history stream, 2 the interaction's entries (hash: key -> "<position> <id> <json>"),
--       3.. indices (sorted sets: interaction id -> time it was first filed there)
-- ARGV: 1 interaction id, 2 dedupe key ('' = none), 3 position ('' = the new entry's id),
--       4 time (ms, the index score), 5 the entry as JSON, 6 how many of KEYS[3..] are customer
--       indices (by arrival: the first time stays); the rest are agent indices (the latest time)
-- returns: the new entry's stream id, or false when an entry with this key was recorded already
local key, pos = ARGV[2], ARGV[3]
if key ~= '' and redis.call('HEXISTS', KEYS[2], key) == 1 then return false end
local id = redis.call('XADD', KEYS[1], '*', 'p', pos, 'e', ARGV[5])
if pos == '' then pos = id end
if key == '' then key = id end
redis.call('HSET', KEYS[2], key, pos .. ' ' .. id .. ' ' .. ARGV[5])
local customers = tonumber(ARGV[6])
for i = 3, #KEYS do redis.call('ZADD', KEYS[i], i - 2 <= customers and 'NX' or 'GT', ARGV[4], ARGV[1]) end
return id
`;
const APPEND_COMMAND = `sb_history_append_${createHash('sha1').update(APPEND_LUA).digest('hex').slice(0, 10)}`;

/** Entries per pipeline of {@link RedisInteractionHistory.appendMany}. */
const APPENDS_PER_PIPELINE = 1_000;

type AppendCall = (numKeys: number, ...keysAndArgs: Array<string | number>) => Promise<string | null>;

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
  private readonly appendScript: AppendCall;

  constructor(private readonly redis: Redis, private readonly domain: string) {
    redis.defineCommand(APPEND_COMMAND, { lua: APPEND_LUA });
    const fn = (redis as unknown as Record<string, AppendCall>)[APPEND_COMMAND] as AppendCall;
    this.appendScript = (...a) => fn.call(redis, ...a);
  }

  private key(...parts: string[]): string {
    return serviceKey(this.domain, 'hist', ...parts);
  }

  async append(draft: HistoryDraft, opts: AppendOptions = {}): Promise<HistoryEntry | undefined> {
    const id = await reach(() => this.appendScript(...this.appendArgs(draft, opts)));
    return entryOf(id, draft, opts);
  }

  /**
   * One pipeline (of at most {@link APPENDS_PER_PIPELINE} entries, one after the other): one
   * write. Redis reads a client's pipeline 16 KB at a time, serving its other clients between,
   * so the routing log does not wait behind a long one.
   */
  async appendMany(items: readonly HistoryAppend[]): Promise<Array<HistoryEntry | undefined>> {
    const out: Array<HistoryEntry | undefined> = [];
    for (let i = 0; i < items.length; i += APPENDS_PER_PIPELINE) out.push(...await this.appendPipelined(items.slice(i, i + APPENDS_PER_PIPELINE)));
    return out;
  }

  private async appendPipelined(items: readonly HistoryAppend[]): Promise<Array<HistoryEntry | undefined>> {
    const tx = this.redis.pipeline() as unknown as Record<string, (...a: Array<string | number>) => unknown> & { exec(): Promise<Array<[Error | null, unknown]> | null> };
    for (const { draft, opts } of items) tx[APPEND_COMMAND]?.(...this.appendArgs(draft, opts ?? {}));
    const res = (await reach(() => tx.exec())) ?? [];
    return items.map(({ draft, opts }, i) => {
      const [err, id] = res[i] ?? [new Error('the history append got no reply'), null];
      if (err !== null) throw err;
      return entryOf(id as string | null, draft, opts ?? {});
    });
  }

  /** The script's keys and arguments for one entry (numkeys first). */
  private appendArgs(draft: HistoryDraft, opts: AppendOptions): [number, ...Array<string | number>] {
    const keys = [this.key(), this.key('i', draft.interactionId)];
    if (draft.customerId !== undefined) keys.push(this.key('c', draft.customerId));
    if (draft.agentId !== undefined) keys.push(this.key('a', draft.agentId));
    const json = JSON.stringify(draft);
    return [keys.length, ...keys, draft.interactionId, opts.key ?? '', opts.position ?? '', Math.round(draft.at), json, draft.customerId === undefined ? 0 : 1];
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
