-- Mixed load: POSTs a new evidence draft (with the antiforgery token and cookies bench/run fetched once)
-- on every WRK_WRITE_EVERY-th request, and GETs the evidence list otherwise. Reports like report.lua.
local cookie = os.getenv("WRK_COOKIE")
local token = os.getenv("WRK_TOKEN")
local path_read = os.getenv("WRK_READ_PATH") or "/evidence"
local path_write = os.getenv("WRK_WRITE_PATH") or "/evidence/new"
local body_template = os.getenv("WRK_WRITE_BODY") or ""
local write_every = tonumber(os.getenv("WRK_WRITE_EVERY") or "1")
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  counter = 0
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local headers = { ["Cookie"] = cookie }
  if counter % write_every == 0 then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    local body = body_template:gsub("{n}", tostring(tid or 0) .. "-" .. tostring(counter)) .. "&__RequestVerificationToken=" .. urlencode(token)
    return wrk.format("POST", path_write, headers, body)
  end
  return wrk.format("GET", path_read, headers, nil)
end

-- The JSON summary is shared with the other scripts (summary.lua, beside this one).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "summary.lua")
