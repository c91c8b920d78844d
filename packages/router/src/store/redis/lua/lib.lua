-- The routing engine's state changes over Redis keys, shared by the operation scripts (loaded
-- after the prelude and the transition tables). It mirrors the TypeScript core function by
-- function — the core's names are given in brackets — so both stores take the same decisions
-- and emit the same events.
--
-- Every script gets the domain's key prefix `sb:{<domain>}:` as KEYS[1] and builds the other
-- keys from it: they all carry the domain's hash tag, so they live on one Cluster slot. Parts of
-- a key are joined with `|`, which ids cannot contain (they may contain `:`), so no two keys
-- collide whatever the ids.

local P -- key prefix
local NOW -- engine time (ms): the operation's time, or a timer's due time while it fires
local EVENTS_MAXLEN = 100000
local RETAIN_ENDED = 10000

local function k(...) return P .. table.concat({ ... }, '|') end

-- Encoding ------------------------------------------------------------------------------------

--- Numbers as JSON: integers exactly, fractions with 17 significant digits (a JS double reads back equal).
local function jnum(x)
  if x == math.floor(x) and math.abs(x) < 1e15 then return string.format('%d', x) end
  return string.format('%.17g', x)
end

local function jstr(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c) return string.format('\\u%04x', string.byte(c)) end) .. '"'
end

--- A non-negative number as a fixed-width string whose byte order is its numeric order.
local function pad(x) return string.format('%032.12f', x) end

--- Any number (or -inf) as a fixed-width string whose byte order is its numeric order.
local function sortable(x)
  if x == -math.huge then return 'A' end
  if x >= 0 then return 'C' .. pad(x) end
  return 'B' .. string.gsub(pad(-x), '%d', function(d) return tostring(9 - tonumber(d)) end)
end

-- Events [events.ts] ---------------------------------------------------------------------------

--- A JSON object from a flat list name, value, … (kept in that order). A value may be a
--- number, a string, a list of strings, or { raw = '<json>' } for something already encoded.
local function jobj(fields)
  local parts = {}
  for i = 1, #fields, 2 do
    local v = fields[i + 1]
    local s
    if type(v) == 'number' then
      s = jnum(v)
    elseif type(v) == 'table' and v.raw ~= nil then
      s = v.raw
    elseif type(v) == 'table' then
      local items = {}
      for j = 1, #v do items[j] = jstr(v[j]) end
      s = '[' .. table.concat(items, ',') .. ']'
    else
      s = jstr(tostring(v))
    end
    parts[#parts + 1] = jstr(fields[i]) .. ':' .. s
  end
  return '{' .. table.concat(parts, ',') .. '}'
end

--- Appends an event: `fields` as for jobj, in the order the core builds the event.
local function emit(fields)
  redis.call('XADD', k('events'), 'MAXLEN', '~', EVENTS_MAXLEN, '*', 'e', jobj(fields))
end

-- Decision traces [trace.ts] ----------------------------------------------------------------------
-- Kept per contact (the last 16) when the domain records traces; candidates are lists of
-- { id, kind, pool, key, skipped } built while deciding, as the core builds them.

local TRACE = false
local MAX_DECISIONS = 16

local function cand(id, kind, pool, k1, k2, skipped)
  return { id = id, kind = kind, pool = pool, k1 = k1, k2 = k2, skipped = skipped }
end

local function cand_json(x)
  local f = { 'id', x.id, 'kind', x.kind }
  if x.pool ~= nil then f[#f + 1] = 'pool'; f[#f + 1] = x.pool end
  if x.k1 ~= nil then f[#f + 1] = 'key'; f[#f + 1] = { raw = '[' .. jnum(x.k1) .. ',' .. jnum(x.k2) .. ']' } end
  if x.skipped ~= nil then f[#f + 1] = 'skipped'; f[#f + 1] = x.skipped end
  return jobj(f)
end

local function record(cid, fields)
  redis.call('RPUSH', k('t', cid), jobj(fields))
  redis.call('LTRIM', k('t', cid), -MAX_DECISIONS, -1)
end

local function cands_json(list)
  local items = {}
  for i, x in ipairs(list or {}) do items[i] = cand_json(x) end
  return { raw = '[' .. table.concat(items, ',') .. ']' }
end

-- Records --------------------------------------------------------------------------------------

local function hgetall(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then return nil end
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

--- Writes the named fields of a record back to its hash.
local function save(key, rec, fields)
  local args = { 'HSET', key }
  for _, f in ipairs(fields) do
    local v = rec[f]
    args[#args + 1] = f
    args[#args + 1] = type(v) == 'number' and jnum(v) or v
  end
  redis.call(unpack(args))
end

local function num(x) return tonumber(x) end
local function next_seq(name) return redis.call('HINCRBY', k('seq'), name, 1) end

--- Math.imul: the low 32 bits of a 32-bit product, exact (doubles cannot hold the full product).
local function imul(a, b)
  local ah, al = bit.rshift(a, 16), bit.band(a, 0xffff)
  local bh, bl = bit.rshift(b, 16), bit.band(b, 0xffff)
  return bit.tobit(al * bl + bit.lshift(bit.tobit(ah * bl + al * bh), 16))
end

--- The domain's random source, the same generator as the core's `seededRng` (state in `seq`).
local function rng()
  local a = num(redis.call('HGET', k('seq'), 'rng') or '1')
  a = (a + 0x6d2b79f5) % 4294967296
  redis.call('HSET', k('seq'), 'rng', string.format('%d', a))
  local t = bit.tobit(a)
  t = imul(bit.bxor(t, bit.rshift(t, 15)), bit.bor(t, 1))
  t = bit.bxor(t, t + imul(bit.bxor(t, bit.rshift(t, 7)), bit.bor(t, 61)))
  local u = bit.bxor(t, bit.rshift(t, 14))
  if u < 0 then u = u + 4294967296 end
  return u / 4294967296
end

local queues = {}
--- A queue: its configuration (decoded once per script) and the name of its runtime hash.
local function queue(id)
  local q = queues[id]
  if q == nil then
    local raw = redis.call('HGET', k('q', id), 'cfg')
    if not raw then return nil end
    q = cjson.decode(raw)
    q.key = k('q', id)
    queues[id] = q
  end
  return q
end

--- Adds to a queue counter as a double, like the core (HINCRBYFLOAT would sum in long double).
local function qincr(q, field, by)
  local v = tonumber(redis.call('HGET', q.key, field) or '0') + by
  redis.call('HSET', q.key, field, jnum(v))
end

local AGENT_FIELDS = { 'presence', 'reason', 'since', 'used', 'perch', 'avail', 'handled', 'missed', 'staffed', 'occupied', 'acc', 'asg', 'mem', 'prefby' }
local function agent(id)
  local a = hgetall(k('a', id))
  if a == nil then return nil end
  a.perch = cjson.decode(a.perch)
  a.maxch = cjson.decode(a.maxch)
  a.asg = cjson.decode(a.asg)
  a.mem = cjson.decode(a.mem)
  a.prefby = cjson.decode(a.prefby)
  a.absences = cjson.decode(a.absences)
  for _, f in ipairs({ 'seq', 'since', 'cap', 'used', 'avail', 'handled', 'missed', 'staffed', 'occupied', 'acc', 'weight' }) do a[f] = num(a[f]) end
  return a
end
local function save_agent(a)
  local copy = {}
  for _, f in ipairs(AGENT_FIELDS) do copy[f] = a[f] end
  copy.perch = cjson.encode(a.perch)
  copy.asg = cjson.encode(a.asg)
  local mem = {}
  for i, m in ipairs(a.mem) do
    mem[i] = '{"queue":' .. jstr(m.queue) .. ',"step":' .. jnum(m.step) .. ',"score":' .. jnum(m.score) .. ',"lastOfferedAt":' .. jnum(m.lastOfferedAt)
      .. ',"ch":' .. jnum(m.ch) .. ',"cost":' .. jnum(m.cost) .. ',"st":' .. jstr(m.st) .. '}'
  end
  copy.mem = '[' .. table.concat(mem, ',') .. ']'
  copy.prefby = #a.prefby == 0 and '[]' or cjson.encode(a.prefby)
  save(k('a', a.id), copy, AGENT_FIELDS)
end

local CONTACT_NUMS = { 'seq', 'created', 'qentered', 'waitstart', 'boost', 'key', 'step', 'version', 'offers', 'hops', 'prefuntil' }
local CONTACT_FIELDS = { 'state', 'queue', 'qentered', 'waitstart', 'key', 'step', 'version', 'declined', 'agent', 'token', 'offers', 'hops', 'answered', 'ended' }
local function contains(list, x)
  for _, y in ipairs(list) do if y == x then return true end end
  return false
end
local function contact(id)
  local c = hgetall(k('c', id))
  if c == nil then return nil end
  for _, f in ipairs(CONTACT_NUMS) do c[f] = num(c[f]) end
  c.declined = cjson.decode(c.declined)
  c.preferred = cjson.decode(c.preferred)
  return c
end
local function save_contact(c)
  local copy = {}
  for _, f in ipairs(CONTACT_FIELDS) do copy[f] = c[f] end
  copy.declined = cjson.encode(c.declined)
  save(k('c', c.id), copy, CONTACT_FIELDS)
end

local function declined_by(c, agent_id)
  for _, x in ipairs(c.declined) do if x == agent_id then return true end end
  return false
end

-- Contact lifecycle [contact-state.ts] ---------------------------------------------------------

local function step(c, event)
  local next = contact_next(c.state, event)
  if next == nil then error('contact ' .. c.id .. " cannot take '" .. event .. "' in state '" .. c.state .. "'") end
  if c.state == 'preferred' then qincr(queue(c.queue), 'wpref', -1) end
  if next == 'preferred' then qincr(queue(c.queue), 'wpref', 1) end
  c.state = next
end

--- The step reached after waiting in its queue until `t` [stepAt].
local function step_at(c, q, t)
  local s = 0
  while q.steps[s + 2] ~= nil and c.qentered + q.steps[s + 2] <= t do s = s + 1 end
  return s
end

local function waiting_member(c) return pad(c.seq) .. '|' .. c.id end

--- The domain's `best` hash, field `<queue>|<step>`: the smallest order key waiting in the
--- queue at that step and above (absent = nothing) [minKeyFrom]. One HMGET gives a freed agent
--- the figure for every membership.
local function best_field(qid, step) return qid .. '|' .. step end

local function refresh_best(q, from)
  local above = math.huge
  if from + 1 < #q.steps then above = num(redis.call('HGET', k('best'), best_field(q.id, from + 1)) or 'inf') end
  for s = from, 0, -1 do
    local head = redis.call('ZRANGE', k('q', q.id, 'w', s), 0, 0, 'WITHSCORES')
    local best = above
    if head[2] ~= nil and num(head[2]) < above then best = num(head[2]) end
    if best == math.huge then redis.call('HDEL', k('best'), best_field(q.id, s))
    else redis.call('HSET', k('best'), best_field(q.id, s), jnum(best)) end
    above = best
  end
end

local function add_waiting(c)
  local q = queue(c.queue)
  redis.call('ZADD', k('q', q.id, 'w', c.step), c.key, waiting_member(c))
  qincr(q, 'waiting', 1)
  redis.call('HINCRBY', k('seq'), 'waitingTotal', 1)
  refresh_best(q, c.step)
end

local function remove_waiting(c)
  local q = queue(c.queue)
  if redis.call('ZREM', k('q', q.id, 'w', c.step), waiting_member(c)) == 0 then return end
  qincr(q, 'waiting', -1)
  redis.call('HINCRBY', k('seq'), 'waitingTotal', -1)
  refresh_best(q, c.step)
end

--- Marks a contact ended and forgets the oldest ended ones beyond the retention bound [endContact, retire].
local function end_contact(c)
  c.ended = jnum(NOW)
  c.version = c.version + 1
  qincr(queue(c.queue), 'held', -1)
  redis.call('RPUSH', k('ended'), c.id)
  while redis.call('LLEN', k('ended')) > RETAIN_ENDED do
    local old = redis.call('LPOP', k('ended'))
    redis.call('DEL', k('c', old), k('t', old))
    redis.call('ZREM', k('contacts'), old)
  end
end

-- Timers [timer-heap.ts, timers.ts] -------------------------------------------------------------
-- Members sort like the core's heap: due time (the score), then rank, then creation order.

local function schedule(due, kind, target, version, rank)
  local member = sortable(rank or -math.huge) .. '|' .. pad(next_seq('timer')) .. '|' .. kind .. '|' .. target .. '|' .. version
  redis.call('ZADD', k('timers'), due, member)
end

-- Time accounting [availability.ts accountTime] -------------------------------------------------

local function account_time(a)
  local dt = NOW - a.acc
  if dt > 0 then
    if a.presence ~= 'offline' then a.staffed = a.staffed + dt end
    if a.used > 0 then a.occupied = a.occupied + dt end
  end
  a.acc = NOW
end

-- Pools [availability.ts, agent-pool.ts, fifo-pool.ts] ----------------------------------------
-- Entry member: sortable k2 | agent seq | filing generation | agent id. An entry is valid while
-- its generation is the agent's current one (`gen`); re-filing or becoming unavailable moves
-- the generation on, which makes every older entry stale at once (lazy deletion).

local function can_take(a, q)
  return a.presence == 'ready' and a.cap - a.used >= q.cost and a.perch[q.channel + 1] < a.maxch[q.channel + 1]
end

local function pool_keys(q, a, m)
  local s = q.strategy
  if s == 'longest-idle' then return num(a.idle1), num(a.idle2) end
  if s == 'round-robin' then return m.lastOfferedAt, a.seq end
  if s == 'most-skilled' then return 0 - m.score, a.avail end
  if s == 'fewest-contacts' then return a.handled, a.avail end
  if s == 'least-occupied' then return a.used / a.cap, a.avail end
  if s == 'weighted-random' then
    local race = num(redis.call('HGET', q.key, 'race') or '0')
    return race - math.log(1 - rng()) / a.weight, a.seq
  end
  error('unknown strategy ' .. s)
end

local function entry_agent(member)
  local gen, id = string.match(member, '^[^|]*|[^|]*|([^|]*)|(.*)$')
  return id, gen
end

--- Drops stale entries of a pool that grew past twice its members plus 64.
local function compact_pool(key, q, step)
  local size = redis.call('ZCARD', key)
  if size <= 64 then return end
  local members = num(redis.call('HGET', q.key, 'members:' .. step) or '0')
  if size <= 2 * members + 64 then return end
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    local id, gen = entry_agent(member)
    if redis.call('HGET', k('a', id), 'gen') ~= gen then redis.call('ZREM', key, member) end
  end
end

--- Makes the agent's old entries stale and files it, if ready, in each pool whose channel fits [repool].
local function repool(a)
  a.gen = tostring(next_seq('filing'))
  redis.call('HSET', k('a', a.id), 'gen', a.gen)
  if a.presence ~= 'ready' then return end
  a.idle1 = a.avail
  a.idle2 = next_seq('push') - 1 -- the core's filing counter starts at 0
  redis.call('HSET', k('a', a.id), 'idle1', jnum(a.idle1), 'idle2', jnum(a.idle2))
  -- Each membership carries its queue's channel, cost and strategy, so filing reads no queue.
  for _, m in ipairs(a.mem) do
    if a.cap - a.used >= m.cost and a.perch[m.ch + 1] < a.maxch[m.ch + 1] then
      local q = { id = m.queue, key = k('q', m.queue), strategy = m.st }
      local k1, k2 = pool_keys(q, a, m)
      local key = k('q', m.queue, 'p', m.step)
      redis.call('ZADD', key, k1, sortable(k2) .. '|' .. pad(a.seq) .. '|' .. a.gen .. '|' .. a.id)
      compact_pool(key, q, m.step)
    end
  end
end

--- The first valid entry of a pool whose agent passes `ok` (stale heads are dropped) [peek, firstWhere].
local function pool_head(key, ok)
  local start = 0
  while true do
    local head = redis.call('ZRANGE', key, start, start, 'WITHSCORES')
    if head[1] == nil then return nil end
    local id, gen = entry_agent(head[1])
    if redis.call('HGET', k('a', id), 'gen') ~= gen then
      redis.call('ZREM', key, head[1])
    elseif ok(id) then
      return id, num(head[2]), head[1]
    else
      start = start + 1
    end
  end
end

-- Matching [matching.ts] ------------------------------------------------------------------------

--- The best ready agent among the pools of steps 0..c.step of the contact's queue [bestAgentFor].
--- The k2 of a valid pool entry: the agent's keys have not changed since it was filed.
local function entry_k2(q, id)
  local a = agent(id)
  if q.strategy == 'weighted-random' then return a.seq end
  for _, m in ipairs(a.mem) do
    if m.queue == q.id then
      local _, k2 = pool_keys(q, a, m)
      return k2
    end
  end
  return 0
end

local function best_agent_for(c, q, cands)
  local best_id, best_k1, best_member, best_step
  local ok = function(id) return not declined_by(c, id) end
  for s = 0, c.step do
    if q.steps[s + 1] == nil then break end
    local id, k1, member = pool_head(k('q', q.id, 'p', s), ok)
    if id ~= nil and cands ~= nil then cands[#cands + 1] = cand(id, 'agent', q.id .. '/' .. s, k1, entry_k2(q, id)) end
    if id ~= nil then
      local k2part = string.match(member, '^([^|]*)')
      local better = best_id == nil or k1 < best_k1 or (k1 == best_k1 and k2part < string.match(best_member, '^([^|]*)'))
      if better then best_id, best_k1, best_member, best_step = id, k1, member, s end
    end
  end
  return best_id, best_k1
end

--- The waiting contact with the smallest (order key, seq) across every set the agent qualifies for [bestContactFor].
local function best_contact_for(a, cands)
  if num(redis.call('HGET', k('seq'), 'waitingTotal') or '0') <= 0 then return nil end
  local best_id, best_key, best_member
  if #a.mem == 0 then return nil end
  local fields = {}
  for i, m in ipairs(a.mem) do fields[i] = best_field(m.queue, m.step) end
  local keys = redis.call('HMGET', k('best'), unpack(fields))
  for i, m in ipairs(a.mem) do
    local key = keys[i] and num(keys[i]) or math.huge
    -- A traced decision lists every set's head, so it skips nothing by key.
    local q = (cands ~= nil or (key ~= math.huge and (best_key == nil or key <= best_key))) and queue(m.queue) or nil
    if q ~= nil and can_take(a, q) then
      for s = m.step, #q.steps - 1 do
        local start = 0
        while true do
          local head = redis.call('ZRANGE', k('q', q.id, 'w', s), start, start, 'WITHSCORES')
          if head[1] == nil then break end
          local id = string.match(head[1], '|(.*)$')
          local hk = num(head[2])
          if not declined_by({ declined = cjson.decode(redis.call('HGET', k('c', id), 'declined')) }, a.id) then
            if cands ~= nil then cands[#cands + 1] = cand(id, 'contact', q.id .. '/' .. s, hk, num(string.match(head[1], '^([^|]*)'))) end
            if best_id == nil or hk < best_key or (hk == best_key and head[1] < best_member) then
              best_id, best_key, best_member = id, hk, head[1]
            end
            break
          end
          start = start + 1
        end
      end
    end
  end
  return best_id
end

-- Reserve [reserve.ts] --------------------------------------------------------------------------

local function reserve(c, a, trigger, cands)
  local q = queue(c.queue)
  remove_waiting(c)
  step(c, 'offer.reserved')
  c.version = c.version + 1
  account_time(a)
  a.used = a.used + q.cost
  a.perch[q.channel + 1] = a.perch[q.channel + 1] + 1
  a.avail = NOW
  if q.strategy == 'round-robin' then
    for _, m in ipairs(a.mem) do if m.queue == q.id then m.lastOfferedAt = NOW end end
  end
  local token = next_seq('fencing')
  local deadline = NOW + q.ringMs
  redis.call('HSET', k('r', token), 'id', 'R' .. token, 'token', token, 'created', jnum(NOW), 'deadline', jnum(deadline),
    'agent', a.id, 'contact', c.id, 'queue', q.id, 'cost', q.cost, 'channel', q.channel, 'phase', 'reserved',
    'since', jnum(NOW), 'answered', jnum(NOW), 'wrapuntil', 0, 'version', 0)
  a.asg[#a.asg + 1] = token
  c.token = tostring(token)
  c.agent = a.id
  c.offers = c.offers + 1
  schedule(deadline, 'ring', tostring(token), 0)
  emit({ 'type', 'reservation.created', 'at', NOW, 'reservationId', 'R' .. token, 'token', token, 'contactId', c.id,
    'agentId', a.id, 'queueId', q.id, 'step', c.step, 'deadline', deadline })
  if TRACE then
    for _, x in ipairs(cands or {}) do
      if x.id ~= a.id and x.id ~= c.id then x.skipped = x.kind == 'agent' and 'worse-key' or 'lower-order-key' end
    end
    -- The winner's score components [traceReservation]: level × weight per skill of the queue.
    local levels = cjson.decode(redis.call('HGET', k('a', a.id), 'levels') or '{}')
    local total, parts = 0, {}
    for i, t in ipairs(q.terms) do
      local level = levels[t[1]] or 0
      local contribution = t[2] * level
      total = total + contribution
      parts[i] = jobj({ 'skill', t[1], 'level', level, 'weight', t[2], 'contribution', contribution })
    end
    local score = { raw = jobj({ 'total', total, 'components', { raw = '[' .. table.concat(parts, ',') .. ']' } }) }
    record(c.id, { 'at', NOW, 'trigger', trigger, 'contactId', c.id, 'queueId', q.id, 'step', c.step, 'outcome', 'reserved',
      'agentId', a.id, 'strategy', q.strategy, 'candidates', cands_json(cands), 'score', score })
  end
  save_contact(c)
  save_agent(a)
  return token
end

--- Gives back the capacity an assignment held [releaseCapacity].
local function release_capacity(a, r)
  local at = nil
  for i, t in ipairs(a.asg) do if tostring(t) == r.token then at = i; break end end
  if at == nil then return end
  account_time(a)
  a.used = a.used - num(r.cost)
  local ch = num(r.channel) + 1
  a.perch[ch] = a.perch[ch] - 1
  table.remove(a.asg, at)
  local cid = r.contact
  if redis.call('HGET', k('c', cid), 'token') == r.token then redis.call('HSET', k('c', cid), 'token', '') end
  a.avail = NOW
end

-- Placement [placement.ts, agent-flow.ts] --------------------------------------------------------

--- The contact's next timed change: next step or max wait [nextWake, scheduleWake].
local function schedule_wake(c)
  c.version = c.version + 1
  if c.state == 'preferred' then
    schedule(c.prefuntil, 'contact', c.id, c.version, c.key)
    return
  end
  if c.state == 'scheduled' then
    schedule(num(c.callbackat), 'contact', c.id, c.version, c.key)
    return
  end
  if c.state ~= 'queued' then return end
  local q = queue(c.queue)
  local step_due = math.huge
  if q.steps[c.step + 2] ~= nil then step_due = c.qentered + q.steps[c.step + 2] end
  local max_due = math.huge
  if q.maxWaitMs > 0 and c.callback ~= '1' then max_due = c.qentered + q.maxWaitMs end
  local due = step_due < max_due and step_due or max_due
  if due ~= math.huge then schedule(due, 'contact', c.id, c.version, c.key) end
end

--- Among contacts in their preferred window that name this agent, the one with the smallest
--- (order key, seq); the agent's list drops contacts no longer waiting for it [bestPreferredFor].
local function best_preferred_for(a)
  local best, keep = nil, {}
  for _, cid in ipairs(a.prefby) do
    local c = contact(cid)
    if c ~= nil and c.state == 'preferred' then
      keep[#keep + 1] = cid
      if not declined_by(c, a.id) and can_take(a, queue(c.queue)) then
        if best == nil or c.key < best.key or (c.key == best.key and c.seq < best.seq) then best = c end
      end
    end
  end
  a.prefby = keep
  return best
end

--- The freed or readied agent takes waiting work while it can — contacts that asked for it by
--- name first — then files itself [offerWork].
local function offer_work(a)
  while a.presence == 'ready' do
    local pc = #a.prefby > 0 and best_preferred_for(a) or nil
    if pc ~= nil then
      reserve(pc, a, 'preferred', TRACE and { cand(a.id, 'agent', 'preferred') } or nil)
    else
      local cands = TRACE and {} or nil
      local cid = best_contact_for(a, cands)
      if cid == nil then break end
      reserve(contact(cid), a, 'agent-available', cands)
    end
  end
  save_agent(a)
  repool(a)
end

local function is_absent(a, t)
  for _, ab in ipairs(a.absences) do if t >= ab.from and t < ab.to then return true end end
  return false
end

--- Offers the contact to its first available preferred agent, or waits for them until its
--- window ends — never for one who is logged out or absent. False when nobody is worth waiting for [tryPreferred].
local function try_preferred(c)
  local wait_for, listen = {}, {}
  local cands = TRACE and {} or nil
  local note = function(x) if cands ~= nil then cands[#cands + 1] = x end end
  local q = queue(c.queue)
  for _, id in ipairs(c.preferred) do
    local a = agent(id)
    if a ~= nil then
      if declined_by(c, id) then
        note(cand(id, 'agent', nil, nil, nil, 'declined'))
      elseif can_take(a, q) then
        note(cand(id, 'agent', 'preferred'))
        reserve(c, a, 'preferred', cands)
        repool(a)
        return true
      else
        listen[#listen + 1] = a
        if a.presence == 'offline' or is_absent(a, NOW) then
          note(cand(id, 'agent', nil, nil, nil, 'absent'))
        else
          note(cand(id, 'agent', nil, nil, nil, 'not-ready'))
          wait_for[#wait_for + 1] = a.id
        end
      end
    end
  end
  if #wait_for == 0 then return false end
  if c.state ~= 'preferred' then step(c, 'preferred.waiting') end
  for _, a in ipairs(listen) do
    if not contains(a.prefby, c.id) then
      a.prefby[#a.prefby + 1] = c.id
      redis.call('HSET', k('a', a.id), 'prefby', cjson.encode(a.prefby))
    end
  end
  schedule_wake(c)
  emit({ 'type', 'contact.preferred', 'at', NOW, 'contactId', c.id, 'agentIds', wait_for, 'until', c.prefuntil })
  if TRACE then
    record(c.id, { 'at', NOW, 'trigger', 'preferred', 'contactId', c.id, 'queueId', q.id, 'step', c.step, 'outcome', 'preferred',
      'strategy', q.strategy, 'candidates', cands_json(cands) })
  end
  save_contact(c)
  return true
end

--- Contact side: the best ready agent of the pools it qualifies for takes it [seekAgent].
local function seek_agent(c, trigger)
  local q = queue(c.queue)
  local cands = TRACE and {} or nil
  local aid, k1 = best_agent_for(c, q, cands)
  if aid == nil then return false end
  if q.strategy == 'weighted-random' then redis.call('HSET', q.key, 'race', jnum(k1)) end
  local a = agent(aid)
  reserve(c, a, trigger, cands)
  repool(a)
  return true
end

local function wait(c, trigger)
  if c.state ~= 'queued' then step(c, 'queue.entered') end
  add_waiting(c)
  schedule_wake(c)
  emit({ 'type', 'contact.queued', 'at', NOW, 'contactId', c.id, 'queueId', c.queue, 'step', c.step, 'orderKey', c.key })
  if TRACE then
    record(c.id, { 'at', NOW, 'trigger', trigger, 'contactId', c.id, 'queueId', c.queue, 'step', c.step, 'outcome', 'queued',
      'strategy', queue(c.queue).strategy, 'candidates', { raw = '[]' } })
  end
  save_contact(c)
end

local function expire(c)
  local q = queue(c.queue)
  step(c, 'contact.expired')
  qincr(q, 'c_expired', 1)
  emit({ 'type', 'contact.expired', 'at', NOW, 'contactId', c.id, 'queueId', q.id, 'waitedMs', NOW - c.waitstart })
  end_contact(c)
  save_contact(c)
end

local function refuse(c, reason)
  local q = queue(c.queue)
  step(c, 'contact.refused')
  qincr(q, 'c_refused', 1)
  emit({ 'type', 'contact.refused', 'at', NOW, 'contactId', c.id, 'queueId', q.id, 'reason', reason })
  end_contact(c)
  save_contact(c)
end

local enter_queue

--- Max wait reached or queue full: overflow (keeping the order key) or end [overflowOrEnd].
local function overflow_or_end(c, reason, trigger)
  local q = queue(c.queue)
  remove_waiting(c)
  local to = q.overflow ~= nil and queue(q.overflow) or nil
  if to == nil or c.hops >= 8 then
    if reason == 'max-wait' then expire(c) else refuse(c, to == nil and 'queue-full' or 'overflow-limit') end
    return
  end
  if c.state == 'queued' then step(c, 'queue.overflowed') end
  qincr(q, 'c_overflowedOut', 1)
  qincr(q, 'held', -1)
  qincr(to, 'held', 1)
  c.queue = to.id
  c.qentered = NOW
  c.step = 0
  c.declined = {}
  c.version = c.version + 1
  c.hops = c.hops + 1
  qincr(to, 'c_offered', 1)
  emit({ 'type', 'contact.overflowed', 'at', NOW, 'contactId', c.id, 'fromQueueId', q.id, 'toQueueId', to.id, 'reason', reason })
  enter_queue(c, trigger)
end

--- The contact needs an agent of its queue now, or waits (or overflows when the queue is full) [enterQueue].
enter_queue = function(c, trigger)
  if c.state == 'scheduled' or c.state == 'reserved' then step(c, 'queue.entered') end
  local q = queue(c.queue)
  c.step = step_at(c, q, NOW)
  if seek_agent(c, trigger) then return end
  local waiting = num(redis.call('HGET', q.key, 'waiting') or '0')
  if trigger ~= 'returned' and q.maxLength > 0 and waiting >= q.maxLength then
    if c.state == 'preferred' then step(c, 'queue.entered') end
    overflow_or_end(c, 'max-length', trigger)
    return
  end
  wait(c, trigger)
end

--- A contact arriving at its queue: preferred agents first, then the queue [admit].
local function admit(c)
  qincr(queue(c.queue), 'c_offered', 1)
  if #c.preferred > 0 and c.prefuntil > NOW and try_preferred(c) then return end
  enter_queue(c, 'contact-arrived')
end

--- The agent logged out: contacts waiting for it look again at their other preferred agents, or queue [replacePreferred].
local function replace_preferred(a)
  local waiting = {}
  for _, cid in ipairs(a.prefby) do
    local c = contact(cid)
    if c ~= nil and c.state == 'preferred' then waiting[#waiting + 1] = cid end
  end
  a.prefby = {}
  redis.call('HSET', k('a', a.id), 'prefby', '[]')
  for _, cid in ipairs(waiting) do
    local c = contact(cid)
    if c.state == 'preferred' and not try_preferred(c) then enter_queue(c, 'step-escalated') end
  end
end

--- Sets an agent's memberships to `list` ({ queue, step, score }, computed by the core) the way
--- the core applies membership changes: kept ones stay in place with their round-robin history,
--- new ones are appended in `list` order [applyMembershipChanges, rescore]. Saves the agent.
local function merge_memberships(a, list)
  local after = {}
  for _, m in ipairs(list) do after[m.queue] = m end
  local mem = {}
  for _, m in ipairs(a.mem) do
    local n = after[m.queue]
    if n ~= nil then
      m.step, m.score, m.ch, m.cost, m.st = n.step, n.score, n.ch, n.cost, n.st
      mem[#mem + 1] = m
      after[m.queue] = nil
    end
  end
  for _, m in ipairs(list) do
    if after[m.queue] ~= nil then
      mem[#mem + 1] = { queue = m.queue, step = m.step, score = m.score, lastOfferedAt = 0, ch = m.ch, cost = m.cost, st = m.st }
    end
  end
  a.mem = mem
  save_agent(a)
end

-- Lifecycle [lifecycle.ts, agent-ops.ts] ----------------------------------------------------------

local function reservation(token) return hgetall(k('r', token)) end

local set_presence

--- After a ring timeout: count the miss and pause the agent after too many in a row [notePause].
local function note_pause(a, q)
  a.missed = a.missed + 1
  redis.call('HSET', k('a', a.id), 'missed', a.missed)
  if q.autoPause == 0 or a.missed < q.autoPause or a.presence ~= 'ready' then return end
  set_presence(a, 'agent.paused', 'missed-offers')
end

local PRESENCE_EVENT = {
  ['agent.loggedIn'] = 'agent.loggedIn', ['agent.loggedOut'] = 'agent.loggedOut', ['agent.readied'] = 'agent.ready',
  ['agent.paused'] = 'agent.paused', ['agent.notReadied'] = 'agent.notReady',
}

--- Changes presence through the agent machine's table [setPresence]. Returns an ERR code or nil.
set_presence = function(a, event, reason)
  local next = agent_next(a.presence, event)
  if next == nil then return ERR.STATE_INVALID end
  if event == 'agent.loggedOut' and #a.asg > 0 then return ERR.BUSY end
  account_time(a)
  a.presence = next
  if next == 'notReady' then a.reason = reason or 'not-ready' else a.reason = '' end
  a.since = NOW
  if next == 'ready' then
    a.avail = NOW
    a.missed = 0
  end
  local type = PRESENCE_EVENT[event]
  if type == 'agent.paused' then emit({ 'type', type, 'at', NOW, 'agentId', a.id, 'missedOffers', a.missed })
  elseif type == 'agent.notReady' then emit({ 'type', type, 'at', NOW, 'agentId', a.id, 'reason', a.reason })
  else emit({ 'type', type, 'at', NOW, 'agentId', a.id }) end
  save_agent(a)
  if next == 'ready' then offer_work(a) else repool(a) end
  if next == 'offline' then replace_preferred(agent(a.id)) end
  return nil
end

--- The agent answered [accept].
local function accept(r)
  local c = contact(r.contact)
  local a = agent(r.agent)
  local q = queue(c.queue)
  redis.call('HSET', k('r', r.token), 'phase', 'active', 'since', jnum(NOW), 'answered', jnum(NOW))
  step(c, 'offer.accepted')
  c.answered = jnum(NOW)
  a.missed = 0
  local waited = NOW - c.waitstart
  qincr(q, 'c_answered', 1)
  qincr(q, 'c_waitAnsweredMs', waited)
  if waited <= q.slMs then qincr(q, 'c_answeredWithinSl', 1) end
  emit({ 'type', 'reservation.accepted', 'at', NOW, 'reservationId', r.id, 'contactId', c.id, 'agentId', a.id })
  save_contact(c)
  save_agent(a)
end

--- Wrap-up over: handle time counted, capacity given back [endWrapUp].
local function end_wrap_up(a, r)
  local q = queue(r.queue)
  qincr(q, 'c_handled', 1)
  qincr(q, 'c_handleMs', NOW - num(r.answered))
  a.handled = a.handled + 1
  release_capacity(a, r)
  if r.phase == 'wrapUp' then emit({ 'type', 'agent.wrapUpEnded', 'at', NOW, 'agentId', a.id, 'contactId', r.contact }) end
  redis.call('DEL', k('r', r.token))
end

--- The agent wraps up the assignment's contact, or is freed at once when the queue has no
--- wrap-up time [startWrapUp].
local function start_wrap_up(a, r)
  local q = queue(r.queue)
  if q.wrapMs == 0 then
    end_wrap_up(a, r)
    offer_work(a)
    return
  end
  local until_ = NOW + q.wrapMs
  local version = num(r.version) + 1
  redis.call('HSET', k('r', r.token), 'phase', 'wrapUp', 'since', jnum(NOW), 'wrapuntil', jnum(until_), 'version', version)
  schedule(until_, 'wrapUp', r.token, version)
  emit({ 'type', 'agent.wrapUpStarted', 'at', NOW, 'agentId', a.id, 'contactId', r.contact, 'until', until_ })
end

--- The conversation ended: the contact completes, the agent wraps up or is freed [complete].
local function complete(c)
  local a = agent(c.agent)
  local r = reservation(c.token)
  step(c, 'contact.completed')
  emit({ 'type', 'contact.completed', 'at', NOW, 'contactId', c.id, 'queueId', c.queue, 'agentId', a.id })
  c.token = ''
  end_contact(c)
  save_contact(c)
  start_wrap_up(a, r)
end

--- The agent ends its wrap-up early [finishWrapUp]. Returns an ERR code or nil.
local function finish_wrap_up(a, contact_id)
  local held, wrapping = nil, nil
  for _, t in ipairs(a.asg) do
    local r = reservation(tostring(t))
    if r ~= nil and r.contact == contact_id then
      held = r
      if r.phase == 'wrapUp' then wrapping = r end
    end
  end
  if held == nil then return ERR.UNKNOWN end
  if wrapping == nil then return ERR.STATE_INVALID end
  end_wrap_up(a, wrapping)
  offer_work(a)
  return nil
end

--- An active contact moves to another queue, never straight back to its agent [transfer].
local function transfer(c, to, boost)
  local a = agent(c.agent)
  local from = queue(c.queue)
  local r = reservation(c.token)
  c.token = ''
  step(c, 'contact.transferred')
  qincr(from, 'c_transferredOut', 1)
  emit({ 'type', 'contact.transferred', 'at', NOW, 'contactId', c.id, 'fromQueueId', from.id, 'toQueueId', to.id, 'agentId', a.id })
  c.agent = ''
  c.answered = ''
  qincr(from, 'held', -1)
  qincr(to, 'held', 1)
  c.queue = to.id
  c.qentered = NOW
  c.step = 0
  c.version = c.version + 1
  c.declined = { a.id }
  c.waitstart = NOW
  c.key = NOW - boost
  c.hops = 0
  redis.call('HSET', k('c', c.id), 'boost', jnum(boost))
  qincr(to, 'c_offered', 1)
  save_contact(c)
  start_wrap_up(a, r)
  enter_queue(contact(c.id), 'contact-arrived')
end

--- A queued contact keeps its place as a callback: it no longer expires at max wait [requestCallback].
local function request_callback(c)
  step(c, 'callback.requested')
  c.callback = '1'
  redis.call('HSET', k('c', c.id), 'callback', '1')
  schedule_wake(c)
  emit({ 'type', 'callback.requested', 'at', NOW, 'contactId', c.id, 'queueId', c.queue })
  save_contact(c)
end

--- Reject or ring timeout: the contact goes back to its place; the agent is freed [returnContact].
local function return_contact(r, why)
  local c = contact(r.contact)
  local a = agent(r.agent)
  release_capacity(a, r)
  redis.call('DEL', k('r', r.token))
  c.token = ''
  c.agent = ''
  c.declined[#c.declined + 1] = a.id
  local type = why == 'rejected' and 'reservation.rejected' or 'reservation.timedOut'
  emit({ 'type', type, 'at', NOW, 'reservationId', r.id, 'contactId', c.id, 'agentId', a.id })
  save_agent(a)
  if why == 'timeout' then note_pause(a, queue(c.queue)) end
  if c.prefuntil > NOW then
    step(c, 'preferred.waiting')
    if not try_preferred(c) then enter_queue(c, 'returned') end
  else
    enter_queue(c, 'returned')
  end
  offer_work(agent(a.id))
end

--- The customer hung up before being served [abandon]. Returns an ERR code or nil.
local function abandon(c)
  if contact_next(c.state, 'contact.abandoned') == nil then return ERR.STATE_INVALID end
  local r = nil
  if c.token ~= '' then
    r = reservation(c.token)
    if r ~= nil and r.phase ~= 'reserved' then r = nil end
  end
  local counted = c.state ~= 'new' and c.state ~= 'scheduled'
  remove_waiting(c)
  step(c, 'contact.abandoned')
  local q = queue(c.queue)
  local waited = counted and NOW - c.waitstart or 0
  if counted then
    qincr(q, 'c_abandoned', 1)
    qincr(q, 'c_waitAbandonedMs', waited)
    if waited <= q.slMs then qincr(q, 'c_abandonedWithinSl', 1) end
  end
  emit({ 'type', 'contact.abandoned', 'at', NOW, 'contactId', c.id, 'queueId', q.id, 'waitedMs', waited })
  end_contact(c)
  save_contact(c)
  if r ~= nil then
    local a = agent(r.agent)
    release_capacity(a, r)
    redis.call('DEL', k('r', r.token))
    emit({ 'type', 'reservation.cancelled', 'at', NOW, 'reservationId', r.id, 'contactId', c.id, 'agentId', a.id })
    offer_work(a)
  end
  return nil
end

-- Timers [timers.ts] ------------------------------------------------------------------------------

--- A waiting contact's timer: max wait, or the next step [onQueuedWake]. Returns 1 if it changed something.
local function on_queued_wake(c)
  local q = queue(c.queue)
  if q.maxWaitMs > 0 and c.callback ~= '1' and NOW >= c.qentered + q.maxWaitMs then
    overflow_or_end(c, 'max-wait', 'step-escalated')
    return 1
  end
  local next = step_at(c, q, NOW)
  if next <= c.step then
    schedule_wake(c)
    save_contact(c)
    return 0
  end
  remove_waiting(c)
  c.step = next
  emit({ 'type', 'contact.escalated', 'at', NOW, 'contactId', c.id, 'queueId', q.id, 'step', next })
  if not seek_agent(c, 'step-escalated') then
    add_waiting(c)
    schedule_wake(c)
  end
  save_contact(c)
  return 1
end

--- At most this many timers fire in one script, so a backlog (after an outage) never holds Redis
--- past its script time limit; the caller fires the rest with timers_fire before it retries.
local MAX_TIMERS_PER_CALL = 512

--- Fires the timers due at or before `until_`, each at its own due time, in order [runDue].
--- Returns how many changed something, and whether due timers remain.
local function run_due(until_)
  local fired, seen = 0, 0
  while true do
    local top = redis.call('ZRANGE', k('timers'), 0, 0, 'WITHSCORES')
    if top[1] == nil or num(top[2]) > until_ then break end
    if seen == MAX_TIMERS_PER_CALL then return fired, true end
    seen = seen + 1
    redis.call('ZREM', k('timers'), top[1])
    local due = num(top[2])
    if due > NOW then NOW = due end
    local kind, target, version = string.match(top[1], '^[^|]*|[^|]*|([^|]*)|([^|]*)|(.*)$')
    if kind == 'contact' then
      local c = contact(target)
      if c ~= nil and tostring(c.version) == version then
        if c.state == 'queued' then
          fired = fired + on_queued_wake(c)
        elseif c.state == 'preferred' then
          enter_queue(c, 'step-escalated')
          fired = fired + 1
        elseif c.state == 'scheduled' then
          c.qentered = NOW
          c.waitstart = NOW
          admit(c)
          fired = fired + 1
        end
      end
    elseif kind == 'ring' then
      local r = reservation(target)
      if r ~= nil and r.phase == 'reserved' then
        return_contact(r, 'timeout')
        fired = fired + 1
      end
    else
      local r = reservation(target)
      if r ~= nil and r.phase == 'wrapUp' and r.version == version then
        local a = agent(r.agent)
        end_wrap_up(a, r)
        offer_work(a)
        fired = fired + 1
      end
    end
  end
  if until_ > NOW then NOW = until_ end
  return fired, false
end

--- Every operation starts like the engine's: the configuration version is checked, due timers
--- fire, and engine time moves to the operation's time. Returns false when the version is stale,
--- else true, the number of timers that changed something, and whether due timers remain (then
--- the operation must not run yet: the caller fires them with timers_fire and retries).
local function begin(version, time_arg)
  P = KEYS[1]
  local cfg = redis.call('HMGET', k('cfg'), 'version', 'trace', 'now')
  if (cfg[1] or '') ~= version then return false end
  TRACE = cfg[2] == '1'
  local t
  if time_arg ~= nil and time_arg ~= '' then t = num(time_arg) else
    local tt = redis.call('TIME')
    t = num(tt[1]) * 1000 + math.floor(num(tt[2]) / 1000)
  end
  NOW = num(cfg[3] or '-inf')
  if NOW == -math.huge then NOW = t end
  local fired, more = run_due(t > NOW and t or NOW)
  redis.call('HSET', k('cfg'), 'now', jnum(NOW))
  return true, fired, more
end
