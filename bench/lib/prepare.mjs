// What the benchmarks need before they run: a fresh build of core (its dist is what
// apps import), the React package's entry (its dist when fresh, else its source), the
// openapi-typescript types of the spec, and a build of the simulator.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BENCH = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(BENCH, '..');
export const GENERATED = join(BENCH, '.generated');
const CORE = join(ROOT, 'packages/core');
const REACT = join(ROOT, 'packages/react');
const TESTING = join(ROOT, 'packages/testing');

/** Newest modification time of any file under `dir` (0 when missing). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(entry.parentPath ?? entry.path ?? dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** True when `output` is missing or older than anything under `sourceDir`. */
export function stale(output, sourceDir) {
  return mtime(output) === 0 || newest(sourceDir) > mtime(output);
}

function log(message) {
  process.stderr.write(`› ${message}\n`);
}

/** Builds @skyvern-edge/core when its dist is missing or older than its source. */
export function ensureCore() {
  if (!stale(join(CORE, 'dist/index.js'), join(CORE, 'src'))) return;
  log('building @skyvern-edge/core');
  execFileSync('pnpm', ['--filter', '@skyvern-edge/core', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * The React package's entry: its dist when it exists and is newer than its source,
 * else its source (bundled with JSX set to automatic). Never builds it: it may be
 * mid-edit, and bundling the source measures the same code.
 */
export function reactEntry() {
  const dist = join(REACT, 'dist/index.js');
  if (!stale(dist, join(REACT, 'src'))) return { path: dist, from: 'dist' };
  return { path: join(REACT, 'src/index.ts'), from: 'src' };
}

/** The peers the React package leaves to the app: outside its own code. */
export const REACT_EXTERNAL = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@tanstack/query-core',
  '@skyvern-edge/core',
  '@skyvern-edge/core/*',
];

/** openapi-typescript's `paths` for the spec, for the openapi-fetch reference. */
export function ensureOpenapiTypes() {
  const out = join(GENERATED, 'skyvern-api.d.ts');
  const spec = join(ROOT, 'spec/skyvern-openapi.json');
  if (mtime(out) > mtime(spec)) return out;
  log('generating openapi-typescript types of the spec');
  mkdirSync(GENERATED, { recursive: true });
  execFileSync(join(BENCH, 'node_modules/.bin/openapi-typescript'), [spec, '-o', out], {
    cwd: BENCH,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

/**
 * The simulator (@skyvern-edge/testing) as one ESM file, bundled from its source:
 * the benchmarks then do not depend on its dist being built.
 */
export async function ensureSimulator() {
  const out = join(GENERATED, 'testing.mjs');
  if (!stale(out, join(TESTING, 'src'))) return out;
  log('bundling the simulator (@skyvern-edge/testing)');
  mkdirSync(dirname(out), { recursive: true });
  await build({
    entryPoints: [join(TESTING, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
    external: ['@skyvern-edge/core'],
  });
  return out;
}

export async function prepareAll() {
  ensureCore();
  ensureOpenapiTypes();
  await ensureSimulator();
}
