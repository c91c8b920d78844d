-- name: contact_move
-- uses: lib
-- An active contact is transferred to another queue (never straight back to the agent who
-- transferred it), a queued contact is moved to another queue by a supervisor (keeping its
-- order key), or a queued contact switches to a callback that keeps its place.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 contact id,
--   4 'transfer' | 'move' | 'callback', 5 target queue id (transfer, move), 6 head start in that queue (ms, transfer)
-- Returns: 0, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING (due timers first: fire them and retry), ERR.UNKNOWN (no such contact), ERR.INPUT (no such queue, or
-- another channel, or (move) the queue it is in), ERR.STATE_INVALID (transfer: not active; move, callback: not queued).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local c = contact(ARGV[3])
if c == nil then return ERR.UNKNOWN end
if ARGV[4] == 'callback' then
  if c.state ~= 'queued' then return ERR.STATE_INVALID end
  request_callback(c)
  return 0
end
local to = queue(ARGV[5])
if to == nil then return ERR.INPUT end
if ARGV[4] == 'move' then
  if c.state ~= 'queued' then return ERR.STATE_INVALID end
  if to.id == c.queue or to.channelName ~= c.channel then return ERR.INPUT end
  move_waiting(c, to)
  return 0
end
if c.state ~= 'active' then return ERR.STATE_INVALID end
if to.channelName ~= c.channel then return ERR.INPUT end
transfer(c, to, tonumber(ARGV[6]))
return 0
