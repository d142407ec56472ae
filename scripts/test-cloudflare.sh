#!/usr/bin/env bash
# @skyvern-edge/cloudflare on real workerd (miniflare 4): Workflows, Durable Objects and Queues
# against the simulator served over loopback HTTP, which signs real webhooks and repeats or drops
# some. Bundled from the sources, so no build is needed. Run by scripts/test.sh as a stage.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d packages/cloudflare/node_modules/miniflare ]; then
  echo "› installing the workspace's dependencies (packages/cloudflare lacks miniflare)"
  pnpm install --frozen-lockfile >/dev/null
fi
pnpm -s vitest run --config packages/cloudflare/vitest.workerd.config.ts "$@"
