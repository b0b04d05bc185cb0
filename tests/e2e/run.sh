#!/usr/bin/env bash
# End to end on the real app: builds the UI and the app (debug, UI embedded),
# then drives it over WebDriver (tauri-driver + Debian's WebKitWebDriver) inside
# a throwaway desktop session (.ci/with-desktop: Xvfb, D-Bus, keyring) on the
# demo workspace: read, open a group, post, vote, like, comment, search; then
# offline and back online. Screenshots and logs of a failure are kept in
# tests/e2e/artifacts/.
#
# Installs nothing: .ci/setup provides tauri-driver, WebKitWebDriver and the
# Python virtualenv with tests/e2e/requirements.txt.
#   HUBLOT_E2E_VENV   the virtualenv (default: ~/.cache/hublot-e2e-venv)
#   HUBLOT_E2E_APP    a built app to test instead of building one
#   extra arguments   go to pytest (e.g. -k offline, -x)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

venv="${HUBLOT_E2E_VENV:-$HOME/.cache/hublot-e2e-venv}"
if ! "$venv/bin/python" -c 'import selenium, pytest' 2>/dev/null; then
  echo "e2e: no virtualenv with selenium and pytest at $venv (run .ci/setup)" >&2
  exit 1
fi
command -v tauri-driver >/dev/null || { echo "e2e: tauri-driver missing (run .ci/setup)" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "e2e: WebKitWebDriver missing (Debian webkit2gtk-driver)" >&2; exit 1; }

if [ -z "${HUBLOT_E2E_APP:-}" ]; then
  echo "==> building the UI and the app (debug, UI embedded)"
  (cd ui && npm run build --silent)
  cargo build --locked -q -p hublot --features custom-protocol --bin hublot
  target="${CARGO_TARGET_DIR:-$root/target}"
  export HUBLOT_E2E_APP="$target/debug/hublot"
fi

artifacts="$root/tests/e2e/artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
export HUBLOT_E2E_ARTIFACTS="$artifacts"

echo "==> driving $HUBLOT_E2E_APP"
exec "$root/.ci/with-desktop" "$venv/bin/python" -m pytest -p no:cacheprovider -v \
  --junitxml="$artifacts/junit.xml" "$root/tests/e2e" "$@"
