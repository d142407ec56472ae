import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The workerd tests (scripts/test-cloudflare.sh): Workers bundled from the sources, run in real
// workerd through miniflare, against the simulator served over loopback HTTP. One file at a time:
// each starts its own workerd, and the CI machine is small.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@skyvern-edge\/core$/, replacement: src('../core/src/index.ts') },
      { find: /^@skyvern-edge\/testing\/server$/, replacement: src('../testing/src/server.ts') },
      { find: /^@skyvern-edge\/testing$/, replacement: src('../testing/src/index.ts') },
      { find: /^@skyvern-edge\/cloudflare$/, replacement: src('./src/index.ts') },
    ],
  },
  test: {
    root: src('.'),
    include: ['test-workerd/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
