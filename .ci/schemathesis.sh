#!/usr/bin/env bash
# API fuzzing: runs schemathesis (from PyPI, in a venv under ~/.cache) against
# the reference server on a loopback port, seeded with the demo organisation in
# a temporary database and signed in as `demo`. Exits non-zero on any failure
# (a 5xx, a response that violates the OpenAPI document, ...).
#
# Environment: SCHEMATHESIS_MAX_EXAMPLES (default 30) examples per operation;
# CARGO_TARGET_DIR as for cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$HOME/.cache/hublot-schemathesis/venv"
version="4.32.5"
if [ ! -x "$venv/bin/schemathesis" ] || ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
  echo "==> installing schemathesis $version into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet "schemathesis==$version"
fi

export PATH="$HOME/.cargo/bin:$PATH"
cargo build --quiet -p hublot-server --bin hublot-server
bin="${CARGO_TARGET_DIR:-target}/debug/hublot-server"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A small demo keeps the run quick; port 0 lets the OS pick a free port.
"$bin" serve --db "$work/server.sqlite" --listen 127.0.0.1:0 --demo --scale 300 >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
addr=""
for _ in $(seq 1 600); do
  addr="$(sed -n 's/^listening on \(http:\/\/.*\)$/\1/p' "$work/stdout" | head -n1)"
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/stderr" >&2; echo "the server did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$addr" ] || { echo "the server did not print its address" >&2; exit 1; }

token="$(curl -sf -H 'content-type: application/json' -d '{"login":"demo","password":"demo"}' "$addr/v1/auth/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

# /v1/events never ends (it is a stream); logging out would revoke the token
# the rest of the run needs. Both are covered by the Rust tests.
# positive_data_acceptance is left out: the API rightly answers 422 to some
# schema-valid requests whose refusal depends on state or content the schema
# cannot express (a vote on a post without a poll or on a closed poll, a body of
# only whitespace, a negative read marker); the Rust tests check those answers.
"$venv/bin/schemathesis" run "$addr/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --exclude-path /v1/events \
  --exclude-path /v1/auth/logout \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-30}" \
  --seed 1 \
  --no-color
