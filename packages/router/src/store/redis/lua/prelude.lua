-- Shared head of every Switchboard script (prepended when the script is loaded).
--
-- A refusal returns a negative integer from ERR and writes nothing: scripts check everything
-- before their first write. The TypeScript side maps each code to a RoutingError code.

local ERR = {
  CONFIG_STALE = -1,
  UNKNOWN = -2,
  DUPLICATE = -3,
  STATE_INVALID = -4,
  STALE_TOKEN = -5,
  BUSY = -6,
  INPUT = -7,
  TIMERS_PENDING = -8,
  CAPACITY = -9,
}
