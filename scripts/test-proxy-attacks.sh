#!/usr/bin/env bash
# The token proxy's attack suite on the edge mounts (Deno.serve, Bun.serve, a Worker under workerd),
# raw sockets against the built proxy; the Node adapters get theirs in the unit stage
# (packages/core/test/proxy-node.test.ts). Alone: bash scripts/test-proxy-attacks.sh [--only=deno]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=packages/core
if [ ! -f "$dir/dist/proxy.js" ] || [ -n "$(find "$dir/src" "$dir/package.json" "$dir/tsup.config.ts" -newer "$dir/dist/proxy.js" -print -quit)" ]; then
  echo "› building @skyvern-edge/core"
  pnpm --filter @skyvern-edge/core build >/dev/null
fi
node tests/proxy-attacks/run.mjs "$@"
