import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from './lib/bundle.mjs';
const r = await build({
  ...ESBUILD_OPTIONS,
  entryPoints: [process.argv[2]],
  alias: { '@skyvern-edge/core': '/work/wt/bundle/packages/core/src/index.ts' },
  write: false,
  metafile: true,
  outdir: '/out',
});
const o = Object.values(r.metafile.outputs).find((x) => x.entryPoint);
console.log(
  Object.entries(o.inputs)
    .filter(([p]) => p.includes('packages/core'))
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 25)
    .map(([p, v]) => `${p.replace(/.*core\/src\//, '')} ${v.bytesInOutput}`)
    .join('\n'),
);
