-- Engine library, part 5: Presence, answers, completion and wrap-up, transfer, callbacks, abandon, memberships.
-- (loaded after the previous parts, in one chunk: see lua/lib/1-encoding.lua)

-- Lifecycle [lifecycle.ts, agent-ops.ts] ----------------------------------------------------------

local function reservation(token) return hgetall(k('r', token)) end

local set_presence

--- After a ring timeout: count the miss and pause the agent after too many in a row [notePause].
local function note_pause(a, q)
  a.missed = a.missed + 1
  redis.call('HSET', k('a', a.id), 'missed', jnum(a.missed))
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
  qcount(q, 'c_answered', 1)
  qincr(q, 'c_waitAnsweredMs', waited)
  if waited <= q.slMs then qcount(q, 'c_answeredWithinSl', 1) end
  emit({ 'type', 'reservation.accepted', 'at', NOW, 'reservationId', r.id, 'contactId', c.id, 'agentId', a.id })
  save_contact(c)
  save_agent(a)
end

--- Wrap-up over: handle time counted, capacity given back [endWrapUp].
local function end_wrap_up(a, r)
  local q = queue(r.queue)
  qcount(q, 'c_handled', 1)
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
  redis.call('HSET', k('r', r.token), 'phase', 'wrapUp', 'since', jnum(NOW), 'wrapuntil', jnum(until_), 'version', jnum(version))
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
  qcount(from, 'c_transferredOut', 1)
  emit({ 'type', 'contact.transferred', 'at', NOW, 'contactId', c.id, 'fromQueueId', from.id, 'toQueueId', to.id, 'agentId', a.id })
  c.agent = ''
  c.answered = ''
  move_to_queue(c, to)
  c.declined = { a.id } -- a transfer never comes straight back to the agent who made it
  c.waitstart = NOW
  c.key = NOW - boost
  c.hops = 0
  redis.call('HSET', k('c', c.id), 'boost', jnum(boost))
  qcount(to, 'c_offered', 1)
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
    qcount(q, 'c_abandoned', 1)
    qincr(q, 'c_waitAbandonedMs', waited)
    if waited <= q.slMs then qcount(q, 'c_abandonedWithinSl', 1) end
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
