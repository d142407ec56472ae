// Size of this package's own code as an app would ship it: bundled, minified,
// for browsers, with its peers (react, react-dom, @tanstack/query-core,
// @skyvern-edge/core) left out, then gzipped at level 9.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  write: false,
  logLevel: 'error',
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/query-core', '@skyvern-edge/core'],
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
console.log(`@skyvern-edge/react: ${code.length} B minified, ${gzipped} B min+gzip (goal <= 4096 B)`);
if (process.argv.includes('--check') && gzipped > 4096) process.exitCode = 1;
