-- name: agent_presence
-- uses: lib
-- Login, ready, not ready (pause) or logout, through the agent machine's table. Becoming
-- ready takes waiting work at once; anything else files the agent out of its pools.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 agent id,
--   4 event (agent.loggedIn | agent.readied | agent.notReadied | agent.loggedOut), 5 reason
-- Returns: 0, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING (due timers first: fire them and retry), ERR.UNKNOWN (no such agent), ERR.STATE_INVALID, ERR.BUSY
-- (logging out while holding contacts).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local a = agent(ARGV[3])
if a == nil then return ERR.UNKNOWN end
local reason = ARGV[5] ~= '' and ARGV[5] or nil
return set_presence(a, ARGV[4], reason) or 0
