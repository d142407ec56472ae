// Bundle sizes: esbuild (minified, browser platform, ESM, es2022) then gzip -9 with
// node:zlib. The same entries and settings as the size-limit budgets (.size-limit.mjs).
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH, ROOT, REACT_EXTERNAL, ensureCore, ensureOpenapiTypes, reactEntry } from './prepare.mjs';

/** The esbuild options every bundle figure uses (size-limit's config copies them). */
export const ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  treeShaking: true,
  legalComments: 'none',
  logLevel: 'error',
  // No tsconfig.json lookup: the root one maps @skyvern-edge/* to the sources (for typechecking),
  // and esbuild would follow it. Apps bundle the published dist.
  tsconfigRaw: '{}',
};

/** Code of an operation that scenario (a) never calls: finding it there means tree-shaking failed. */
export const UNRELATED_MARKERS = ['/v1/custom-llms', 'createCustomLlm'];

export function scenarios() {
  const react = reactEntry();
  return [
    { id: 'a', name: '(a) SkyvernClient + getRun + waitForRun', entry: join(BENCH, 'entries/a-slim.js'), goal: 13_000 },
    {
      id: "a'",
      name: '(a′) Skyvern class + getRun + waitForRun',
      entry: join(BENCH, 'entries/a-full-class.js'),
      goal: 16_000,
    },
    { id: 'b', name: '(b) all of core (`export *`)', entry: join(BENCH, 'entries/b-all.js'), goal: 22_000 },
    {
      id: 'c',
      name: `(c) @skyvern-edge/react, own code (${react.from})`,
      entry: react.path,
      external: REACT_EXTERNAL,
      goal: 4_000,
    },
    { id: 'ky', name: 'ref: bare ky, `ky.get(url).json()`', entry: join(BENCH, 'entries/ky.js'), reference: true },
    {
      id: 'openapi-fetch',
      name: 'ref: openapi-fetch 0.17 + openapi-typescript types, `client.GET(…)`',
      entry: join(BENCH, 'entries/openapi-fetch.ts'),
      reference: true,
    },
  ];
}

/** Bundles one entry: minified bytes, gzip -9 bytes, the code and esbuild's metafile. */
export async function bundle(entry, { external = [] } = {}) {
  const result = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [entry],
    external,
    write: false,
    metafile: true,
    outdir: '/out',
  });
  const fromSource = Object.keys(result.metafile.inputs).filter((path) => /packages\/core\/src\//.test(path));
  if (fromSource.length) throw new Error(`${entry}: bundled core from its source (${fromSource[0]}), not its dist`);
  const code = result.outputFiles.find((f) => f.path.endsWith('.js')).contents;
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    text: Buffer.from(code).toString('utf8'),
    metafile: result.metafile,
  };
}

/** Which part of the tree an input file belongs to. */
function owner(path) {
  const p = path.split(sep).join('/');
  const pkg = p.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1];
  const core = p.match(/packages\/core\/(?:dist|src)\/(.*)$/);
  if (core) return `core:${core[1]}`;
  return `other:${p}`;
}

/**
 * Where scenario (a)'s bytes go. Minified bytes per module come from the metafile.
 * Gzip bytes per package are marginal: the whole bundle minus the bundle with that
 * package left out (gzip compresses across modules, so per-module gzip is not additive).
 */
export async function breakdown(entry, whole) {
  const output = Object.values(whole.metafile.outputs)[0];
  const modules = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({
    module: owner(path),
    bytes: bytesInOutput,
  }));
  const groups = new Map();
  for (const { module, bytes } of modules) {
    const group = module.startsWith('core:') ? '@skyvern-edge/core (our modules)' : module;
    groups.set(group, (groups.get(group) ?? 0) + bytes);
  }
  const withoutKy = await bundle(entry, { external: ['ky'] });
  const withoutValibot = await bundle(entry, { external: ['valibot'] });
  const ours = await bundle(entry, { external: ['ky', 'valibot'] });
  const marginal = {
    ky: whole.gzip - withoutKy.gzip,
    valibot: whole.gzip - withoutValibot.gzip,
    '@skyvern-edge/core (our modules)': ours.gzip,
  };
  // The dist is one file per entry: which source module the bytes come from is told by bundling the
  // same entry from core's source (same options), for this list only.
  const fromSource = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [entry],
    alias: { '@skyvern-edge/core': join(ROOT, 'packages/core/src/index.ts') },
    write: false,
    metafile: true,
    outdir: '/out',
  });
  const sourceInputs = Object.values(fromSource.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {};
  const coreModules = Object.entries(sourceInputs)
    .map(([path, { bytesInOutput }]) => ({ module: owner(path), bytes: bytesInOutput }))
    .filter((m) => m.module.startsWith('core:'))
    .sort((x, y) => y.bytes - x.bytes)
    .map((m) => ({ module: m.module.slice(5).replace(/\.ts$/, ''), bytes: m.bytes }));
  return {
    groups: [...groups]
      .map(([group, bytes]) => ({ group, minified: bytes, gzipMarginal: marginal[group] }))
      .sort((x, y) => y.minified - x.minified),
    coreModules,
  };
}

export async function runBundles() {
  ensureCore();
  ensureOpenapiTypes();
  const rows = [];
  const texts = {};
  const sources = {};
  for (const s of scenarios()) {
    const b = await bundle(s.entry, { external: s.external });
    texts[s.id] = b.text;
    rows.push({
      id: s.id,
      name: s.name,
      minified: b.minified,
      gzip: b.gzip,
      goal: s.goal,
      reference: !!s.reference,
      entry: relative(ROOT, s.entry),
    });
    if (s.id === 'a' || s.id === "a'") sources[s.id] = { entry: s.entry, bundle: b };
  }
  const markers = UNRELATED_MARKERS.map((marker) => ({
    marker,
    inA: texts.a.includes(marker),
    // The control: the marker is really there when the operation is kept.
    inB: texts.b.includes(marker),
  }));
  return {
    rows,
    markers,
    breakdown: await breakdown(sources.a.entry, sources.a.bundle),
    classBreakdown: await breakdown(sources["a'"].entry, sources["a'"].bundle),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runBundles();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
