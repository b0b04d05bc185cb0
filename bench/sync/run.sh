#!/usr/bin/env bash
# The client's full-history sync benchmark (not a test; docs/perf/sync.md):
#   bash bench/sync/run.sh [--posts N] [--json FILE]
# Builds the release server and CLI, seeds a server at N posts (default
# 200000; kept in ~/.cache/hublot-bench/sync-N/), then times
# `hublot-cli sync --full-history` into an empty cache, and the floor.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hublot-target/release}"

echo "==> building (release): the server and the CLI"
cargo build --release --locked -q -p hublot-server --bin hublot-server
cargo build --release --locked -q -p hublot-cli

bin="$CARGO_TARGET_DIR/release"
exec python3 bench/sync/measure.py --server "$bin/hublot-server" --cli "$bin/hublot-cli" "$@"
