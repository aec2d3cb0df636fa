#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with gnome-keyring's Secret Service unlocked, so
# keychain tests use a real Secret Service without touching the user's own keyring.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "[with-keyring] dbus-run-session or gnome-keyring-daemon missing: run 'npm run setup' as root." >&2
  exit 1
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" RELAIS_SECRET_SERVICE=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# dbus-daemon complains it cannot raise its fd limit when run as root in a container: harmless.
exec dbus-run-session -- bash -c '
  printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"' with-keyring "$@" 2> >(grep --line-buffered -v "dbus-daemon\[" >&2)
