#!/usr/bin/env bash
# Bundle-size budgets (bench/.size-limit.mjs): size-limit bundles each scenario with
# esbuild (minified, ESM, browser) and fails with the measured size when one grows
# past its limit; each core entry must load at most 3 files of its dist (scripts/check-dist-files.mjs).
# Builds core and react first when their dist is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

# Rebuilds a package when its dist/index.js is missing or older than a file of its src/.
build_if_stale() {
  local pkg=$1 dir=$2
  if [ ! -f "$dir/dist/index.js" ] || [ -n "$(find "$dir/src" -type f -newer "$dir/dist/index.js" -print -quit)" ]; then
    echo "› building $pkg"
    pnpm --filter "$pkg" build >/dev/null
  fi
}
build_if_stale @skyvern-edge/core packages/core
build_if_stale @skyvern-edge/react packages/react

# Cold start: the files each core entry loads (the time itself is in `pnpm bench`).
node scripts/check-dist-files.mjs

cd bench
# picocolors reads any FORCE_COLOR, even 0, as "colour on": NO_COLOR wins.
env -u FORCE_COLOR NO_COLOR=1 node_modules/.bin/size-limit
