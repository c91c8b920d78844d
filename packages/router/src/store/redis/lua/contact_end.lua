-- name: contact_end
-- uses: lib
-- The conversation ends (complete: the agent wraps up or is freed) or the customer hangs up
-- before being served (abandon).
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 contact id,
--   4 'complete' | 'abandon'
-- Returns: 0, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING (due timers first: fire them and retry), ERR.UNKNOWN (no such contact), ERR.STATE_INVALID.
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local c = contact(ARGV[3])
if c == nil then return ERR.UNKNOWN end
if ARGV[4] == 'abandon' then return abandon(c) or 0 end
if c.state ~= 'active' then return ERR.STATE_INVALID end
complete(c)
return 0
