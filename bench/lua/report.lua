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
  local gap = 1000 * connections / rate
  function delay()
    return gap
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
