-- A steady rate for the paced write scripts, loaded by them: pacer(rate, threads) gives a function for wrk's delay()
-- that keeps one thread's share of `rate` requests a second on the monotonic clock, whatever the latency (a slow
-- response is caught up, not lost; at most ten intervals are owed). A rate of 0 or less means no pacing.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec;
  int clock_gettime(int clk_id, timespec *tp);
]]
local ts = ffi.new("timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

function pacer(rate, threads)
  if rate <= 0 then
    return function() return 0 end
  end

  local interval = 1000 * threads / rate
  local next_due = now_ms()
  return function()
    local now = now_ms()
    local wait = next_due - now
    next_due = math.max(next_due, now - 10 * interval) + interval
    return wait > 0 and wait or 0
  end
end
