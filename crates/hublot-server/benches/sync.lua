-- wrk script for `GET /v1/sync` as the demo person (see docs/perf/server.md).
-- TOKEN and CURSOR (the head of the log) come from `server_bench token`; the
-- server takes no writes during the run, so CURSOR stays the head. CONTENT
-- (default: CURSOR) is the cursor of the newest change the demo person sees
-- (benches/run.sh finds it): the seed writes the read markers of every member
-- last, so the log's last thousands of rows are other users' own rows.
--
-- SYNC_MIX=realistic (the default) sends what a fleet of connected clients
-- sends: most requests are "anything new since my cursor?" polls from the
-- head, which answer nothing, and some are catch-ups of a client that missed
-- recent changes (each also scans the other users' rows up to the head):
--   90 %  since = head                       (up to date: empty answer)
--    9 %  since = content - U(1, 50)         (missed a few minutes: a few entities)
--    1 %  since = content - U(50, 2000)      (back after hours offline: up to 500 entities)
-- SYNC_MIX=poll sends only the first kind; SYNC_MIX=catchup only the last.
local token = os.getenv("TOKEN")
local head = tonumber(os.getenv("CURSOR") or "0")
local content = tonumber(os.getenv("CONTENT") or os.getenv("CURSOR") or "0")
local mix = os.getenv("SYNC_MIX") or "realistic"
local headers = { ["Authorization"] = "Bearer " .. token }

function init(args)
  math.randomseed(os.time() * 1000 + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 1000)
end

local function since()
  if mix == "poll" then
    return head
  elseif mix == "catchup" then
    return content - math.random(50, 2000)
  end
  local r = math.random()
  if r < 0.90 then
    return head
  elseif r < 0.99 then
    return content - math.random(1, 50)
  else
    return content - math.random(50, 2000)
  end
end

function request()
  return wrk.format("GET", "/v1/sync?since=" .. math.max(since(), 0) .. "&limit=500", headers)
end
