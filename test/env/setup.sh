#!/usr/bin/env bash
# One-command setup for a fresh Debian machine: system packages and the test chroot (needs root),
# then the npm dependencies (including Node 22 as a devDependency). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ $(id -u) -eq 0 ]]; then
  bash test/env/provision-system.sh
elif [[ -f /var/cache/relais-env/current/.relais-ready ]] && command -v chromium >/dev/null; then
  echo "[setup] not root: system packages and the test chroot are already provisioned, skipping"
else
  echo "[setup] system provisioning needs root: run 'sudo npm run setup' (or as root) once." >&2
  exit 1
fi

# The electron package fetches its binary from GitHub, which these machines cannot reach.
# `npm start` explains how to point it at an Electron build; tests mock Electron.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# mediasoup 3.8.4's postinstall would build its worker (needs Python 2 and GitHub); with
# MEDIASOUP_WORKER_BIN set it skips that, and the SFU runs the chroot's Debian worker instead.
export MEDIASOUP_WORKER_BIN="$PWD/test/env/mediasoup-worker.sh"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
node_modules/.bin/node --version >/dev/null
echo "[setup] done: run 'npm test' for all tests, 'npm run demo' to try Relais."
