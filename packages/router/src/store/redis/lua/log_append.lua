-- name: log_append
-- The one script every state change of a routing domain goes through. It
--   1. writes the events of log entries the caller has applied to the outbox, as one outbox
--      entry (field `b`, one event per line), if no other process has written them yet:
--      compare-and-set on the outbox position, so every entry's events are written once, in log
--      order, by whichever process comes first — a process that dies before writing the events
--      of its own entries leaves them to the others;
--   2. returns the entries other processes appended since the caller last read the log;
--   3. appends the caller's batch of operations, with the time they happen at, as one entry.
-- Every router process applies the log, in order, to its own deterministic engine, so every
-- process takes the same decisions and emits the same events. Time never goes backwards: an
-- entry's time is the larger of the server's (or given) time and the last entry's.
--
-- KEYS: 1 the domain's meta hash, 2 the domain's command log (stream), 3 the outbox (stream)
-- ARGV: 1 the id of the last log entry the caller applied ('0-0' = none),
--   2 time in ms ('' = Redis server time), 3 the batch (opaque text; '' = append nothing),
--   4 at most this many foreign entries are returned,
--   5 the outbox position the events in ARGV[7] follow ('' = no events), 6 the log entry id
--   they reach, 7 the events (JSON text, one per line), in order
-- Returns: { id of the appended entry ('' when nothing was appended), its time (text),
--   foreign entries [[id, [field, value, ...]], ...], the outbox position after this call,
--   1 when more foreign entries wait than the ARGV[4] returned (else 0) }: the caller reads
--   the rest before it applies its own entry, the log's length (entries) }. -2: no such domain;
--   -4: entries after the caller's position were trimmed (see log_snapshot.lua): it must
--   restore the snapshot; nothing written.
local meta = redis.call('HMGET', KEYS[1], 'time', 'outbox', 'floor')
if not meta[1] then return -2 end
if meta[3] then
  local p1, p2 = string.match(ARGV[1], '^(%d+)-(%d+)$')
  local f1, f2 = string.match(meta[3], '^(%d+)-(%d+)$')
  p1, p2, f1, f2 = tonumber(p1), tonumber(p2), tonumber(f1), tonumber(f2)
  if p1 < f1 or (p1 == f1 and p2 < f2) then return -4 end
end
local outbox = meta[2] or '0-0'
if ARGV[5] ~= '' and ARGV[5] == outbox then
  if ARGV[7] ~= '' then redis.call('XADD', KEYS[3], '*', 'b', ARGV[7]) end
  outbox = ARGV[6]
  redis.call('HSET', KEYS[1], 'outbox', outbox)
end
local max = tonumber(ARGV[4])
local foreign = redis.call('XRANGE', KEYS[2], '(' .. ARGV[1], '+', 'COUNT', max + 1)
local more = 0
if #foreign > max then
  foreign[#foreign] = nil
  more = 1
end
if ARGV[3] == '' then return { '', meta[1], foreign, outbox, more, redis.call('XLEN', KEYS[2]) } end
local last = tonumber(meta[1])
local t
if ARGV[2] == '' then
  local now = redis.call('TIME')
  t = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
else
  t = tonumber(ARGV[2])
end
local text = meta[1]
if t > last then
  text = ARGV[2] ~= '' and ARGV[2] or string.format('%d', t)
  redis.call('HSET', KEYS[1], 'time', text)
end
local id = redis.call('XADD', KEYS[2], '*', 't', text, 'b', ARGV[3])
return { id, text, foreign, outbox, more, redis.call('XLEN', KEYS[2]) }
