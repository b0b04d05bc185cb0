#!/usr/bin/env bash
# The desktop app's start-up and memory benchmark (not a test): with POSTS
# posts cached, the time from process start to the first post painted and the
# idle memory of all the app's processes, measured in the same session as a
# bare Tauri window (bench/bare-window) as the floor. Release builds.
#   POSTS (100000)  posts in the cache   RUNS (5)  runs of each, alternating
#   extra arguments go to bench/app/measure.py (--idle, --port, --json FILE)
# The seeded server database and the synced cache are kept in
# ~/.cache/hublot-bench/app-POSTS/ so later runs skip seeding and syncing.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hublot-target/release}"
posts="${POSTS:-100000}"
runs="${RUNS:-5}"

echo "==> building (release): the UI, the app, the server, the CLI and the bare window"
bash .ci/build-ui >/dev/null
cargo build --release --locked -q -p hublot --features custom-protocol --bin hublot
cargo build --release --locked -q -p hublot-server --bin hublot-server
cargo build --release --locked -q -p hublot-cli
(cd bench/bare-window && cargo build --release --locked -q)

bin="$CARGO_TARGET_DIR/release"
echo "==> measuring ($runs runs each, $posts posts cached)"
exec "$root/.ci/with-desktop" python3 "$root/bench/app/measure.py" \
  --app "$bin/hublot" --bare "$bin/bare-window" --server "$bin/hublot-server" --cli "$bin/hublot-cli" \
  --posts "$posts" --runs "$runs" "$@"
