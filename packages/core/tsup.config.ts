import { defineConfig } from 'tsup';

// One output file per source module (bundle: false): with "sideEffects": false,
// an app's bundler then drops whole modules it never uses, down to single operations.
export default defineConfig({
  entry: ['src/**/*.ts'],
  bundle: false,
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', proxy: 'src/proxy.ts', 'proxy-node': 'src/proxy-node.ts' } },
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  sourcemap: true,
});
