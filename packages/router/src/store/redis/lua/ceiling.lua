-- name: ceiling
-- The benchmark's yardstick, not a store operation: the smallest script shaped like a
-- reservation (take the best ready agent, mark agent and contact, schedule the ring timer).
-- Its throughput is the practical ceiling of "one script per decision" on a Redis.
--
-- KEYS: 1 pool (zset of agent ids), 2 agent hash, 3 contact hash, 4 timers (zset)
-- ARGV: 1 contact id, 2 deadline (ms)
-- Returns: the agent id taken, or -2 when the pool is empty (nothing written).
local top = redis.call('ZPOPMIN', KEYS[1])
if #top == 0 then return -2 end
redis.call('HSET', KEYS[2], 'contact', ARGV[1])
redis.call('HSET', KEYS[3], 'agent', top[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
return top[1]
