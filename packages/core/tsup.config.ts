import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', proxy: 'src/proxy.ts' },
  format: ['esm'],
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  sourcemap: true,
  treeshake: true,
  external: ['ky', 'valibot'],
});
