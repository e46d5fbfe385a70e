-- wrk script for bench/serve_load: POST /route over the query pairs of a CSV file
-- (src_lon,src_lat,dst_lon,dst_lat), each connection walking them in turn from its own offset;
-- prints one JSON line of figures when done. Vehicle: SERVE_LOAD_VEHICLE (default Leopard 2A6).
local pairs_file = os.getenv("SERVE_LOAD_PAIRS")
local vehicle = os.getenv("SERVE_LOAD_VEHICLE") or "Leopard 2A6"
local bodies = {}
local next_body = 1

function init(args)
  for line in io.lines(pairs_file) do
    local a, b, c, d = line:match("^([-%d.]+),([-%d.]+),([-%d.]+),([-%d.]+)$")
    if a then
      bodies[#bodies + 1] = string.format('{"from":[%s,%s],"to":[%s,%s],"vehicle":"%s"}', a, b, c, d, vehicle)
    end
  end
  next_body = math.random(#bodies)
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/route", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status +
                 summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"non_2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status))
end
