-- name: wrap_up_finish
-- uses: lib
-- The agent ends a wrap-up early; the freed capacity takes waiting work at once.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 agent id, 4 contact id
-- Returns: 0, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING (due timers first: fire them and retry), ERR.INPUT (no such agent), ERR.UNKNOWN (the agent holds no
-- such contact), ERR.STATE_INVALID (it is not in wrap-up).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local a = agent(ARGV[3])
if a == nil then return ERR.INPUT end
return finish_wrap_up(a, ARGV[4]) or 0
