#!/usr/bin/env bash
# Set-up of a fresh machine: pnpm, the workspace's dependencies (Deno, Bun,
# workerd and Node 22 come as npm packages), Debian's Chromium for the browser
# tests, and a first build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=10.34.8

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "› installing dependencies"
pnpm install --frozen-lockfile

if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "› installing Debian chromium (browser tests; never a downloaded browser)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else
    echo "! chromium not found and cannot install it: the browser tests will fail" >&2
  fi
fi

echo "› building packages"
pnpm -s build >/dev/null
echo "✓ set-up done: run 'pnpm demo' or 'pnpm test'"
