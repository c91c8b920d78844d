-- name: agent_config
-- uses: lib
-- Adds, updates or removes an agent, or replaces its skills, live. The router process has
-- validated the change and computed the agent's memberships after it with the core; the
-- script checks what depends on live state, applies the memberships (kept ones keep their
-- place and round-robin history, new ones are appended in order, as the core does), re-files
-- or serves the agent, and stores the new configuration under a new version.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 the change as JSON:
--   { op: 'upsert' | 'skills' | 'remove', id, cap, maxch, weight, absences (JSON text), levels (JSON text),
--     mem: [{ queue, step, score }] },
--   4 the domain configuration after the change (JSON text)
-- Returns: the new configuration version, or ERR.CONFIG_STALE, ERR.TIMERS_PENDING, ERR.UNKNOWN
-- (no such agent), ERR.STATE_INVALID (removing an agent that is not logged out), ERR.BUSY
-- (removing an agent that holds contacts), ERR.CAPACITY (capacity below what it holds).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local ch = cjson.decode(ARGV[3])
local a = agent(ch.id)
if ch.op ~= 'upsert' and a == nil then return ERR.UNKNOWN end
if ch.op == 'remove' then
  if a.presence ~= 'offline' then return ERR.STATE_INVALID end
  if #a.asg > 0 then return ERR.BUSY end
end
if ch.op == 'upsert' and a ~= nil and ch.cap < a.used then return ERR.CAPACITY end

local function bump_version()
  local v = tostring(tonumber(redis.call('HGET', k('cfg'), 'version')) + 1)
  redis.call('HSET', k('cfg'), 'version', v, 'config', ARGV[4])
  return v
end

if ch.op == 'remove' then
  unfile(a) -- logged out, so filed nowhere already
  redis.call('DEL', k('a', a.id))
  emit({ 'type', 'agent.removed', 'at', NOW, 'agentId', ch.id })
  return bump_version()
end

if a == nil then
  local seq = redis.call('HINCRBY', k('seq'), 'agent', 1) - 1
  local zeros = {}
  for i = 1, #ch.maxch do zeros[i] = 0 end
  redis.call('HSET', k('a', ch.id), 'id', ch.id, 'seq', seq, 'presence', 'offline', 'reason', '', 'since', jnum(NOW),
    'cap', ch.cap, 'used', 0, 'perch', cjson.encode(zeros), 'maxch', cjson.encode(ch.maxch), 'avail', jnum(NOW),
    'handled', 0, 'missed', 0, 'weight', jnum(ch.weight), 'mem', '[]', 'plan', '', 'filed', '', 'idle1', 0, 'idle2', 0,
    'staffed', 0, 'occupied', 0, 'acc', jnum(NOW), 'asg', '[]', 'prefby', '[]', 'absences', ch.absences, 'levels', ch.levels)
  a = agent(ch.id)
elseif ch.op == 'upsert' then
  account_time(a)
  a.cap = ch.cap
  a.weight = ch.weight
  a.maxch = ch.maxch
  a.absences = cjson.decode(ch.absences)
  redis.call('HSET', k('a', a.id), 'cap', ch.cap, 'weight', jnum(ch.weight), 'maxch', cjson.encode(ch.maxch), 'absences', ch.absences)
end

redis.call('HSET', k('a', a.id), 'levels', ch.levels)

merge_memberships(a, ch.mem)
if a.presence == 'ready' then offer_work(a) else repool(a) end
if ch.op == 'upsert' then emit({ 'type', 'agent.updated', 'at', NOW, 'agentId', ch.id }) end
return bump_version()
