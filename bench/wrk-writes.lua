-- wrk script of `npm run bench` for write loads: POSTs the requests of the file given after `--`
-- (one per line: path, a tab, the JSON body, then optionally more tabs each followed by a
-- `Name: value` header of that request only, e.g. an Idempotency-Key), in order, the wrk threads taking alternate lines
-- (the thread count comes after the file: a thread's own state cannot see the others). Counts
-- responses by status, and 409s by problem type (the last segment of `type`), and prints them as
-- one `WRITE_COUNTS <json>` line at the end. Headers come from wrk's -H options.
local requests = {}
local threads = {}
local counter = 1
local stride = 1

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local fields = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
    if #fields >= 2 and fields[1] ~= "" then
      -- A request's own headers replace wrk.headers in wrk.format: start from a copy of them.
      local headers = nil
      if #fields > 2 then
        headers = {}
        for k, v in pairs(wrk.headers) do headers[k] = v end
        for i = 3, #fields do
          local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
          if name then headers[name] = value end
        end
      end
      requests[#requests + 1] = wrk.format("POST", fields[1], headers, fields[2])
    end
  end
  stride = tonumber(args[2]) or 1
  counter = id + 1
  counts = {}
end

function request()
  local r = requests[((counter - 1) % #requests) + 1]
  counter = counter + stride
  return r
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 409 then
    key = "409:" .. (body:match('"type"%s*:%s*"[^"]-([%w%-]+)"') or "unknown")
  end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do parts[#parts + 1] = string.format('"%s":%d', k, v) end
  io.write("WRITE_COUNTS {" .. table.concat(parts, ",") .. "}\n")
end
