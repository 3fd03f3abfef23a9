-- A paced GET of the URL given to wrk, with no cookie: all of wrk's threads together offer WRK_RATE requests a second
-- (WRK_THREADS threads), whatever the latency. bench/run offers the bare endpoint this way beside a page read at full
-- speed, as a control for the paced writes: what any WRK_RATE requests a second cost the readers on this machine.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "pacing.lua")

local rate = tonumber(os.getenv("WRK_RATE") or "0")
local threads = tonumber(os.getenv("WRK_THREADS") or "1")

local pace
function init(args)
  pace = pacer(rate, threads)
end

function delay()
  return pace()
end

dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "summary.lua")
