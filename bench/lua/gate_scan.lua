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

-- A UUID v7 as the station makes it (web/src/station/session.ts): the time in milliseconds, then
-- random bits. Lua here has only a clock in seconds; the requests of a second take the
-- milliseconds in turn.
local made = 0
local function uuid()
  made = made + 1
  local ms = os.time() * 1000 + made % 1000
  local t = {}
  for i = 1, 10 do
    t[i] = math.random(0, 255)
  end
  t[1] = (t[1] % 16) + 112 -- version 7
  t[3] = (t[3] % 64) + 128 -- variant 10
  local h = string.format("%012x", ms)
  local r = {}
  for i = 1, 10 do
    r[i] = string.format("%02x", t[i])
  end
  return h:sub(1, 8) .. "-" .. h:sub(9, 12) .. "-" .. r[1] .. r[2] .. "-" .. r[3] .. r[4] .. "-" ..
    table.concat(r, "", 5, 10)
end

local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. session}
local counter = 0

setup = function(thread)
  thread:set("seed", math.random(1, 1000000))
end

init = function()
  math.randomseed(seed or os.time())
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"entrance_id":%s,"token":"%s","direction":"%s","temperature":36.%d,"client_event_id":"%s"}',
    entrance, passes[counter % #passes + 1], counter % 2 == 0 and "in" or "out", counter % 9, uuid())
  return wrk.format("POST", "/api/v1/gate-events", headers, body)
end
