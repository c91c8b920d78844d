-- name: log_snapshot
-- Keeps a snapshot of a domain's engine, taken by a router process at a log position, and
-- trims the log before it: a process that opens the domain restores the snapshot and applies
-- only the entries after it. The call first writes the events the outbox lacks up to that
-- position (compare-and-set, as log_append), so every entry before a snapshot has its events
-- in the outbox. Refused (0; the events may have been written, nothing else) when the stored
-- snapshot is as recent, or the outbox still lacks events up to the position. The meta field
-- `floor` becomes the last entry removed: a process whose position is before it has missed
-- entries and must restore the snapshot (log_append answers -4).
--
-- KEYS: 1 meta hash, 2 command log (stream), 3 snapshot (hash), 4 outbox (stream)
-- ARGV: 1 the id of the last log entry the snapshot includes, 2 that entry's time (ms, text),
--   3 the snapshot (text), 4 the outbox position the events in ARGV[6] follow ('' = none),
--   5 the log entry id they reach, 6 the events (JSON text, one per line), 7 how many entries
--   before the snapshot stay in the log (slack for processes that follow a little behind)
-- Returns: 1 when stored (and the log trimmed), 0 when refused.
local function after(a, b)
  local a1, a2 = string.match(a, '^(%d+)-(%d+)$')
  local b1, b2 = string.match(b, '^(%d+)-(%d+)$')
  a1, a2, b1, b2 = tonumber(a1), tonumber(a2), tonumber(b1), tonumber(b2)
  return a1 > b1 or (a1 == b1 and a2 > b2)
end
local outbox = redis.call('HGET', KEYS[1], 'outbox') or '0-0'
if ARGV[4] ~= '' and ARGV[4] == outbox then
  if ARGV[6] ~= '' then redis.call('XADD', KEYS[4], 'MAXLEN', '~', 100000, '*', 'b', ARGV[6]) end
  outbox = ARGV[5]
  redis.call('HSET', KEYS[1], 'outbox', outbox)
end
local current = redis.call('HGET', KEYS[3], 'id')
if (current and not after(ARGV[1], current)) or after(ARGV[1], outbox) then return 0 end
redis.call('HSET', KEYS[3], 'id', ARGV[1], 'time', ARGV[2], 'data', ARGV[3])
-- Keep ARGV[7] entries before the snapshot (newest first below); trim what is older.
local keep = tonumber(ARGV[7] or '0') or 0
local before = redis.call('XREVRANGE', KEYS[2], '(' .. ARGV[1], '-', 'COUNT', keep + 1)
if #before > keep then
  local oldest = keep == 0 and ARGV[1] or before[keep][1]
  redis.call('XTRIM', KEYS[2], 'MINID', oldest)
  redis.call('HSET', KEYS[1], 'floor', before[keep + 1][1])
end
return 1
