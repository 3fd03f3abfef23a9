-- Prints wrk's summary as one JSON line (prefixed with BENCH_JSON) for bench/run to parse.
-- Optional pacing: set WRK_RATE (requests per second for the whole run) and WRK_CONNECTIONS; each connection
-- then waits between requests so that the total rate is about WRK_RATE (a fixed-rate load at "half of peak").
local rate = tonumber(os.getenv("WRK_RATE") or "0")
local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "1")
local cookie = os.getenv("WRK_COOKIE")

if cookie and #cookie > 0 then
  wrk.headers["Cookie"] = cookie
end

if rate > 0 then
  -- Each connection waits a random time between requests, exponentially distributed around its share of the rate,
  -- so that the connections' requests arrive as independent (Poisson) arrivals would. With the same wait every time
  -- the connections stayed in step from the start and "half load" arrived as bursts of all of them at once.
  local gap = 1000 * connections / rate
  function init(args)
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  end
  function delay()
    return -gap * math.log(1 - math.random())
  end
end

-- The JSON summary is shared with the other scripts (summary.lua, beside this one).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "summary.lua")
