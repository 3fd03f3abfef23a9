-- Writes at a fixed rate: POSTs a new evidence item (cookies and antiforgery token fetched once by bench/run) so
-- that all of wrk's threads together offer WRK_RATE requests a second, whatever the latency (each thread keeps its
-- own schedule on the monotonic clock, so a slow response is caught up, not lost). Reports like report.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "pacing.lua")

local cookie = os.getenv("WRK_COOKIE")
local token = os.getenv("WRK_TOKEN")
local path = os.getenv("WRK_WRITE_PATH") or "/evidence/new"
local body_template = os.getenv("WRK_WRITE_BODY") or ""
local rate = tonumber(os.getenv("WRK_RATE") or "100")
local threads = tonumber(os.getenv("WRK_THREADS") or "1")
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Everything that does not change between requests is built once, so that the load generator spends as little of the
-- machine as it can (its CPU is taken from the server it measures): each request only numbers its title.
local pace, counter, body_head, body_tail, headers
function init(args)
  pace = pacer(rate, threads)
  counter = 0
  local at = body_template:find("{n}", 1, true)
  local suffix = "&__RequestVerificationToken=" .. urlencode(token)
  if at then
    body_head = body_template:sub(1, at - 1) .. tostring(tid or 0) .. "-"
    body_tail = body_template:sub(at + 3) .. suffix
  else
    body_head, body_tail = nil, body_template .. suffix
  end
  headers = { ["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }
end

function delay()
  return pace()
end

function request()
  counter = counter + 1
  local body = body_head and (body_head .. counter .. body_tail) or body_tail
  return wrk.format("POST", path, headers, body)
end

-- The JSON summary is shared with the other scripts (summary.lua, beside this one).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "summary.lua")
