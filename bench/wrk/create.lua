-- POST a new, unique claim per request (the same words twice would be a 409).
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local number = 0
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or "0"

function request()
  number = number + 1
  local body = string.format(
    '{"text": "Benchmark claim %s %d %d", "kind": "paraphrase", "speaker_id": 1, "source_id": 1}',
    run, tid, number)
  return wrk.format("POST", "/api/v1/claims",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
