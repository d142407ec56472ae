import { defineConfig } from 'tsup';

export default defineConfig({
  // react-query: the same hooks with a SkyvernProvider on the app's @tanstack/react-query (a subpath,
  // so that the main entry never imports that optional peer); shared code lands in one chunk.
  entry: { index: 'src/index.ts', 'react-query': 'src/react-query.ts' },
  format: ['esm'],
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  sourcemap: true,
  // No "use client" banner: it would turn runQueryOptions / skyvernKeys into client references in
  // React Server Components, so server-side prefetching could not call them. SkyvernProvider needs a
  // client component around it anyway (a Skyvern client cannot be passed from server to client).
  external: [
    'react',
    'react-dom',
    'react/jsx-runtime',
    '@tanstack/query-core',
    '@tanstack/react-query',
    '@skyvern-edge/core',
  ],
});
