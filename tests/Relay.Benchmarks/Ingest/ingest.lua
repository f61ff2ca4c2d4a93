-- wrk script of the ingest benchmark (IngestBenchmark.cs): CCV Shop order webhook deliveries.
-- Arguments after "--": mode base first pool threads path keys
--   mode     distinct (every delivery new), mixed (30% duplicates) or duplicates (every one a duplicate)
--   base     thread t of `threads` sends new deliveries with ids base + k * threads + t, k = first, first + 1, ...
--   pool     a duplicate is the exact body of the id of some thread's k < pool (stored by an earlier run)
--   path     /webhooks/ccvshop/{connection}/{secret}/{event}
--   keys     file for the work item keys of the 202 answers ("-": none)
-- The body depends on the id alone, so a duplicate is byte for byte the body stored before.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode, base, k, pool = args[1], tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  count, path, keysfile = tonumber(args[5]), args[6], args[7]
  record = keysfile ~= "-"
  first, sent, accepted, duplicates, other, keys = k, 0, 0, 0, 0, {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  math.randomseed(index + 1)
end

local function body(id)
  local number = 1000 + id % 1000000
  return string.format('{"triggered_at":"%s","href":"http://shop.example/api/rest/v1/orders/%d","id":%d,' ..
    '"order_number":%d,"ordernumber_prefix":"WEB","ordernumber_full":"WEB-%d","total_price":24.95,' ..
    '"customer_email":"klant%d@example.nl","customer_mobile":""}',
    os.date("!%Y-%m-%dT%H:%M:%SZ", 1796083200 + id % 2592000), id, id, number, number, id % 25)
end

function request()
  local id
  -- mixed: three of every ten requests a thread sends are duplicates
  if mode == "duplicates" or (mode == "mixed" and sent % 10 < 3) then
    id = base + math.random(0, pool - 1) * count + math.random(0, count - 1)
  else
    id = base + k * count + index
    k = k + 1
  end
  sent = sent + 1
  return wrk.format(nil, path, nil, body(id))
end

function response(status, headers, text)
  if status == 202 then
    accepted = accepted + 1
    if record then keys[#keys + 1] = text:match('"key":"([^"]+)"') end
  elseif status == 200 then
    duplicates = duplicates + 1
  else
    other = other + 1
  end
end

-- One line for the harness: totals, latency in microseconds, and per thread the next k of new deliveries.
function done(summary, latency, requests)
  local accepted, duplicates, other, next = 0, 0, 0, {}
  local file = nil
  for _, thread in ipairs(threads) do
    accepted = accepted + thread:get("accepted")
    duplicates = duplicates + thread:get("duplicates")
    other = other + thread:get("other")
    next[#next + 1] = tostring(thread:get("k"))
    if thread:get("record") then
      file = file or io.open(thread:get("keysfile"), "w")
      for _, key in ipairs(thread:get("keys")) do file:write(key, "\n") end
    end
  end
  if file then file:close() end
  local e = summary.errors
  io.write(string.format('INGEST-RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connect":%d,' ..
    '"read":%d,"write":%d,"timeout":%d,"accepted":%d,"duplicates":%d,"other":%d,"next":[%s]}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect, e.read,
    e.write, e.timeout, accepted, duplicates, other, table.concat(next, ",")))
end
