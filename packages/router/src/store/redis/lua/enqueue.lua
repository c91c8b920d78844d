-- name: enqueue
-- uses: lib
-- A contact arrives (validated, with its head start computed, by the router process): it is
-- reserved to the best ready agent of the pools of its step, or waits in its set.
-- KEYS: 1 key prefix `sb:{<domain>}:`
-- ARGV: 1 configuration version, 2 time in ms ('' = server time), 3 contact id, 4 queue id,
--   5 head start (ms), 6 attributes (JSON, stored as given), 7 preferred agent ids (JSON list),
--   8 preferred window (ms), 9 scheduled callback time (ms, '' = none), 10 skills the contact
--   itself requires (JSON list of skill ids, '[]' = none), 11 virtual hold from arrival ('1', else '')
-- Returns: ERR.TIMERS_PENDING (due timers first: fire them and retry), or { state, queue, agent id, token, deadline (or the end of the preferred window, or the
-- callback time), step,
-- waiting in queue } or ERR.CONFIG_STALE,
-- ERR.DUPLICATE (the id exists), ERR.UNKNOWN (no such queue).
local ok, _, pending = begin(KEYS[1], ARGV[1], ARGV[2])
if not ok then return ERR.CONFIG_STALE end
if pending then return ERR.TIMERS_PENDING end
local id = ARGV[3]
if redis.call('EXISTS', k('c', id)) == 1 then return ERR.DUPLICATE end
local q = queue(ARGV[4])
if q == nil then return ERR.UNKNOWN end
local boost = tonumber(ARGV[5])
local start = NOW
local callback_at = ARGV[9] ~= '' and tonumber(ARGV[9]) or nil
local held = ARGV[11] == '1' and '1' or '' -- the caller left the line: an agent calls back
if callback_at ~= nil and callback_at > NOW then start = callback_at else callback_at = nil end
local seq = redis.call('HINCRBY', k('seq'), 'contact', 1) - 1
-- The record as contact() would read it back, kept for the rest of the script.
local c = {
  id = id, seq = seq, channel = q.channelName, queue = q.id, state = 'new', created = NOW, qentered = start,
  waitstart = start, boost = boost, key = start - boost, step = 0, version = 0, declined = {}, agent = '', token = '',
  offers = 0, hops = 0, answered = '', ended = '', attrs = ARGV[6], preferred = cjson.decode(ARGV[7]), callback = held,
  callbackat = callback_at and jnum(callback_at) or '', prefuntil = ARGV[7] == '[]' and 0 or start + tonumber(ARGV[8]),
  req = cjson.decode(ARGV[10] or '[]'),
}
redis.call('HSET', k('c', id), 'id', id, 'seq', jnum(seq), 'channel', c.channel, 'queue', c.queue, 'state', c.state,
  'created', jnum(NOW), 'qentered', jnum(start), 'waitstart', jnum(start), 'boost', jnum(boost), 'key', jnum(c.key),
  'step', '0', 'version', '0', 'declined', '[]', 'agent', '', 'token', '', 'offers', '0', 'hops', '0', 'answered', '',
  'ended', '', 'attrs', ARGV[6], 'preferred', ARGV[7], 'callback', held, 'callbackat', c.callbackat,
  'prefuntil', jnum(c.prefuntil), 'req', ARGV[10] or '[]')
c.saved = snapshot(c, CONTACT_FIELDS)
c.saved.declined = '[]'
redis.call('ZADD', k('contacts'), jnum(seq), id)
qcount(q, 'held', 1)
if held == '1' then emit({ 'type', 'callback.requested', 'at', NOW, 'contactId', c.id, 'queueId', c.queue }) end
if callback_at ~= nil then
  step(c, 'callback.scheduled')
  schedule_wake(c)
  emit({ 'type', 'contact.scheduled', 'at', NOW, 'contactId', c.id, 'callbackAt', callback_at })
  save_contact(c)
else
  admit(c)
end
local deadline = ''
if c.token ~= '' then deadline = jnum(c.deadline) end
if c.state == 'preferred' then deadline = jnum(c.prefuntil) end
if c.state == 'scheduled' then deadline = jnum(callback_at) end
return { c.state, c.queue, c.agent, c.token, deadline, c.step, redis.call('HGET', k('q', c.queue), 'waiting') }
