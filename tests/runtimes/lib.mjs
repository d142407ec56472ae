// Shared by the runner and the drivers: where things are, how runtimes are found.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const RUNTIMES_DIR = join(HERE, '.runtimes');
/** The scratch project: the packed tarballs installed with npm, as a user would. */
export const SCRATCH = join(RUNTIMES_DIR, 'scratch');
export const RESULT_MARKER = '@@SCENARIO_RESULT ';
/** Node versions fetched from the npm registry by scripts/test-runtimes.sh (optional extras). */
export const EXTRA_NODES = { 22: '22.23.3', 24: '24.21.0' };

const requireHere = createRequire(join(HERE, '..', 'package.json'));

/**
 * The binary that an npm package (deno, bun) ships in its platform package, found without its
 * postinstall script (pnpm does not run it unless allowed): each optional dependency that is
 * installed is tried, the first with an existing binary wins.
 */
export function packagedBinary(pkg, candidates) {
  let manifestPath;
  try {
    manifestPath = requireHere.resolve(`${pkg}/package.json`);
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const own = createRequire(manifestPath);
  // With its postinstall run, the package itself holds the binary.
  for (const candidate of candidates) {
    const direct = join(dirname(manifestPath), candidate);
    if (existsSync(direct) && readFileSync(direct).length > 1_000_000) return direct;
  }
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) {
    let depManifest;
    try {
      depManifest = own.resolve(`${dep}/package.json`);
    } catch {
      continue;
    }
    for (const candidate of candidates) {
      const path = join(dirname(depManifest), candidate);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

export const denoBinary = () => process.env.DENO_BIN || packagedBinary('deno', ['deno', 'bin/deno']);
export const bunBinary = () => process.env.BUN_BIN || packagedBinary('bun', ['bin/bun', 'bun']);
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const nodeBinary = (major) => {
  const path = join(RUNTIMES_DIR, `node-${major}`, 'node_modules', '.bin', 'node');
  return existsSync(path) ? path : undefined;
};

/** Prints the result line the runner reads. */
export function report(result) {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

export function failure(runtime, leg, name, error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { runtime, ok: false, ms: 0, steps: [{ leg, name, ok: false, error: message.slice(0, 800) }] };
}

/** Checks that the scenario loaded @skyvern-edge/core from the scratch project's tarball install. */
export function fromScratch(result) {
  if (
    result.loadedFrom &&
    !decodeURIComponent(result.loadedFrom).includes('/.runtimes/scratch/node_modules/@skyvern-edge/core/')
  ) {
    result.ok = false;
    result.steps.push({
      leg: 'load',
      name: 'loads the packed tarball',
      ok: false,
      error: `loaded ${result.loadedFrom}`,
    });
  }
  return result;
}

/** Bundles a Worker module the way wrangler does: one ESM script, worker conditions, no Node built-ins. */
export async function bundleWorker(entry, workingDir, tsconfig) {
  const { build } = await import('esbuild');
  return build({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    metafile: true,
    // A tsconfig without "paths": the packages resolve as installed, not from the sources.
    tsconfig,
    logLevel: 'silent',
  });
}
