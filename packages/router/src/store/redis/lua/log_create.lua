-- name: log_create
-- Creates a routing domain: its configuration and engine options, and the time the domain's
-- engine starts at. Refused if the domain exists. The log (KEYS[2]) starts empty.
--
-- KEYS: 1 the domain's meta hash, 2 the domain's command log (stream)
-- ARGV: 1 time in ms ('' = Redis server time), 2 the domain configuration (JSON text),
--   3 the engine options (JSON text: trace, retainEnded)
-- Returns: the start time (ms, as text), or -3 (the domain exists; nothing written).
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return -3 end
local t = ARGV[1]
if t == '' then
  local now = redis.call('TIME')
  t = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
end
redis.call('HSET', KEYS[1], 'config', ARGV[2], 'options', ARGV[3], 'start', t, 'time', t)
return t
