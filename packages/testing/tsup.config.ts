import { defineConfig } from 'tsup';

// Two builds: the simulator is platform neutral (workerd, Deno, Bun, browsers, Node);
// only the server adapter targets Node. `pnpm build` empties dist first (the two builds run at once).
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    treeshake: true,
  },
  {
    entry: { server: 'src/server.ts' },
    format: ['esm'],
    dts: true,
    target: 'es2022',
    platform: 'node',
    sourcemap: true,
    treeshake: true,
  },
]);
