import { defineConfig } from 'tsup';

// One file per entry (shared code in chunks), ky and valibot left to the app: Node's ESM loader pays per
// file, so ~60 unbundled modules cost more at start-up than the code in them. An app's bundler still
// drops what it does not use: the operations are top-level declarations, the class a pure call.
export default defineConfig({
  entry: { index: 'src/index.ts', proxy: 'src/proxy.ts', 'proxy-node': 'src/proxy-node.ts' },
  bundle: true,
  splitting: true,
  external: ['ky', 'valibot', '@hono/node-server'],
  format: ['esm'],
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  sourcemap: true,
});
