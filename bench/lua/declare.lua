-- wrk script: residents declaring on the public page, each request the next person of a registry
-- CSV written by bench/registry_csv (name, ID number and phone in its first three columns).
-- Set DECL_CSV to the file and COMMUNITY to the community it was imported into.
local path = os.getenv("DECL_CSV")
local community = os.getenv("COMMUNITY") or "441900003013"
local headers = {["Content-Type"] = "application/json"}

-- Each request is made once, before the run: the client's work is not what is measured. wrk
-- starts each thread as soon as its setup is done, and only then goes on to the next thread's,
-- while its clock starts after the last: whatever a thread's setup costs, the threads already
-- started spend it sending requests that are counted. So the requests are made once, in the
-- first setup, before any thread starts, and each thread is handed them as two strings, which
-- copy at memory speed: all requests end to end, and where each starts (WIDTH digits apiece).
local WIDTH = 10

local function load()
  local seen = {}
  local order = {}
  local first = true
  for line in io.lines(path) do
    if first then
      first = false -- the header
    else
      local name, id, phone = line:match("^([^,]*),([^,]*),([^,]*),")
      if id and id ~= "" and phone ~= "" then
        -- A later row with the same ID number updated the earlier one on import.
        if not seen[id] then
          order[#order + 1] = id
        end
        seen[id] = {name, phone}
      end
    end
  end
  local requests = {}
  local starts = {}
  local at = 1
  for i, id in ipairs(order) do
    local p = seen[id]
    local tenths = 360 + (i % 10)
    local body = string.format(
      '{"community_code":"%s","name":"%s","id_number":"%s","phone":"%s",' ..
      '"temperature":%d.%d,"symptoms":[],"travel":[],"contact_with_cases":false,"promise":true}',
      community, p[1], id, p[2], math.floor(tenths / 10), tenths % 10)
    requests[i] = wrk.format("POST", "/api/v1/declarations", headers, body)
    starts[i] = string.format("%0" .. WIDTH .. "d", at)
    at = at + #requests[i]
  end
  starts[#starts + 1] = string.format("%0" .. WIDTH .. "d", at)
  return table.concat(requests), table.concat(starts), #order
end

local made = nil
setup = function(thread)
  if not made then
    made = {load()}
  end
  thread:set("all", made[1])
  thread:set("starts", made[2])
  thread:set("count", made[3])
  -- Each wrk thread starts at its own place in the list.
  thread:set("offset", math.random(1, made[3]))
end

local counter = 0
request = function()
  counter = counter + 1
  local i = (offset + counter) % count
  local from = tonumber(starts:sub(i * WIDTH + 1, (i + 1) * WIDTH))
  local to = tonumber(starts:sub((i + 1) * WIDTH + 1, (i + 2) * WIDTH))
  return all:sub(from, to - 1)
end
