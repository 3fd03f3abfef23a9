-- Video progress reports, as the item page's script sends them: JSON with the antiforgery token in X-CSRF-TOKEN
-- (cookie and token fetched once by bench/run). Each report covers the next ten seconds of a 600-second video, so
-- the watched map grows as it would while someone watches. At full speed without WRK_RATE; with WRK_RATE, all of
-- wrk's threads together offer that many reports a second (WRK_THREADS threads), whatever the latency.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "pacing.lua")

local cookie = os.getenv("WRK_COOKIE")
local token = os.getenv("WRK_TOKEN")
local path = os.getenv("WRK_WRITE_PATH")
local rate = tonumber(os.getenv("WRK_RATE") or "0")
local threads = tonumber(os.getenv("WRK_THREADS") or "2")

local pace, counter, headers
function init(args)
  pace = pacer(rate, threads)
  counter = 0
  headers = { ["Cookie"] = cookie, ["Content-Type"] = "application/json", ["Accept"] = "application/json", ["X-CSRF-TOKEN"] = token }
end

function delay()
  return pace()
end

function request()
  counter = counter + 1
  local start = (counter * 10) % 600
  local body = string.format('{"position":%d,"duration":600,"ranges":[[%d,%d]]}', start + 10, start, start + 10)
  return wrk.format("POST", path, headers, body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "summary.lua")
