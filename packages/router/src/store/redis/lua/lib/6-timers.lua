-- Engine library, part 6: Firing due timers, and how every operation begins.
-- (loaded after the previous parts, in one chunk: see lua/lib/1-encoding.lua)

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
    local top = redis.call('ZRANGE', k('timers'), '0', '0', 'WITHSCORES')
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
--- The library's state is set here for the call: a function library keeps its locals from one
--- call to the next, so nothing read for an earlier call (or another domain) may survive.
local function begin(prefix, version, time_arg)
  P = prefix
  queues = {}
  local cfg = redis.call('HMGET', k('cfg'), 'version', 'trace', 'now')
  if (cfg[1] or '') ~= version then return false end
  TRACE = cfg[2] == '1'
  local t
  if time_arg ~= nil and time_arg ~= '' then t = num(time_arg) else
    local tt = redis.call('TIME')
    t = num(tt[1]) * 1000 + math.floor(num(tt[2]) / 1000)
  end
  local was = num(cfg[3] or '-inf')
  NOW = was == -math.huge and t or was
  local fired, more = run_due(t > NOW and t or NOW)
  if NOW ~= was then redis.call('HSET', k('cfg'), 'now', jnum(NOW)) end -- operations within one ms write nothing here
  return true, fired, more
end
