#!/usr/bin/env bash
# Soak of the reliability suite (tests/contract/faults/random-faults.soak.ts): 500 concurrent
# waits and 2,000 calls against the simulator over real HTTP with seeded random faults;
# checks every promise settles, counts add up, no duplicate creates, no handle left.
# Alone in its stage so its load does not slow other tests. SOAK_SEED=<n> replays a seed.
set -euo pipefail
cd "$(dirname "$0")/.."
FORCE_COLOR=0 pnpm -s vitest run --config tests/contract/faults/soak.config.ts
