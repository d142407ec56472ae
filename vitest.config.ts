import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Unit and contract tests run against the sources; tests/runtimes runs the built packages.
const workspaceAliases = [
  { find: /^@skyvern-edge\/core\/proxy\/node$/, replacement: src('./packages/core/src/proxy-node.ts') },
  { find: /^@skyvern-edge\/core\/proxy$/, replacement: src('./packages/core/src/proxy.ts') },
  { find: /^@skyvern-edge\/core$/, replacement: src('./packages/core/src/index.ts') },
  { find: /^@skyvern-edge\/testing\/server$/, replacement: src('./packages/testing/src/server.ts') },
  { find: /^@skyvern-edge\/testing$/, replacement: src('./packages/testing/src/index.ts') },
  { find: /^@skyvern-edge\/react\/react-query$/, replacement: src('./packages/react/src/react-query.ts') },
  { find: /^@skyvern-edge\/react$/, replacement: src('./packages/react/src/index.ts') },
  { find: /^@skyvern-edge\/cloudflare$/, replacement: src('./packages/cloudflare/src/index.ts') },
];

/** The part of Rollup's plugin context an alias's customResolver uses. */
interface ResolveContext {
  resolve(id: string, importer: string, options: { skipSelf: boolean }): Promise<unknown>;
}

/**
 * An alias that resolves `name` (and its subpaths) as a bare import made from `fromDir`: through
 * that install's node_modules and the package's `exports` (ESM conditions), as an app would.
 */
function resolvedFrom(name: string, fromDir: string, installedAs = name) {
  return {
    find: new RegExp(`^${name.replace('/', '\\/')}(/.*)?$`),
    replacement: `${installedAs}$1`,
    customResolver(this: ResolveContext, id: string) {
      return this.resolve(id, join(fromDir, 'package.json'), { skipSelf: true });
    },
  };
}
const packageJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/**
 * packages/react's tests run once per React × TanStack Query pair: the oldest and newest supported
 * of each. Every pair is one importer's real install (packages/react for React 19,
 * packages/react/test/react-18 for React 18), so that react-dom, @testing-library/react and
 * @tanstack/react-query load their own `react` peer from that install; `@tanstack/query-core` is
 * resolved from react-query's own directory: the copy react-query depends on (one copy, as in an
 * app). The tests assert the versions they got (test/matrix.test.tsx), so an alias that did not
 * take cannot pass silently.
 */
const reactMatrix = [
  { react: 'packages/react', reactQuery: '@tanstack/react-query' },
  { react: 'packages/react', reactQuery: '@tanstack/react-query-min' },
  { react: 'packages/react/test/react-18', reactQuery: '@tanstack/react-query' },
  { react: 'packages/react/test/react-18', reactQuery: '@tanstack/react-query-min' },
].map(({ react, reactQuery }) => {
  const from = src(`./${react}`);
  const rq = realpathSync(join(from, 'node_modules', reactQuery));
  const qc = realpathSync(join(rq, '..', 'query-core'));
  const expected = {
    react: packageJson(realpathSync(join(from, 'node_modules', 'react'))).version,
    query: packageJson(qc).version,
    reactQuery: packageJson(rq).version,
  };
  return {
    extends: true as const,
    resolve: {
      alias: [
        resolvedFrom('react', from),
        resolvedFrom('react-dom', from),
        resolvedFrom('@testing-library/react', from),
        resolvedFrom('@tanstack/react-query', from, reactQuery),
        resolvedFrom('@tanstack/query-core', rq),
        ...workspaceAliases,
      ],
    },
    test: {
      name: `react ${expected.react} · query ${expected.query}`,
      include: ['packages/react/test/**/*.test.{ts,tsx}'],
      // TanStack's ESM goes through Vite, so react-query's own `@tanstack/query-core` import meets
      // the alias above too: one module instance, whichever file imports it.
      server: { deps: { inline: [/@tanstack\//] } },
      env: {
        EXPECT_REACT: expected.react,
        EXPECT_QUERY_CORE: expected.query,
        EXPECT_REACT_QUERY: expected.reactQuery,
      },
    },
  };
});

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.{ts,tsx}', 'tests/contract/**/*.test.ts'],
          exclude: ['packages/react/test/**', '**/node_modules/**'],
        },
      },
      ...reactMatrix,
    ],
  },
});
