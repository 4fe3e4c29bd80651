-- Replays pre-generated requests for bench/run.py, each one once, and counts statuses.
--
--   wrk -t2 -c32 -d10s -s bench/wrk/replay.lua URL -- FILE THREADS EXPECT
--
-- FILE has one request a line: METHOD <TAB> PATH <TAB> COOKIE <TAB> BODY (BODY form-encoded,
-- COOKIE and BODY may be empty). Thread i of THREADS takes lines i, i+THREADS, ... so no two
-- threads send the same request. EXPECT is the status that counts as success (200 or 302);
-- any other status is counted as an error. A thread that runs out of lines starts again
-- from its first (counted in "wrapped": for answers that would be a repeat, so the harness
-- treats it as a failed run). done() prints one JSON line for the harness to read.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  expect = tonumber(args[3])
  prepared = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = { ["User-Agent"] = "quiz-bench" }
      if cookie ~= "" then headers["Cookie"] = cookie end
      if body == "" then
        body = nil
      else
        headers["Content-Type"] = "application/x-www-form-urlencoded"
      end
      prepared[#prepared + 1] = wrk.format(method, path, headers, body)
    end
    i = i + 1
  end
  n, sent, wrapped, good, bad = 0, 0, 0, 0, 0
  statuses = {}
end

function request()
  n = n + 1
  if n > #prepared then
    n = 1
    wrapped = wrapped + 1
  end
  sent = sent + 1
  return prepared[n]
end

function response(status, headers, body)
  if status == expect then
    good = good + 1
  else
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local sent_all, wrapped_all, good_all, bad_all, prepared_all = 0, 0, 0, 0, 0
  local other = {}
  for _, thread in ipairs(threads) do
    sent_all = sent_all + thread:get("sent")
    wrapped_all = wrapped_all + thread:get("wrapped")
    good_all = good_all + thread:get("good")
    bad_all = bad_all + thread:get("bad")
    local s = thread:get("statuses")
    for code, count in pairs(s) do
      other[code] = (other[code] or 0) + count
    end
  end
  local codes = {}
  for code, count in pairs(other) do
    codes[#codes + 1] = string.format('"%d": %d', code, count)
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "good": %d, "bad": %d, "sent": %d, '
    .. '"wrapped": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "bad_statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes, good_all, bad_all, sent_all, wrapped_all,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(codes, ", ")))
end
