-- Engine library, part 3: Pools of ready agents and the two searches (best agent, best waiting contact).
-- (loaded after the previous parts, in one chunk: see lua/lib/1-encoding.lua)

-- Pools [availability.ts, agent-pool.ts, fifo-pool.ts] ----------------------------------------
-- Entry member: sortable k2 | agent seq | agent id. A pool holds exactly the agents filed in it
-- now: before an agent is filed again or stops being available, it leaves every pool it was
-- filed in (`unfile`), so a pool head is always a valid entry. The engine deletes lazily (an
-- epoch per agent); here a stale entry would cost more commands than its removal up front —
-- reading the agent to check it, removing it, compacting the pool — where unfiling is one ZREM.
--
-- A pool's key is `p|<name>`; queues share a pool where the order allows (poolNames in
-- layout.ts). `filed` on the agent records its filing: '' (filed nowhere), or
-- `<available-since>|<filing counter>|<entry>|<entry>…`, one entry per pool filed in: the k2
-- code (below) and the pool's name. It names pools, not memberships, so it stays right when
-- memberships change under it (agent and queue edits).

local function can_take(a, q)
  return a.presence == 'ready' and a.cap - a.used >= q.cost and a.perch[q.channel + 1] < a.maxch[q.channel + 1]
end

--- What breaks ties of k1 in a strategy's pools: the filing counter (i), the agent's seq (s) or
--- its available-since time (a) [poolKeys].
local K2_CODE = {
  ['longest-idle'] = 'i', ['round-robin'] = 's', ['weighted-random'] = 's',
  ['most-skilled'] = 'a', ['fewest-contacts'] = 'a', ['least-occupied'] = 'a',
}
local function k2_by(code, seq, avail, idle2)
  if code == 'i' then return idle2 end
  if code == 's' then return seq end
  return avail
end

--- The strategy's key of an agent in a pool [poolKeys]; ties go to the smaller k2 (`pool_k2`).
local function pool_k1(q, a, m)
  local s = q.strategy
  if s == 'longest-idle' then return num(a.idle1) end
  if s == 'round-robin' then return m.lastOfferedAt end
  if s == 'most-skilled' then return 0 - m.score end
  if s == 'fewest-contacts' then return a.handled end
  if s == 'least-occupied' then return a.used / a.cap end
  if s == 'weighted-random' then
    local race = num(redis.call('HGET', q.key, 'race') or '0')
    return race - math.log(1 - rng()) / a.weight
  end
  error('unknown strategy ' .. s)
end

local function pool_k2(strategy, a) return k2_by(K2_CODE[strategy], a.seq, a.avail, num(a.idle2)) end

local function entry(k2, a) return sortable(k2) .. '|' .. pad(a.seq) .. '|' .. a.id end

local function entry_agent(member) return string.match(member, '^[^|]*|[^|]*|(.*)$') end

--- Takes the agent out of every pool it is filed in (the caller saves `filed`).
local function unfile(a)
  if a.filed == nil or a.filed == '' then return end
  local avail, idle2, entries = string.match(a.filed, '^([^|]*)|([^|]*)(.*)$')
  local members = {} -- the entry per k2 code
  for code, pool in string.gmatch(entries, '|(%a)([^|]*)') do
    local member = members[code]
    if member == nil then
      member = entry(k2_by(code, a.seq, num(avail), num(idle2)), a)
      members[code] = member
    end
    redis.call('ZREM', k('p', pool), member)
  end
  a.filed = ''
end

--- Takes the agent out of its pools and files it, if ready, in each pool whose channel fits [repool].
local function repool(a)
  local was = a.filed ~= nil and a.filed ~= ''
  unfile(a)
  if a.presence ~= 'ready' then
    if was then redis.call('HSET', k('a', a.id), 'filed', '') end
    return
  end
  a.idle1 = a.avail
  a.idle2 = next_seq('push') - 1 -- the core's filing counter starts at 0
  local filed = { jnum(a.avail), jnum(a.idle2) }
  local free = a.cap - a.used
  -- Every channel costs at least 1: an agent without room is filed nowhere, its plan unread.
  if free >= 1 then
    local members = {} -- the entry per k2 code, the same in every pool of that code
    -- Each membership carries its queue's channel, cost and strategy, so filing reads no queue.
    local idle = jnum(a.idle1) -- the longest-idle k1, the same in every pool
    local done = {} -- a shared pool: several memberships, one entry
    for queue, _, ch, cost, st, x, pool in string.gmatch(a.plan, '([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^|]*)|([^;]*);') do
      ch = tonumber(ch)
      if not done[pool] and free >= tonumber(cost) and a.perch[ch + 1] < a.maxch[ch + 1] then
        done[pool] = true
        local code = K2_CODE[st]
        local member = members[code]
        if member == nil then
          member = entry(pool_k2(st, a), a)
          members[code] = member
        end
        local k1 = idle
        if st ~= 'longest-idle' then
          local m = { score = num(x), lastOfferedAt = num(x) } -- what pool_k1 reads of a membership
          k1 = jnum(pool_k1({ id = queue, key = k('q', queue), strategy = st }, a, m))
        end
        redis.call('ZADD', k('p', pool), k1, member)
        filed[#filed + 1] = code .. pool
      end
    end
  end
  a.filed = table.concat(filed, '|')
  redis.call('HSET', k('a', a.id), 'idle1', jnum(a.idle1), 'idle2', jnum(a.idle2), 'filed', a.filed)
end

--- The first entry of a pool whose agent passes `ok` [peek, firstWhere].
local function pool_head(key, ok)
  local start = 0
  while true do
    local head = redis.call('ZRANGE', key, digits(start), digits(start), 'WITHSCORES')
    if head[1] == nil then return nil end
    local id = entry_agent(head[1])
    if ok(id) then return id, num(head[2]), head[1] end
    start = start + 1
  end
end

-- Matching [matching.ts] ------------------------------------------------------------------------

--- The best ready agent among the pools of steps 0..c.step of the contact's queue [bestAgentFor].
--- The k2 of a pool entry: the agent's keys have not changed since it was filed.
local function entry_k2(q, id) return pool_k2(q.strategy, agent(id)) end

local function best_agent_for(c, q, cands)
  local best_id, best_k1, best_member, best_step
  local ok = function(id) return takes(c, id) end
  for s = 0, c.step do
    if q.steps[s + 1] == nil then break end
    local id, k1, member = pool_head(k('p', q.pools[s + 1]), ok)
    if id ~= nil and cands ~= nil then cands[#cands + 1] = cand(id, 'agent', q.id .. '/' .. s, k1, entry_k2(q, id)) end
    if id ~= nil then
      local k2part = string.match(member, '^([^|]*)')
      local better = best_id == nil or k1 < best_k1 or (k1 == best_k1 and k2part < string.match(best_member, '^([^|]*)'))
      if better then best_id, best_k1, best_member, best_step = id, k1, member, s end
    end
  end
  return best_id, best_k1
end

--- The waiting contact with the smallest (order key, seq) across every set the agent qualifies
--- for, that it has not declined and has the skills of [bestContactFor].
local function best_contact_for(a, cands)
  if num(redis.call('HGET', k('seq'), 'waitingTotal') or '0') <= 0 then return nil end
  local best_id, best_key, best_member
  local mem = memberships_of(a)
  if #mem == 0 then return nil end
  local fields = {}
  for i, m in ipairs(mem) do fields[i] = best_field(m.queue, m.step) end
  local keys = redis.call('HMGET', k('best'), unpack(fields))
  for i, m in ipairs(mem) do
    local key = keys[i] and num(keys[i]) or math.huge
    -- A traced decision lists every set's head, so it skips nothing by key.
    local q = (cands ~= nil or (key ~= math.huge and (best_key == nil or key <= best_key))) and queue(m.queue) or nil
    if q ~= nil and can_take(a, q) then
      for s = m.step, #q.steps - 1 do
        local start = 0
        while true do
          local head = redis.call('ZRANGE', k('q', q.id, 'w', digits(s)), digits(start), digits(start), 'WITHSCORES')
          if head[1] == nil then break end
          local id = string.match(head[1], '|(.*)$')
          local hk = num(head[2])
          local f = redis.call('HMGET', k('c', id), 'declined', 'req')
          if takes({ declined = cjson.decode(f[1]), req = (f[2] and f[2] ~= '') and cjson.decode(f[2]) or {} }, a.id) then
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
