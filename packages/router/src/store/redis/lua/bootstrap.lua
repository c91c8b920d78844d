-- name: bootstrap
-- uses: lib
-- Creates a routing domain from its normalised configuration (computed by the router process
-- with the core: queues, agents, memberships). Refused if the domain exists.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 time in ms ('' = server time), 2 the domain as JSON:
--   { queues: [{ id, cfg (JSON text, stored as is) }], agents: [{ id, seq, cap, maxch, weight, mem, absences, levels }] },
--   3 '1' to record decision traces, '0' not to, 4 the domain configuration (JSON text; processes
--   that open the domain build their layout from it)
-- Returns: the configuration version (1), or ERR.DUPLICATE.
P = KEYS[1]
if redis.call('EXISTS', k('cfg')) == 1 then return ERR.DUPLICATE end
local now = ARGV[1]
if now == '' then
  local t = redis.call('TIME')
  now = jnum(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
end
local dom = cjson.decode(ARGV[2])
for _, q in ipairs(dom.queues) do
  redis.call('HSET', k('q', q.id), 'cfg', q.cfg, 'waiting', 0, 'held', 0)
end
for _, a in ipairs(dom.agents) do
  local zeros = {}
  for i = 1, #a.maxch do zeros[i] = 0 end
  redis.call('HSET', k('a', a.id), 'id', a.id, 'seq', a.seq, 'presence', 'offline', 'reason', '', 'since', now,
    'cap', a.cap, 'used', 0, 'perch', cjson.encode(zeros), 'maxch', cjson.encode(a.maxch), 'avail', now,
    'handled', 0, 'missed', 0, 'weight', a.weight, 'mem', a.mem, 'plan', plan_of(cjson.decode(a.mem)), 'filed', '', 'idle1', 0, 'idle2', 0,
    'staffed', 0, 'occupied', 0, 'acc', now, 'asg', '[]', 'prefby', '[]', 'absences', a.absences, 'levels', a.levels)
end
redis.call('HSET', k('cfg'), 'version', '1', 'now', now, 'trace', ARGV[3], 'config', ARGV[4])
redis.call('HSET', k('seq'), 'agent', #dom.agents)
return 1
