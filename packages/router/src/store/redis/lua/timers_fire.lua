-- name: timers_fire
-- uses: lib
-- Fires every timer due by now (ring timeouts, steps, max wait, wrap-up ends), each at its own
-- due time and in the engine's order. Any live router process may call it: a dead process's
-- timers still fire.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time)
-- Returns: { how many timers changed something, 1 if due timers remain (call again) else 0 },
-- or ERR.CONFIG_STALE.
local ok, fired, more = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
return { fired, more and 1 or 0 }
