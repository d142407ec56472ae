#!/usr/bin/env bash
# Browser end-to-end proof (tests/e2e): the React example (examples/react-app) built, served by
# its server.mjs with the token proxy, and clicked through in Debian's headless Chromium
# against a simulator that holds a test key; the key must show up nowhere the browser can see.
# Builds core, react and testing when their dist/ is missing or older than their src/
# (E2E_REBUILD=1: always), then the app — with the test's key in SKYVERN_API_KEY, to prove
# a key in the build's environment does not reach the bundle — then runs the test.
set -euo pipefail
cd "$(dirname "$0")/.."
export FORCE_COLOR=0
started=$(date +%s%N)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

elapsed() { local ns=$(( $(date +%s%N) - $1 )); printf '%d.%02d s' $(( ns / 1000000000 )) $(( ns / 10000000 % 100 )); }
# step NAME COMMAND...: runs it quietly, prints its time; on failure prints its output and FAIL.
step() {
  local name=$1; shift
  local t0=$(date +%s%N)
  if "$@" >"$log" 2>&1; then
    printf '  ✓ %-62s %8s\n' "$name" "$(elapsed "$t0")"
  else
    printf '  ✗ %-62s %8s\n' "$name" "$(elapsed "$t0")"
    sed 's/^/      /' "$log" | tail -40
    echo "FAIL e2e (setup) in $(elapsed "$started")"
    exit 1
  fi
}
# Rebuilds a package when its dist/index.js is missing or older than a file of its src/.
build_package() {
  local pkg=$1 dir=$2
  if [ "${E2E_REBUILD:-0}" = 1 ] || [ ! -f "$dir/dist/index.js" ] || [ -n "$(find "$dir/src" -type f -newer "$dir/dist/index.js" -print -quit)" ]; then
    step "build $pkg" pnpm --filter "$pkg" build
  else
    printf '  · %-62s %8s\n' "build $pkg: dist/ is up to date, skipped" ""
  fi
}

echo "━━ e2e: build"
build_package @skyvern-edge/core packages/core
build_package @skyvern-edge/react packages/react
build_package @skyvern-edge/testing packages/testing
E2E_KEY=$(node --input-type=module -e "console.log((await import('./tests/e2e/e2e-key.mjs')).E2E_API_KEY)")
step "typecheck the example app (tsc --noEmit)" pnpm --filter @skyvern-edge/example-react-app typecheck
step "build the example app (vite build, key in SKYVERN_API_KEY)" env SKYVERN_API_KEY="$E2E_KEY" pnpm --filter @skyvern-edge/example-react-app build
node tests/e2e/react-app.e2e.mjs
echo "━━ e2e stage: $(elapsed "$started")"
