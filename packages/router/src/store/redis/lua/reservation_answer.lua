-- name: reservation_answer
-- uses: lib
-- The agent accepts or rejects a ringing offer, named by reservation id and fencing token.
-- A token that is not the current one of that reservation is refused.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 reservation id, 4 token,
--   5 'accept' | 'reject'
-- Returns: 0, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING (due timers first: fire them and retry), ERR.STALE_TOKEN (the reservation exists under another
-- token), ERR.UNKNOWN (no current reservation of that id).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local r = reservation(ARGV[4])
if r == nil or r.phase ~= 'reserved' or r.id ~= ARGV[3] then
  local own = string.match(ARGV[3], '^R(%d+)$')
  local mine = own and reservation(tostring(tonumber(own)))
  if mine and mine.phase == 'reserved' then return ERR.STALE_TOKEN end
  return ERR.UNKNOWN
end
if ARGV[5] == 'accept' then accept(r) else return_contact(r, 'rejected') end
return 0
