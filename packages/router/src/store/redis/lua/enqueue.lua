-- name: enqueue
-- uses: lib
-- A contact arrives (validated, with its head start computed, by the router process): it is
-- reserved to the best ready agent of the pools of its step, or waits in its set.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 contact id, 4 queue id,
--   5 head start (ms), 6 attributes (JSON, stored as given), 7 preferred agent ids (JSON list),
--   8 preferred window (ms)
-- Returns: { state, agent id, token, deadline (or the end of the preferred window), step,
-- waiting in queue } or ERR.CONFIG_STALE,
-- ERR.DUPLICATE (the id exists), ERR.UNKNOWN (no such queue).
if not begin(ARGV[1], ARGV[2]) then return ERR.CONFIG_STALE end
local id = ARGV[3]
if redis.call('EXISTS', k('c', id)) == 1 then return ERR.DUPLICATE end
local q = queue(ARGV[4])
if q == nil then return ERR.UNKNOWN end
local boost = tonumber(ARGV[5])
local seq = redis.call('HINCRBY', k('seq'), 'contact', 1) - 1
redis.call('HSET', k('c', id), 'id', id, 'seq', seq, 'channel', q.channelName, 'queue', q.id, 'state', 'new',
  'created', jnum(NOW), 'qentered', jnum(NOW), 'waitstart', jnum(NOW), 'boost', jnum(boost), 'key', jnum(NOW - boost),
  'step', 0, 'version', 0, 'declined', '[]', 'agent', '', 'token', '', 'offers', 0, 'hops', 0, 'answered', '',
  'ended', '', 'attrs', ARGV[6], 'preferred', ARGV[7],
  'prefuntil', ARGV[7] == '[]' and 0 or jnum(NOW + tonumber(ARGV[8])))
qincr(q, 'held', 1)
admit(contact(id))
local c = contact(id)
local deadline = ''
if c.token ~= '' then deadline = redis.call('HGET', k('r', c.token), 'deadline') end
if c.state == 'preferred' then deadline = jnum(c.prefuntil) end
return { c.state, c.agent, c.token, deadline, c.step, redis.call('HGET', k('q', c.queue), 'waiting') }
