-- name: transition_probe (test only)
-- Looks up transitions through the generated tables, as the store's scripts do.
-- KEYS: none
-- ARGV: kind ('contact' | 'agent'), then state, event pairs
-- Returns: the next state for each pair, '' where the event is illegal.
local out = {}
local next_of = ARGV[1] == 'contact' and contact_next or agent_next
for i = 2, #ARGV, 2 do
  out[#out + 1] = next_of(ARGV[i], ARGV[i + 1]) or ''
end
return out
