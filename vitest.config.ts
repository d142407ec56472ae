import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Unit and contract tests run against the sources; tests/runtimes runs the built packages.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@skyvern-edge\/core\/proxy\/node$/, replacement: src('./packages/core/src/proxy-node.ts') },
      { find: /^@skyvern-edge\/core\/proxy$/, replacement: src('./packages/core/src/proxy.ts') },
      { find: /^@skyvern-edge\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@skyvern-edge\/testing\/server$/, replacement: src('./packages/testing/src/server.ts') },
      { find: /^@skyvern-edge\/testing$/, replacement: src('./packages/testing/src/index.ts') },
      { find: /^@skyvern-edge\/react$/, replacement: src('./packages/react/src/index.ts') },
      { find: /^@skyvern-edge\/cloudflare$/, replacement: src('./packages/cloudflare/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.{ts,tsx}', 'tests/contract/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
