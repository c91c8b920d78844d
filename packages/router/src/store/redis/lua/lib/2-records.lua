-- Engine library, part 2: Records (agents, contacts, queues), the contact lifecycle, timers, time accounting.
-- (loaded after the previous parts, in one chunk: see lua/lib/1-encoding.lua)

-- Records --------------------------------------------------------------------------------------

local function hgetall(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then return nil end
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

--- Writes the named fields of a record back to its hash: those that differ from `saved` (the
--- values as read or last written, updated here), or all of them without it.
local function save(key, rec, fields, saved)
  local args = { 'HSET', key }
  for _, f in ipairs(fields) do
    local v = rec[f]
    if saved == nil or saved[f] ~= v then
      args[#args + 1] = f
      args[#args + 1] = type(v) == 'number' and jnum(v) or v
      if saved ~= nil then saved[f] = v end
    end
  end
  if #args > 2 then redis.call(unpack(args)) end
end

--- The values of `fields` as a record holds them now (for `save` to compare with later).
local function snapshot(rec, fields)
  local t = {}
  for _, f in ipairs(fields) do t[f] = rec[f] end
  return t
end

local function num(x) return tonumber(x) end
local function next_seq(name) return redis.call('HINCRBY', k('seq'), name, '1') end

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

--- Adds to a queue count (integers only ever: waiting, held, offered, answered, …).
local function qcount(q, field, by) return redis.call('HINCRBY', q.key, field, jnum(by)) end

--- Adds to a queue total that may hold fractions (waiting and handle times) as a double, like
--- the core (HINCRBYFLOAT would sum in long double).
local function qincr(q, field, by)
  local v = tonumber(redis.call('HGET', q.key, field) or '0') + by
  redis.call('HSET', q.key, field, jnum(v))
end

-- An agent record holds the live fields, read with one HMGET. Its memberships (the largest
-- field) and absence calendar are read only by the paths that need them (memberships_of,
-- absences_of), and the memberships are written back only when they changed (`a.mem_dirty`).
-- Filing an agent walks its `plan` instead: per membership, as text,
-- `queue|step|channel|cost|strategy|k1 figure|pool;` (the k1 figure: the score for
-- most-skilled, the last offer for round-robin, nothing for the others), rewritten with the
-- memberships. Decoding ~28
-- memberships from JSON cost more than the rest of a completion's Lua.
local AGENT_READ = { 'id', 'seq', 'presence', 'reason', 'since', 'cap', 'used', 'perch', 'maxch', 'avail', 'handled', 'missed', 'weight', 'filed', 'idle1', 'idle2', 'staffed', 'occupied', 'acc', 'asg', 'prefby', 'plan' }
local AGENT_FIELDS = { 'presence', 'reason', 'since', 'used', 'perch', 'avail', 'handled', 'missed', 'staffed', 'occupied', 'acc', 'asg', 'prefby' }
local function agent(id)
  local v = redis.call('HMGET', k('a', id), unpack(AGENT_READ))
  if not v[1] then return nil end
  -- One constructor, fields in AGENT_READ order: the table is allocated once, at its size.
  local a = {
    id = v[1], seq = num(v[2]), presence = v[3], reason = v[4], since = num(v[5]), cap = num(v[6]), used = num(v[7]),
    perch = cjson.decode(v[8]), maxch = cjson.decode(v[9]), avail = num(v[10]), handled = num(v[11]), missed = num(v[12]),
    weight = num(v[13]), filed = v[14], idle1 = v[15], idle2 = v[16], staffed = num(v[17]), occupied = num(v[18]),
    acc = num(v[19]), asg = cjson.decode(v[20]), prefby = cjson.decode(v[21]), plan = v[22],
  }
  a.saved = { -- AGENT_FIELDS as read (perch, asg, prefby as their JSON text)
    presence = a.presence, reason = a.reason, since = a.since, used = a.used, perch = v[8], avail = a.avail,
    handled = a.handled, missed = a.missed, staffed = a.staffed, occupied = a.occupied, acc = a.acc, asg = v[20], prefby = v[21],
  }
  return a
end
local function memberships_of(a)
  if a.mem == nil then a.mem = cjson.decode(redis.call('HGET', k('a', a.id), 'mem')) end
  return a.mem
end
local function plan_of(mem)
  local parts = {}
  for i, m in ipairs(mem) do
    local x = ''
    if m.st == 'most-skilled' then x = jnum(m.score) elseif m.st == 'round-robin' then x = jnum(m.lastOfferedAt) end
    parts[i] = m.queue .. '|' .. digits(m.step) .. '|' .. digits(m.ch) .. '|' .. jnum(m.cost) .. '|' .. m.st .. '|' .. x .. '|' .. m.pool .. ';'
  end
  return table.concat(parts)
end
local function absences_of(a)
  if a.absences == nil then a.absences = cjson.decode(redis.call('HGET', k('a', a.id), 'absences')) end
  return a.absences
end
local function save_agent(a)
  local copy = {}
  for _, f in ipairs(AGENT_FIELDS) do copy[f] = a[f] end
  copy.perch = cjson.encode(a.perch)
  copy.asg = cjson.encode(a.asg)
  copy.prefby = #a.prefby == 0 and '[]' or cjson.encode(a.prefby)
  save(k('a', a.id), copy, AGENT_FIELDS, a.saved)
  if a.mem_dirty then
    local mem = {}
    for i, m in ipairs(a.mem) do
      mem[i] = '{"queue":' .. jstr(m.queue) .. ',"step":' .. jnum(m.step) .. ',"score":' .. jnum(m.score) .. ',"lastOfferedAt":' .. jnum(m.lastOfferedAt)
        .. ',"ch":' .. jnum(m.ch) .. ',"cost":' .. jnum(m.cost) .. ',"st":' .. jstr(m.st) .. ',"pool":' .. jstr(m.pool) .. '}'
    end
    a.plan = plan_of(a.mem)
    redis.call('HSET', k('a', a.id), 'mem', '[' .. table.concat(mem, ',') .. ']', 'plan', a.plan)
    a.mem_dirty = false
  end
end

local CONTACT_FIELDS = { 'state', 'queue', 'qentered', 'waitstart', 'key', 'step', 'version', 'declined', 'agent', 'token', 'offers', 'hops', 'answered', 'ended' }
local function contains(list, x)
  for _, y in ipairs(list) do if y == x then return true end end
  return false
end
-- The contact fields the scripts read (not its attributes, creation time or head start).
local CONTACT_READ = { 'id', 'seq', 'channel', 'queue', 'state', 'qentered', 'waitstart', 'key', 'step', 'version', 'declined',
  'agent', 'token', 'offers', 'hops', 'answered', 'ended', 'preferred', 'callback', 'callbackat', 'prefuntil', 'req' }
local function contact(id)
  local v = redis.call('HMGET', k('c', id), unpack(CONTACT_READ))
  if not v[1] then return nil end
  -- One constructor, fields in CONTACT_READ order.
  local c = {
    id = v[1], seq = num(v[2]), channel = v[3], queue = v[4], state = v[5], qentered = num(v[6]), waitstart = num(v[7]),
    key = num(v[8]), step = num(v[9]), version = num(v[10]), declined = cjson.decode(v[11]), agent = v[12], token = v[13],
    offers = num(v[14]), hops = num(v[15]), answered = v[16], ended = v[17], preferred = cjson.decode(v[18]),
    callback = v[19], callbackat = v[20], prefuntil = num(v[21]), req = (v[22] and v[22] ~= '') and cjson.decode(v[22]) or {},
  }
  c.saved = { -- CONTACT_FIELDS as read (declined as its JSON text)
    state = c.state, queue = c.queue, qentered = c.qentered, waitstart = c.waitstart, key = c.key, step = c.step,
    version = c.version, declined = v[11], agent = c.agent, token = c.token, offers = c.offers, hops = c.hops,
    answered = c.answered, ended = c.ended,
  }
  return c
end
local function save_contact(c)
  local copy = {}
  for _, f in ipairs(CONTACT_FIELDS) do copy[f] = c[f] end
  copy.declined = cjson.encode(c.declined)
  save(k('c', c.id), copy, CONTACT_FIELDS, c.saved)
end

local function declined_by(c, agent_id)
  for _, x in ipairs(c.declined) do if x == agent_id then return true end end
  return false
end

--- Whether an agent with these skill levels ({ skill: level }) has every skill in `req` [meetsContact].
local function has_skills(req, levels)
  for _, s in ipairs(req) do if (levels[s] or 0) == 0 then return false end end
  return true
end

--- Whether agent `agent_id` may take contact `c` as far as the contact says: it has not declined
--- it and has every skill the contact itself requires [takes].
local function takes(c, agent_id)
  if declined_by(c, agent_id) then return false end
  if #c.req == 0 then return true end
  return has_skills(c.req, cjson.decode(redis.call('HGET', k('a', agent_id), 'levels') or '{}'))
end

-- Contact lifecycle [contact-state.ts] ---------------------------------------------------------

local function step(c, event)
  local next = contact_next(c.state, event)
  if next == nil then error('contact ' .. c.id .. " cannot take '" .. event .. "' in state '" .. c.state .. "'") end
  if c.state == 'preferred' then qcount(queue(c.queue), 'wpref', -1) end
  if next == 'preferred' then qcount(queue(c.queue), 'wpref', 1) end
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
local function best_field(qid, step) return qid .. '|' .. digits(step) end

local function refresh_best(q, from)
  local above = math.huge
  if from + 1 < #q.steps then above = num(redis.call('HGET', k('best'), best_field(q.id, from + 1)) or 'inf') end
  for s = from, 0, -1 do
    local head = redis.call('ZRANGE', k('q', q.id, 'w', digits(s)), '0', '0', 'WITHSCORES')
    local best = above
    if head[2] ~= nil and num(head[2]) < above then best = num(head[2]) end
    if best == math.huge then redis.call('HDEL', k('best'), best_field(q.id, s))
    else redis.call('HSET', k('best'), best_field(q.id, s), jnum(best)) end
    above = best
  end
end

local function add_waiting(c)
  local q = queue(c.queue)
  redis.call('ZADD', k('q', q.id, 'w', digits(c.step)), jnum(c.key), waiting_member(c))
  qcount(q, 'waiting', 1)
  redis.call('HINCRBY', k('seq'), 'waitingTotal', '1')
  refresh_best(q, c.step)
end

local function remove_waiting(c)
  local q = queue(c.queue)
  if redis.call('ZREM', k('q', q.id, 'w', digits(c.step)), waiting_member(c)) == 0 then return end
  qcount(q, 'waiting', -1)
  redis.call('HINCRBY', k('seq'), 'waitingTotal', '-1')
  refresh_best(q, c.step)
end

--- Marks a contact ended and forgets the oldest ended ones beyond the retention bound [endContact, retire].
local function end_contact(c)
  c.ended = jnum(NOW)
  c.version = c.version + 1
  qcount(queue(c.queue), 'held', -1)
  local ended = redis.call('RPUSH', k('ended'), c.id)
  while ended > RETAIN_ENDED do
    local old = redis.call('LPOP', k('ended'))
    redis.call('DEL', k('c', old), k('t', old))
    redis.call('ZREM', k('contacts'), old)
    ended = ended - 1
  end
end

-- Timers [timer-heap.ts, timers.ts] -------------------------------------------------------------
-- Members sort like the core's heap: due time (the score), then rank, then creation order.

local function schedule(due, kind, target, version, rank)
  local member = sortable(rank or -math.huge) .. '|' .. pad(next_seq('timer')) .. '|' .. kind .. '|' .. target .. '|' .. jnum(version)
  redis.call('ZADD', k('timers'), jnum(due), member)
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
