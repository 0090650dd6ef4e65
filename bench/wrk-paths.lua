-- wrk script of `npm run bench`: GETs the paths given after `--`, rotating per request (each wrk
-- thread starts at its own offset). The Authorization header comes from wrk's -H option.
local paths = {}
local n = 0

function init(args)
  for i = 1, #args do paths[i] = args[i] end
  n = math.random(0, #paths - 1)
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
