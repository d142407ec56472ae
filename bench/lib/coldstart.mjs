// Cold start of the core entry.
// Node: wall time of `node --input-type=module -e "await import('@skyvern-edge/core')"`
// minus that of the same command importing nothing, spawned alternately; the median of
// the differences. workerd (through miniflare): time from `new Miniflare()` to the first
// response of a Worker that imports all of core (bundled as wrangler would, with
// esbuild, not minified) minus the same for an empty Worker; median of the differences.
// Bare ky is timed the same way, for reference.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { lastSpawnedPid, processCpuMs } from './workerd-cpu.mjs';
import { BENCH, ensureCore } from './prepare.mjs';

const NODE_ROUNDS = Number(process.env.BENCH_COLD_NODE_ROUNDS ?? 15);
const WORKERD_ROUNDS = Number(process.env.BENCH_COLD_WORKERD_ROUNDS ?? 9);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Spawns `node -e` running `code` and returns its wall time; the child also reports the
 * wall and CPU time of `code` alone (around the import, without process start-up).
 */
function timeNode(code) {
  const script = `const w = performance.now(), c = process.cpuUsage(); ${code}; const u = process.cpuUsage(c);
process.stdout.write(JSON.stringify({ wall: performance.now() - w, cpu: (u.user + u.system) / 1000 }));`;
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code ? script : ''], {
    cwd: BENCH,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`node -e failed: ${result.stderr}`);
  return { ms, inside: code ? JSON.parse(result.stdout.toString()) : undefined };
}

/** Spawns the baseline and each import in turn, NODE_ROUNDS times; medians of the differences. */
export function coldNode() {
  const imports = { core: "await import('@skyvern-edge/core')", ky: "await import('ky')" };
  for (const code of Object.values(imports)) timeNode(code); // fills the file-system cache
  const base = [];
  const samples = { core: { diff: [], wall: [], cpu: [] }, ky: { diff: [], wall: [], cpu: [] } };
  for (let i = 0; i < NODE_ROUNDS; i++) {
    const b = timeNode('').ms;
    base.push(b);
    for (const [name, code] of Object.entries(imports)) {
      const { ms, inside } = timeNode(code);
      samples[name].diff.push(ms - b);
      samples[name].wall.push(inside.wall);
      samples[name].cpu.push(inside.cpu);
    }
  }
  const summary = (x) => ({ diffMs: median(x.diff), importWallMs: median(x.wall), importCpuMs: median(x.cpu) });
  return { rounds: NODE_ROUNDS, baselineMs: median(base), core: summary(samples.core), ky: summary(samples.ky) };
}

const EMPTY_WORKER = `export default { fetch() { return new Response('0'); } };`;

/** A Worker importing every export of `specifier`, bundled as wrangler would (esbuild, not minified). */
async function importingWorker(specifier) {
  const result = await build({
    stdin: {
      contents: `import * as mod from '${specifier}';
export default { fetch() { return new Response(String(Object.keys(mod).length)); } };`,
      resolveDir: BENCH,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    tsconfigRaw: '{}', // the root tsconfig.json maps @skyvern-edge/core to its source
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

export async function coldWorkerd() {
  let Miniflare;
  try {
    ({ Miniflare } = await import('miniflare'));
  } catch (error) {
    return { available: false, reason: `miniflare could not be loaded: ${error.message.split('\n')[0]}` };
  }
  const version = createRequire(import.meta.url)('miniflare/package.json').version;
  const script = await importingWorker('@skyvern-edge/core');
  const kyScript = await importingWorker('ky');
  const once = async (code) => {
    const t0 = process.hrtime.bigint();
    const mf = new Miniflare({ modules: true, script: code, compatibilityDate: '2025-09-01' });
    try {
      const response = await mf.dispatchFetch('http://localhost/');
      const text = await response.text();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      return { ms, cpu: processCpuMs(lastSpawnedPid()), text };
    } finally {
      await mf.dispose();
    }
  };
  try {
    const check = await once(script);
    if (!(Number(check.text) > 10)) throw new Error(`the core Worker answered ${JSON.stringify(check.text)}`);
    await once(EMPTY_WORKER);
    const base = [];
    const baseCpu = [];
    const diffs = { core: [], ky: [] };
    const cpuDiffs = { core: [], ky: [] };
    for (let i = 0; i < WORKERD_ROUNDS; i++) {
      const b = await once(EMPTY_WORKER);
      base.push(b.ms);
      baseCpu.push(b.cpu);
      for (const [name, code] of [
        ['core', script],
        ['ky', kyScript],
      ]) {
        const t = await once(code);
        diffs[name].push(t.ms - b.ms);
        if (t.cpu !== undefined && b.cpu !== undefined) cpuDiffs[name].push(t.cpu - b.cpu);
      }
    }
    const cpu = (xs) => (xs.length ? median(xs) : undefined);
    return {
      available: true,
      miniflare: version,
      node: process.version,
      rounds: WORKERD_ROUNDS,
      workerBytes: Buffer.byteLength(script),
      baselineMs: median(base),
      baselineCpuMs: cpu(baseCpu.filter((x) => x !== undefined)),
      core: { diffMs: median(diffs.core), cpuDiffMs: cpu(cpuDiffs.core) },
      ky: { diffMs: median(diffs.ky), cpuDiffMs: cpu(cpuDiffs.ky) },
    };
  } catch (error) {
    return {
      available: false,
      reason: `miniflare ${version} on Node ${process.version}: ${error.message.split('\n')[0]}`,
    };
  }
}

export async function runColdStart() {
  ensureCore();
  return { node: coldNode(), workerd: await coldWorkerd() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runColdStart();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
