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

local function uuid()
  local t = {}
  for i = 1, 16 do
    t[i] = math.random(0, 255)
  end
  t[7] = (t[7] % 16) + 64  -- version 4
  t[9] = (t[9] % 64) + 128 -- variant 10
  local h = {}
  for i = 1, 16 do
    h[#h + 1] = string.format("%02x", t[i])
    if i == 4 or i == 6 or i == 8 or i == 10 then
      h[#h + 1] = "-"
    end
  end
  return table.concat(h)
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
