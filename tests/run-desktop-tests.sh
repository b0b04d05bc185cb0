#!/usr/bin/env bash
# Runs the desktop (platform) tests of the app package for real: a throwaway
# X display (Xvfb), a private D-Bus session (dbus-run-session), an unlocked
# gnome-keyring-daemon (Secret Service) and a dbus-monitor log of every
# org.freedesktop.Notifications call.
#
#   tests/run-desktop-tests.sh [extra cargo test args]
#   tests/run-desktop-tests.sh --run COMMAND [ARGS...]   # e.g. a benchmark, same session
#
# Needs (Debian): xvfb dbus dbus-x11 gnome-keyring libsecret-tools x11-utils.
# Artefacts (dbus-monitor log, app logs) go to $DESKTOP_TEST_ARTIFACTS
# (default: a temporary directory, printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--inside-session" ]]; then
    shift
    # A keyring nobody will ever open again: unlocked with a throwaway password.
    echo -n "throwaway-test-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$ARTIFACTS/notify.log" 2>&1 &
    monitor=$!
    status=0
    if [[ "${1:-}" == "--run" ]]; then
        shift
        "$@" || status=$?
        kill "$monitor" 2>/dev/null || true
        exit "$status"
    fi
    cargo test -p hublot --lib \
        --test secrets --test notifier --test tray --test single_instance --test notifications \
        "$@" -- --test-threads=1 || status=$?
    kill "$monitor" 2>/dev/null || true
    exit "$status"
fi

ARTIFACTS=${DESKTOP_TEST_ARTIFACTS:-$(mktemp -d -t hublot-desktop-tests.XXXXXX)}
export ARTIFACTS
mkdir -p "$ARTIFACTS"

# A free display number: no socket and no lock file.
display=""
for n in $(seq 91 199); do
    if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then display=$n; break; fi
done
[[ -n "$display" ]] || { echo "no free X display number" >&2; exit 1; }

Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$ARTIFACTS/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [[ -e /tmp/.X11-unix/X$display ]] && break; sleep 0.1; done

# Everything the app and the keyring write goes to the throwaway directory.
export DISPLAY=":$display" NO_AT_BRIDGE=1
export XDG_DATA_HOME="$ARTIFACTS/data" XDG_CONFIG_HOME="$ARTIFACTS/config"
export XDG_CACHE_HOME="$ARTIFACTS/cache" XDG_STATE_HOME="$ARTIFACTS/state"
export XDG_RUNTIME_DIR="$ARTIFACTS/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

status=0
dbus-run-session -- "$0" --inside-session "$@" || status=$?
echo "desktop test artefacts: $ARTIFACTS"
exit "$status"
