-- name: queue_config
-- uses: lib
-- Adds, replaces or removes a queue live. The router process has validated the change and
-- computed, with the core, the queue's configuration, every affected agent's
-- memberships after it, and the members in the core's order. The script re-files the queue's
-- waiting contacts under its new steps, re-files or serves every member, and stores the new
-- configuration under a new version [upsertQueue, removeQueue].
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 the change as JSON:
--   { op: 'upsert' | 'remove', id, cfg (JSON text), order: [agent ids],
--     mems: { agent id: [{ queue, step, score, ch, cost, st, pool }] }, drop: [pools to empty] },
--   4 the domain configuration after the change (JSON text)
-- Returns: the new configuration version, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING,
-- ERR.BUSY (removing a queue that still holds contacts).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local ch = cjson.decode(ARGV[3])
local old = queue(ch.id)
if ch.op == 'remove' and old ~= nil and num(redis.call('HGET', old.key, 'held') or '0') > 0 then return ERR.BUSY end

-- Empty the old sets and pools [drainWaiting]; the contacts come back in (order key, seq) order.
local drained = {}
if old ~= nil then
  for s = 0, #old.steps - 1 do
    for _, member in ipairs(redis.call('ZRANGE', k('q', old.id, 'w', s), 0, -1)) do
      drained[#drained + 1] = contact(string.match(member, '|(.*)$'))
    end
    redis.call('DEL', k('q', old.id, 'w', s))
    redis.call('HDEL', k('best'), best_field(old.id, s))
  end
  for _, pool in ipairs(ch.drop) do redis.call('DEL', k('p', pool)) end
  table.sort(drained, function(x, y) return x.key < y.key or (x.key == y.key and x.seq < y.seq) end)
  if #drained > 0 then -- Redis reads '-0' as no integer
    qcount(old, 'waiting', -#drained)
    redis.call('HINCRBY', k('seq'), 'waitingTotal', -#drained)
  end
end
queues[ch.id] = nil

local function bump_version()
  local v = tostring(tonumber(redis.call('HGET', k('cfg'), 'version')) + 1)
  redis.call('HSET', k('cfg'), 'version', v, 'config', ARGV[4])
  return v
end

if ch.op == 'remove' then
  for id, list in pairs(ch.mems) do merge_memberships(agent(id), list) end
  redis.call('DEL', k('q', ch.id))
  emit({ 'type', 'queue.removed', 'at', NOW, 'queueId', ch.id })
  return bump_version()
end

redis.call('HSET', k('q', ch.id), 'cfg', ch.cfg)
if old == nil then redis.call('HSET', k('q', ch.id), 'waiting', 0, 'held', 0) end
local q = queue(ch.id)
for id, list in pairs(ch.mems) do merge_memberships(agent(id), list) end
for _, c in ipairs(drained) do -- [refile]
  c.step = step_at(c, q, NOW)
  add_waiting(c)
  schedule_wake(c)
  save_contact(c)
end
for _, id in ipairs(ch.order) do
  local a = agent(id)
  if a.presence == 'ready' then offer_work(a) else repool(a) end
end
emit({ 'type', 'queue.updated', 'at', NOW, 'queueId', ch.id })
return bump_version()
