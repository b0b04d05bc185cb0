#!/usr/bin/env bash
# The server benchmark of docs/perf/server.md, end to end:
#   crates/hublot-server/benches/run.sh DB_FILE SCALE [PORT]
# Seeds DB_FILE with the demo at --scale SCALE if it does not exist (timed),
# then starts a fresh server process on it (so its RSS is not the seed's) and
# measures the full feed of `demo`, /v1/sync under 200 connections (wrk, two
# request mixes) and the RSS with 1,000 idle event streams. Prints the load
# average next to each number: the machine may be shared.
# STEPS (default "feed sync events") picks the measures.
# Needs: wrk; the release binaries (cargo build --release -p hublot-server
# --bin hublot-server --example server_bench) in $CARGO_TARGET_DIR or target/.
set -euo pipefail

db=${1:?usage: run.sh DB_FILE SCALE [PORT]}
scale=${2:?usage: run.sh DB_FILE SCALE [PORT]}
port=${3:-8787}
steps=${STEPS:-feed sync events}
here=$(cd "$(dirname "$0")" && pwd)
bin=${CARGO_TARGET_DIR:-$here/../../../target}/release
base=http://127.0.0.1:$port
load() { echo "    load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }

wait_listening() {
    local log=$1
    for _ in $(seq 1 36000); do
        grep -q "listening on" "$log" && return 0
        sleep 0.1
    done
    echo "the server did not start; see $log" >&2
    exit 1
}

if [ ! -e "$db" ]; then
    echo "== seeding --scale $scale into $db"
    load
    start=$(date +%s.%N)
    "$bin/hublot-server" serve --db "$db" --listen "127.0.0.1:$port" --demo --scale "$scale" \
        >"$db.seed.out" 2>"$db.seed.err" &
    pid=$!
    wait_listening "$db.seed.out"
    end=$(date +%s.%N)
    kill -INT "$pid"
    wait "$pid" || true
    echo "    seed + start: $(awk "BEGIN { printf \"%.1f\", $end - $start }") s ($(sed 's/\x1b\[[0-9;]*m//g' "$db.seed.err" | grep -o 'stats=.*' | head -1))"
    echo "    database: $(du -m "$db" | cut -f1) MB"
    load
fi

echo "== serving $db"
"$bin/hublot-server" serve --db "$db" --listen "127.0.0.1:$port" >"$db.out" 2>"$db.err" &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true' EXIT
wait_listening "$db.out"

if [[ " $steps " == *" feed "* ]]; then
    echo "== full change feed of demo"
    load
    "$bin/examples/server_bench" feed "$base"
    load
fi

eval "$("$bin/examples/server_bench" token "$base")"
# CONTENT: the cursor of the newest post, comment, reaction... `demo` sees.
# The seed writes every member's read marker last, so the log ends with
# thousands of read-marker rows (hers and, mostly, other users'); catch-ups go
# back from CONTENT (and still scan those rows up to the head), not from the
# head, or they would only find read markers.
CONTENT=$(python3 - "$base" "$TOKEN" "$CURSOR" <<'PY'
import json, sys, urllib.request
base, token, head = sys.argv[1], sys.argv[2], int(sys.argv[3])
def no_content_after(x):
    req = urllib.request.Request(f"{base}/v1/sync?since={x}&limit=5000",
                                 headers={"Authorization": f"Bearer {token}"})
    page = json.load(urllib.request.urlopen(req))
    return all(c["type"] == "read_marker" for c in page["changes"])
lo, hi = 0, head  # the answer is in (lo, hi]: the least cursor with no content after it
while hi - lo > 1:
    mid = (lo + hi) // 2
    if no_content_after(mid):
        hi = mid
    else:
        lo = mid
print(hi)
PY
)
export TOKEN CURSOR CONTENT
echo "== head of the log $CURSOR, newest content change demo sees $CONTENT"
for mix in poll realistic; do
    [[ " $steps " == *" sync "* ]] || break
    echo "== /v1/sync, 200 connections, SYNC_MIX=$mix"
    load
    SYNC_MIX=$mix wrk -t2 -c200 -d30s --latency -s "$here/sync.lua" "$base" |
        grep -E 'Latency |50%|75%|90%|99%|requests in|Requests/sec|Non-2xx|Socket errors'
    load
done

if [[ " $steps " == *" events "* ]]; then
    echo "== RSS with 1,000 idle event streams"
    ulimit -n 8192
    load
    "$bin/examples/server_bench" events "$base" 1000 "$pid"
    load
fi
