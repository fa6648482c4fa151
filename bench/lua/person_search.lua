-- wrk script: person searches over a community, by name prefix and by the last four digits of an
-- ID or phone number, in turn. Set TOKEN and COMMUNITY in the environment.
local token = os.getenv("TOKEN")
local community = os.getenv("COMMUNITY") or "441900003013"
local names = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "王伟", "李娜", "张敏", "陈静",
               "刘强", "杨洋", "黄丽", "赵军", "周杰", "徐涛"}
local function urlencode(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local counter = 0
request = function()
  counter = counter + 1
  local q
  if counter % 2 == 0 then
    q = urlencode(names[(counter / 2) % #names + 1])
  else
    q = string.format("%04d", (counter * 7919) % 10000)
  end
  local path = "/api/v1/communities/" .. community .. "/persons?limit=20&q=" .. q
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
