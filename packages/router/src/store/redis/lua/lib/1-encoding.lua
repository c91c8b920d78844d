-- The routing engine's state changes over Redis keys, shared by the operation scripts: the
-- files of lua/lib/, in name order, loaded as one chunk after the prelude and the transition
-- tables. It mirrors the TypeScript core function by
-- function — the core's names are given in brackets — so both stores take the same decisions
-- and emit the same events.
--
-- Every script gets the domain's key prefix `sb:{<domain>}:` as KEYS[1] and builds the other
-- keys from it: they all carry the domain's hash tag, so they live on one Cluster slot. Parts of
-- a key are joined with `|`, which ids cannot contain (they may contain `:`), so no two keys
-- collide whatever the ids.

local P -- key prefix
local NOW -- engine time (ms): the operation's time, or a timer's due time while it fires
local EVENTS_MAXLEN = '100000'
local RETAIN_ENDED = 10000

--- A key of the domain from its parts (one to four). One concatenation: no table per key.
local function k(a, b, c, d)
  if b == nil then return P .. a end
  if c == nil then return P .. a .. '|' .. b end
  if d == nil then return P .. a .. '|' .. b .. '|' .. c end
  return P .. a .. '|' .. b .. '|' .. c .. '|' .. d
end

-- Encoding ------------------------------------------------------------------------------------

--- Numbers as JSON: integers exactly, fractions with 17 significant digits (a JS double reads back equal).
--- Numbers go to redis.call through it too: Redis would format them with '%.17g', the same
--- text, but through the C library's float formatting, which costs far more than '%d'.
local function jnum(x)
  if x == math.floor(x) and math.abs(x) < 1e15 then return string.format('%d', x) end
  return string.format('%.17g', x)
end

--- A small whole number (a step, an index) as text, formatted once. (The table fills on use:
--- a function library cannot call the string library while Redis loads it.)
local DIGITS = {}
local function digits(n)
  local s = DIGITS[n]
  if s == nil then
    s = jnum(n)
    if n >= 0 and n < 256 and n == math.floor(n) then DIGITS[n] = s end
  end
  return s
end

local function jstr(s)
  if not string.find(s, '[%c"\\]') then return '"' .. s .. '"' end -- ids and names: nothing to escape
  return '"' .. string.gsub(s, '[%c"\\]', function(c) return string.format('\\u%04x', string.byte(c)) end) .. '"'
end

--- A non-negative number as a fixed-width string whose byte order is its numeric order
--- ('%032.12f'; integers, the usual case, the same bytes without the floating-point formatter).
local function pad(x)
  if x == math.floor(x) and x < 1e15 then return string.format('%019d', x) .. '.000000000000' end
  return string.format('%032.12f', x)
end

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
  redis.call('LTRIM', k('t', cid), jnum(-MAX_DECISIONS), '-1')
end

local function cands_json(list)
  local items = {}
  for i, x in ipairs(list or {}) do items[i] = cand_json(x) end
  return { raw = '[' .. table.concat(items, ',') .. ']' }
end
