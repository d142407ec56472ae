// Runs one example against the simulator served over loopback HTTP (serve() of
// @skyvern-edge/testing/server), so no example rots:
//   node drive-examples.mjs node|deno|bun|cloudflare-worker
// The examples import @skyvern-edge/core by name through their workspace package (the built dist).
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SCRATCH, bundleWorker, bunBinary, denoBinary, failure, report } from './lib.mjs';

const which = process.argv[2];
const runtime = `example-${which}`;
const TIMELINE = { queuedAfterMs: 100, runningAfterMs: 200, durationMs: 1500, stepEveryMs: 300 };
const { createSimulator, serve } = await import(pathToFileURL(join(SCRATCH, 'host.mjs')).href);

const steps = [];
const started = performance.now();
const step = async (name, fn) => {
  const t0 = performance.now();
  try {
    const detail = await fn();
    steps.push({ leg: which, name, ok: true, ms: Math.round(performance.now() - t0), detail });
  } catch (error) {
    steps.push({
      leg: which,
      name,
      ok: false,
      ms: Math.round(performance.now() - t0),
      error: String(error?.message ?? error).slice(0, 800),
    });
  }
};
const check = (condition, message) => {
  if (!condition) throw new Error(message);
};

function run(command, args, { cwd, env, timeoutMs = 60_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? `killed (${signal})` : code, out });
    });
  });
}

/** A CLI example (node, deno, bun): runs it with SKYVERN_* pointing at a served simulator. */
async function cliExample(command, args, cwd, resolveArgs) {
  await step('@skyvern-edge/core resolves to its built dist', async () => {
    const { code, out } = await run(command, resolveArgs, { cwd, env: { NO_COLOR: '1' } });
    check(code === 0, `exit ${code}: ${out}`);
    check(out.trim().endsWith('/packages/core/dist/index.js'), `resolves to ${out.trim()}`);
    return out.trim().replace(/^.*\/packages\//, 'packages/');
  });
  const sim = createSimulator({ runTimeline: TIMELINE });
  const server = await serve(sim);
  try {
    await step(`${[command.split('/').pop(), ...args].join(' ')} → completed`, async () => {
      const { code, out } = await run(command, args, {
        cwd,
        env: { SKYVERN_API_KEY: sim.apiKey, SKYVERN_BASE_URL: server.url, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      });
      for (const line of out.trimEnd().split('\n')) console.error(`  | ${line}`);
      check(code === 0, `exit ${code}: ${out.slice(-600)}`);
      check(sim.runs.size === 1, `the simulator saw ${sim.runs.size} runs`);
      const [runId] = sim.runs.keys();
      check(out.includes(`✓ ${runId} completed`), `no "✓ ${runId} completed" line in the output`);
      check(
        sim.requests.every((r) => r.headers['x-api-key'] === sim.apiKey),
        'a request went without the key from SKYVERN_API_KEY',
      );
      return `${runId} completed`;
    });
  } finally {
    sim.close();
    await server.close();
  }
}

/** The Worker example: its wrangler.toml `main`, bundled with esbuild, in workerd via miniflare. */
async function workerExample() {
  const dir = join(ROOT, 'examples', 'cloudflare-worker');
  const toml = readFileSync(join(dir, 'wrangler.toml'), 'utf8');
  const main = /^main\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  check(main && compatibilityDate, 'wrangler.toml lacks main or compatibility_date');
  const { Miniflare } = await import('miniflare');
  const bundle = await bundleWorker(join(dir, main), dir, join(dir, 'tsconfig.json'));
  await step('tsc -p examples/cloudflare-worker', async () => {
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    const { code, out } = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
    check(code === 0, `exit ${code}: ${out.trim().slice(-800)}`);
    return '';
  });
  await step('the bundle takes @skyvern-edge/core from its built dist', async () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    const core = inputs.filter((path) => path.includes('packages/core/'));
    check(
      core.length && core.every((path) => path.includes('packages/core/dist/')),
      `core came from ${core.find((p) => !p.includes('/dist/')) ?? 'nowhere'}`,
    );
    return `${core.length} modules of core/dist, ${bundle.outputFiles[0].text.length} bytes`;
  });
  const sim = createSimulator({ runTimeline: TIMELINE });
  const server = await serve(sim);
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate,
    compatibilityFlags: flags ? [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [],
    bindings: { SKYVERN_API_KEY: sim.apiKey, SKYVERN_BASE_URL: server.url },
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const base = (await mf.ready).href.replace(/\/$/, '');
    let runId;
    await step('POST /runs → 202 and a run with the Worker as webhook', async () => {
      const response = await fetch(`${base}/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Find the top post', url: 'https://news.ycombinator.com' }),
      });
      const body = await response.json();
      check(response.status === 202, `status ${response.status}: ${JSON.stringify(body)}`);
      runId = body.run_id;
      check(sim.runs.get(runId)?.webhookUrl === `${base}/webhook`, `webhook_url ${sim.runs.get(runId)?.webhookUrl}`);
      return runId;
    });
    await step('the simulator delivers the signed webhook → the Worker verifies it (200)', async () => {
      check(runId, 'no run');
      const deadline = Date.now() + 15_000;
      while (sim.webhookDeliveries.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        await sim.deliverWebhooks();
      }
      const [delivery] = sim.webhookDeliveries;
      check(delivery, 'no webhook delivered');
      check(
        delivery.status === 200,
        `the Worker answered ${delivery.status ?? delivery.error}: ${delivery.responseBody}`,
      );
      const answer = JSON.parse(delivery.responseBody);
      check(answer.received === runId && answer.status === 'completed', `answer ${delivery.responseBody}`);
      return `${runId} ${answer.status}`;
    });
    await step('the token proxy in the Worker: a keyless client runs getRun; credentials are denied', async () => {
      check(runId, 'no run');
      const answer = await fetch(`${base}/api/skyvern/v1/runs/${runId}`);
      const run = await answer.json();
      check(answer.status === 200 && run.run_id === runId, `getRun through the proxy: ${answer.status}`);
      const denied = await fetch(`${base}/api/skyvern/v1/credentials`);
      check(denied.status === 403, `getCredentials through the proxy: ${denied.status}`);
      const seen = sim.requests.filter((r) => r.path === `/v1/runs/${runId}`).at(-1);
      check(seen?.headers['x-api-key'] === sim.apiKey, 'the proxy did not add its key upstream');
      check(!JSON.stringify(run).includes(sim.apiKey), 'key in a proxied answer');
      return 'getRun 200, getCredentials 403';
    });
    await step('a forged webhook → 401', async () => {
      const body = JSON.stringify({ run_id: 'tsk_forged', status: 'completed' });
      const response = await fetch(`${base}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-skyvern-signature': 'ab'.repeat(32),
          'x-skyvern-timestamp': String(Math.floor(Date.now() / 1000)),
        },
        body,
      });
      check(response.status === 401, `status ${response.status}`);
      return '401';
    });
  } finally {
    await mf.dispose().catch(() => {});
    sim.close();
    await server.close();
  }
}

try {
  const examples = join(ROOT, 'examples');
  const resolve = "console.log(import.meta.resolve('@skyvern-edge/core'))";
  if (which === 'node')
    await cliExample(process.execPath, ['basic.mjs'], join(examples, 'node'), ['--input-type=module', '-e', resolve]);
  else if (which === 'deno') {
    const deno = denoBinary();
    check(deno, 'no deno binary (pnpm install in tests/)');
    await cliExample(deno, ['run', '--allow-net', '--allow-env', 'main.ts'], join(examples, 'deno'), ['eval', resolve]);
    // Type-checked against the published shape (the packed tarball in the scratch project): through
    // the workspace symlink Deno sees dist/*.d.ts outside node_modules and resolves them strictly.
    await step('deno check main.ts against the packed @skyvern-edge/core', async () => {
      copyFileSync(join(examples, 'deno', 'main.ts'), join(SCRATCH, 'example-deno-main.ts'));
      const { code, out } = await run(
        deno,
        ['check', '--node-modules-dir=manual', '--no-lock', 'example-deno-main.ts'],
        { cwd: SCRATCH, env: { NO_COLOR: '1' } },
      );
      check(code === 0, `exit ${code}: ${out.trim().slice(-800)}`);
      return '';
    });
  } else if (which === 'bun') {
    const bun = bunBinary();
    check(bun, 'no bun binary (pnpm install in tests/)');
    await cliExample(bun, ['main.ts'], join(examples, 'bun'), ['-e', resolve]);
  } else if (which === 'cloudflare-worker') await workerExample();
  else throw new Error(`unknown example ${which}`);
  report({
    runtime,
    ok: steps.length > 0 && steps.every((s) => s.ok),
    ms: Math.round(performance.now() - started),
    steps,
  });
} catch (error) {
  const result = failure(runtime, which, 'run the example', error);
  result.steps.unshift(...steps);
  report(result);
}
process.exit(0); // the runner reads the result line
