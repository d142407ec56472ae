import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  sourcemap: true,
  // No "use client" banner: it would turn runQueryOptions / skyvernKeys into client references in
  // React Server Components, so server-side prefetching could not call them. SkyvernProvider needs a
  // client component around it anyway (a Skyvern client cannot be passed from server to client).
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/query-core', '@skyvern-edge/core'],
});
