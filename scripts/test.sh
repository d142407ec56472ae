#!/usr/bin/env bash
# The whole check, as CI runs it: every stage prints its time; the first failure stops the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export FORCE_COLOR=0
started=$(date +%s)
stage() {
  local name=$1; shift
  local t0=$(date +%s)
  echo "━━ $name"
  "$@"
  echo "   $name: ok in $(( $(date +%s) - t0 )) s"
}

stage "generated code is up to date" node scripts/generate.mjs --check
stage "format and lint (Biome)" pnpm -s exec biome ci .
stage "no Node-only APIs in edge code" node scripts/check-edge-safe.mjs
stage "build" pnpm -s build
stage "typecheck" pnpm -s typecheck
stage "unit and contract tests" pnpm -s vitest run
stage "package hygiene" node scripts/check-packages.mjs
for extra in scripts/test-*.sh; do
  [ -e "$extra" ] && stage "$(basename "$extra" .sh)" bash "$extra"
done
echo "━━ all checks passed in $(( $(date +%s) - started )) s"
