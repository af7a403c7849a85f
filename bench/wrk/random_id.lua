-- GET a path with a random record id: BENCH_PATH is a format such as /api/v1/claims/%d.
local path = os.getenv("BENCH_PATH")
local top = tonumber(os.getenv("BENCH_MAX_ID"))

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  return wrk.format("GET", string.format(path, math.random(1, top)))
end
