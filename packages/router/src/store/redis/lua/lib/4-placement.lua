-- Engine library, part 4: Reserving, releasing, and placing a contact (preferred agents, queue, overflow).
-- (loaded after the previous parts, in one chunk: see lua/lib/1-encoding.lua)

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
    for _, m in ipairs(memberships_of(a)) do if m.queue == q.id then m.lastOfferedAt = NOW end end
    a.mem_dirty = true
  end
  local token = next_seq('fencing')
  local tok = jnum(token)
  local deadline = NOW + q.ringMs
  redis.call('HSET', k('r', tok), 'id', 'R' .. tok, 'token', tok, 'created', jnum(NOW), 'deadline', jnum(deadline),
    'agent', a.id, 'contact', c.id, 'queue', q.id, 'cost', jnum(q.cost), 'channel', jnum(q.channel), 'phase', 'reserved',
    'since', jnum(NOW), 'answered', jnum(NOW), 'wrapuntil', '0', 'version', '0')
  a.asg[#a.asg + 1] = token
  c.token = tok
  c.deadline = deadline -- not stored: the reservation holds it
  c.agent = a.id
  c.offers = c.offers + 1
  schedule(deadline, 'ring', tok, 0)
  emit({ 'type', 'reservation.created', 'at', NOW, 'reservationId', 'R' .. tok, 'token', token, 'contactId', c.id,
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
      if takes(c, a.id) and can_take(a, queue(c.queue)) then
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
  for _, ab in ipairs(absences_of(a)) do if t >= ab.from and t < ab.to then return true end end
  return false
end

--- Offers the contact to its first available preferred agent, or waits for them until its
--- window ends — never for one who is logged out or absent, or lacks a skill the contact requires.
--- False when nobody is worth waiting for [tryPreferred].
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
      elseif not takes(c, id) then
        note(cand(id, 'agent', nil, nil, nil, 'lacks-skill'))
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
  qcount(q, 'c_expired', 1)
  emit({ 'type', 'contact.expired', 'at', NOW, 'contactId', c.id, 'queueId', q.id, 'waitedMs', NOW - c.waitstart })
  end_contact(c)
  save_contact(c)
end

local function refuse(c, reason)
  local q = queue(c.queue)
  step(c, 'contact.refused')
  qcount(q, 'c_refused', 1)
  emit({ 'type', 'contact.refused', 'at', NOW, 'contactId', c.id, 'queueId', q.id, 'reason', reason })
  end_contact(c)
  save_contact(c)
end

local enter_queue

--- Re-homes a contact in another queue: its steps and max wait count from now [moveToQueue].
local function move_to_queue(c, to)
  qcount(queue(c.queue), 'held', -1)
  qcount(to, 'held', 1)
  c.queue = to.id
  c.qentered = NOW
  c.step = 0
  c.declined = {}
  c.version = c.version + 1
end

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
  qcount(q, 'c_overflowedOut', 1)
  move_to_queue(c, to)
  c.hops = c.hops + 1
  qcount(to, 'c_offered', 1)
  emit({ 'type', 'contact.overflowed', 'at', NOW, 'contactId', c.id, 'fromQueueId', q.id, 'toQueueId', to.id, 'reason', reason })
  enter_queue(c, trigger)
end

--- A supervisor moves a queued contact to another queue, keeping its order key [moveWaiting].
local function move_waiting(c, to)
  local q = queue(c.queue)
  remove_waiting(c)
  step(c, 'queue.overflowed')
  qcount(q, 'c_transferredOut', 1)
  move_to_queue(c, to)
  qcount(to, 'c_offered', 1)
  emit({ 'type', 'contact.moved', 'at', NOW, 'contactId', c.id, 'fromQueueId', q.id, 'toQueueId', to.id })
  enter_queue(c, 'contact-arrived')
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
  qcount(queue(c.queue), 'c_offered', 1)
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
  for _, m in ipairs(memberships_of(a)) do
    local n = after[m.queue]
    if n ~= nil then
      m.step, m.score, m.ch, m.cost, m.st, m.pool = n.step, n.score, n.ch, n.cost, n.st, n.pool
      mem[#mem + 1] = m
      after[m.queue] = nil
    end
  end
  for _, m in ipairs(list) do
    if after[m.queue] ~= nil then
      mem[#mem + 1] = { queue = m.queue, step = m.step, score = m.score, lastOfferedAt = 0, ch = m.ch, cost = m.cost, st = m.st, pool = m.pool }
    end
  end
  a.mem = mem
  a.mem_dirty = true
  save_agent(a)
end
