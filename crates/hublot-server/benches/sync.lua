-- wrk script: GET /v1/sync as the demo person, from the current cursor (the
-- steady state of a client that is up to date and polls or was just pinged).
-- TOKEN and CURSOR come from `server_bench token`.
wrk.method = "GET"
wrk.path = "/v1/sync?since=" .. (os.getenv("CURSOR") or "0") .. "&limit=500"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
