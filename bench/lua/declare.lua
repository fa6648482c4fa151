-- wrk script: residents declaring on the public page, each request the next person of a registry
-- CSV written by bench/registry_csv (name, ID number and phone in its first three columns).
-- Set DECL_CSV to the file and COMMUNITY to the community it was imported into.
local path = os.getenv("DECL_CSV")
local community = os.getenv("COMMUNITY") or "441900003013"
local headers = {["Content-Type"] = "application/json"}
-- Each request is made once, before the run: the client's work is not what is measured.
local requests = {}

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
  for i, id in ipairs(order) do
    local p = seen[id]
    local tenths = 360 + (i % 10)
    local body = string.format(
      '{"community_code":"%s","name":"%s","id_number":"%s","phone":"%s",' ..
      '"temperature":%d.%d,"symptoms":[],"travel":[],"contact_with_cases":false,"promise":true}',
      community, p[1], id, p[2], math.floor(tenths / 10), tenths % 10)
    requests[i] = wrk.format("POST", "/api/v1/declarations", headers, body)
  end
end

load()
local counter = 0

-- Each wrk thread starts at its own place in the list.
setup = function(thread)
  thread:set("offset", math.random(1, #requests))
end

request = function()
  counter = counter + 1
  return requests[((offset or 0) + counter) % #requests + 1]
end
