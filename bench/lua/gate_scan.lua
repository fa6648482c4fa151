-- wrk script: guards scanning residents' passes at an entrance, each scan a new event with its own
-- UUID, stored durably. Set TOKEN (a guard's session), ENTRANCE (the entrance id) and PASSES (a
-- file with one pass token a line).
local session = os.getenv("TOKEN")
local entrance = os.getenv("ENTRANCE")
local passes = {}
for line in io.lines(os.getenv("PASSES")) do
  if line ~= "" then
    passes[#passes + 1] = line
  end
end

-- A UUID v7 (RFC 9562) as a station makes them (web/src/station/session.ts): the time in
-- milliseconds, the version, then a counter where the station has random bits (the RFC's
-- "fixed-length dedicated counter" method) and the number of this wrk thread. Lua here has only
-- a clock in seconds; the requests of a second take the milliseconds in turn. One format a
-- request: the client's work is not what is measured.
local node = nil
local function uuid(made)
  local ms = os.time() * 1000 + made % 1000
  local hi = math.floor(ms / 65536)
  return string.format("%08x-%04x-7%03x-%04x-%s%08x", hi, ms % 65536, made % 4096,
    0x8000 + math.floor(made / 4096) % 0x4000, node, made)
end
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. session}
local counter = 0

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

init = function()
  node = string.format("%04x", id or 0)
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"entrance_id":%s,"token":"%s","direction":"%s","temperature":36.%d,"client_event_id":"%s"}',
    entrance, passes[counter % #passes + 1], counter % 2 == 0 and "in" or "out", counter % 9,
    uuid(counter))
  return wrk.format("POST", "/api/v1/gate-events", headers, body)
end
