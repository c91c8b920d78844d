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
--   foreign entries [[id, [field, value, ...]], ...] (at most ARGV[4]), the outbox position
--   after this call, 1 when more foreign entries wait than were returned (the caller reads the
--   rest before it applies its own entry) else 0, the log's length (entries), the server's
--   time (ms) }.
--   -2: no such domain. -4: entries after the caller's position were trimmed (see
--   log_snapshot.lua): it must restore the snapshot. -5: the caller's position is past the
--   log's last entry (Redis lost entries the caller applied). Nothing is written on a refusal.
-- True when stream id a comes after stream id b.
local function after(a, b)
  local a1, a2 = string.match(a, '^(%d+)-(%d+)$')
  local b1, b2 = string.match(b, '^(%d+)-(%d+)$')
  a1, a2, b1, b2 = tonumber(a1), tonumber(a2), tonumber(b1), tonumber(b2)
  return a1 > b1 or (a1 == b1 and a2 > b2)
end
local meta = redis.call('HMGET', KEYS[1], 'time', 'outbox', 'floor')
if not meta[1] then return -2 end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
if ARGV[1] ~= '0-0' then
  local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
  if after(ARGV[1], #last > 0 and last[1][1] or '0-0') then return -5 end
end
if meta[3] and after(meta[3], ARGV[1]) then return -4 end
local outbox = meta[2] or '0-0'
if ARGV[5] ~= '' and ARGV[5] == outbox then
  if ARGV[7] ~= '' then redis.call('XADD', KEYS[3], 'MAXLEN', '~', 100000, '*', 'b', ARGV[7]) end
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
if ARGV[3] == '' then return { '', meta[1], foreign, outbox, more, redis.call('XLEN', KEYS[2]), now } end
local last = tonumber(meta[1])
local t = now
if ARGV[2] ~= '' then t = tonumber(ARGV[2]) end
local text = meta[1]
if t > last then
  text = ARGV[2] ~= '' and ARGV[2] or string.format('%d', t)
  redis.call('HSET', KEYS[1], 'time', text)
end
local id = redis.call('XADD', KEYS[2], '*', 't', text, 'b', ARGV[3])
return { id, text, foreign, outbox, more, redis.call('XLEN', KEYS[2]), now }
