#!/usr/bin/env node
// Browser end-to-end proof of the React example (examples/react-app), in Debian's headless
// Chromium (never a downloaded browser), driven by playwright-core:
//
//   Chromium ── the built app (dist/) ──▶ server.mjs: /api/skyvern token proxy ──HTTP──▶ simulator
//
// The simulator is this process's own, with a fixed, distinctive key (e2e-key.mjs) that only
// the proxy holds. The test clicks a task through to `completed`, cancels a slow one, uploads
// a file (the simulator must receive the same bytes), opens and closes a browser session. It
// records every request and response the browser made and fails if the key appears in any
// response (headers or body) or in any file of dist/, or if the browser ever sent x-api-key.
//
// Prerequisites (scripts/test-e2e.sh does them): packages core, react and testing built, and
// the app built (`pnpm --filter @skyvern-edge/example-react-app build`).
//   node tests/e2e/react-app.e2e.mjs
// CHROMIUM_PATH overrides /usr/bin/chromium; E2E_HEADED is not supported (no display here).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { E2E_API_KEY as KEY } from './e2e-key.mjs';

const APP = fileURLToPath(new URL('../../examples/react-app/', import.meta.url));
const DIST = join(APP, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WATCHDOG_MS = 75_000;
const BASE = '/api/skyvern';

// Resolve the app's own dependencies (playwright-core, the workspace packages) from the app.
const appRequire = createRequire(join(APP, 'package.json'));
const load = (name) => import(pathToFileURL(appRequire.resolve(name)).href);

const t0 = performance.now();
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const results = [];
const masked = `${KEY.slice(0, 11)}…`;

const watchdog = setTimeout(() => {
  console.log(`\n✗ watchdog: the e2e test ran past ${WATCHDOG_MS / 1000} s`);
  console.log(`e2e: ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  console.log('FAIL e2e');
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

/** Runs one step, prints ✓/✗ with its time. A failed `fatal` step ends the run. */
async function step(name, fn, { fatal = false } = {}) {
  const start = performance.now();
  try {
    const detail = await fn();
    const ms = performance.now() - start;
    results.push({ name, ok: true, ms });
    console.log(`  ✓ ${name.padEnd(62)} ${secs(ms).padStart(8)}${detail ? `   ${detail}` : ''}`);
    return true;
  } catch (error) {
    const ms = performance.now() - start;
    results.push({ name, ok: false, ms });
    console.log(`  ✗ ${name.padEnd(62)} ${secs(ms).padStart(8)}`);
    console.log(
      `      ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    );
    if (fatal) throw new FatalStep(name);
    return false;
  }
}
class FatalStep extends Error {}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------- state shared by the steps
let sim;
let simServer;
let workflows = [];
let firstRunId;
let app;
let browser;
let page;
const requests = []; // { method, url, headers, postData }
const responses = []; // { method, url, status, headers, body: Buffer | null, bodyError? }
const pageProblems = [];
const recording = new Set();
const track = (promise) => {
  recording.add(promise);
  promise.finally(() => recording.delete(promise));
};

/** The value of `data-<attr>` (or the text) of the element with that data-testid. */
const read = (testId, attr) =>
  page.evaluate(
    ([id, a]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el ? (a ? el.getAttribute(a) : el.textContent) : null;
    },
    [testId, attr],
  );

/** Waits until `data-<attr>` of that element is one of `wanted`; the error says what it was. */
async function waitFor(testId, attr, wanted, timeout) {
  const values = [wanted].flat();
  try {
    await page.waitForFunction(
      ([id, a, vs]) => vs.includes(document.querySelector(`[data-testid="${id}"]`)?.getAttribute(a) ?? null),
      [testId, attr, values],
      { timeout, polling: 50 },
    );
  } catch (error) {
    const now = await read(testId, attr).catch(() => '?');
    const alert = await page.evaluate(() =>
      [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent).join(' | '),
    );
    throw new Error(
      `${testId} [${attr}] is "${now}" after ${timeout} ms, wanted ${values.join(' or ')}${alert ? `; alert: ${alert}` : ''}`,
      { cause: error },
    );
  }
}

/** Waits until the element's text is not the placeholder '—' and returns it. */
async function waitForText(testId, timeout) {
  await page.waitForFunction(
    (id) => {
      const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
      return text !== '' && text !== '—';
    },
    testId,
    { timeout, polling: 50 },
  );
  return read(testId);
}

const simRequestsFor = (pred) => sim.requests.filter(pred);

console.log('━━ e2e: React example in headless Chromium → token proxy → simulator');
let exitCode = 1;
try {
  const { createSimulator } = await load('@skyvern-edge/testing');
  const { serve } = await load('@skyvern-edge/testing/server');
  const { startServer } = await import(pathToFileURL(join(APP, 'server.mjs')).href);
  const playwright = await load('playwright-core');
  const chromium = playwright.chromium ?? playwright.default.chromium;

  await step(
    'start the simulator (own key) and the app server with the proxy',
    async () => {
      assert(
        existsSync(join(DIST, 'index.html')),
        `no built app in ${DIST}: run scripts/test-e2e.sh (or build the app) first`,
      );
      assert(/^sk-e2e-[0-9a-f]{32}$/.test(KEY), 'the e2e key is not sk-e2e-<32 hex>');
      // A short timeline: created → queued 0.2 s → running 0.6 s (a step every 0.4 s) → done at 2.6 s.
      sim = createSimulator({
        apiKey: KEY,
        runTimeline: { queuedAfterMs: 200, runningAfterMs: 600, durationMs: 2_000, stepEveryMs: 400 },
      });
      workflows = sim.seedWorkflows(2, { prefix: 'E2E workflow' });
      simServer = await serve(sim);
      app = await startServer({ port: 0, upstream: { apiKey: KEY, baseUrl: simServer.url, label: 'e2e simulator' } });
      return `app ${app.url}, simulator ${simServer.url}, key ${masked}`;
    },
    { fatal: true },
  );

  await step(
    'launch Chromium and load the app',
    async () => {
      assert(existsSync(CHROMIUM), `${CHROMIUM} not found: install Debian's chromium (scripts/setup.sh does)`);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
        timeout: 30_000,
      });
      page = await browser.newPage();
      page.on('request', (request) =>
        track(
          (async () => {
            requests.push({
              method: request.method(),
              url: request.url(),
              headers: await request.allHeaders().catch(() => request.headers()),
              postData: request.postDataBuffer(),
            });
          })(),
        ),
      );
      page.on('response', (response) =>
        track(
          (async () => {
            const entry = {
              method: response.request().method(),
              url: response.url(),
              status: response.status(),
              headers: await response.allHeaders().catch(() => response.headers()),
              body: null,
            };
            try {
              entry.body = await response.body();
            } catch (error) {
              entry.bodyError = error.message;
            }
            responses.push(entry);
          })(),
        ),
      );
      page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
      page.on(
        'console',
        (message) => message.type() === 'error' && pageProblems.push(`console.error: ${message.text()}`),
      );
      page.on('requestfailed', (request) =>
        pageProblems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`),
      );
      await page.goto(`${app.url}/`);
      await page.getByTestId('task-start').waitFor({ state: 'visible', timeout: 10_000 });
      return `Chromium ${browser.version()}`;
    },
    { fatal: true },
  );

  // ---- 1. a task, followed live until completed
  await step('task: start → live status and steps → completed, output', async () => {
    const prompt = 'Find the price of the first product and return it as { price } (e2e)';
    await page.getByTestId('task-prompt').fill(prompt);
    await page.getByTestId('task-url').fill('https://example.com/shop');
    await page.getByTestId('task-start').click();
    const runId = await waitForText('task-run-id', 5_000);
    await waitFor('task-status', 'data-status', 'running', 5_000);
    await waitFor('task-status', 'data-status', 'completed', 10_000);
    const history = await page.locator('[data-testid="task-history"] li').allTextContents();
    assert(
      history.some((h) => /^running · step \d+$/.test(h)),
      `never showed running with steps: ${JSON.stringify(history)}`,
    );
    const server = sim.getRunResponse(runId);
    assert(server?.status === 'completed', `the simulator has ${runId} as ${server?.status}`);
    const shown = JSON.parse((await read('task-output')) ?? 'null');
    assert(
      JSON.stringify(shown) === JSON.stringify(server.output),
      `output shown ${JSON.stringify(shown)} ≠ the run's ${JSON.stringify(server.output)}`,
    );
    assert(
      Number(await read('task-steps')) === server.step_count,
      `steps shown ${await read('task-steps')} ≠ ${server.step_count}`,
    );
    const created = simRequestsFor((r) => r.method === 'POST' && r.path === '/v1/run/tasks');
    assert(created.length === 1, `the simulator got ${created.length} runTask requests`);
    assert(JSON.parse(created[0].bodyText ?? '{}').prompt === prompt, 'the prompt did not reach the simulator');
    firstRunId = runId;
    return `${runId}: ${history.join(' → ')}`;
  });

  // ---- 1b. the same run picked up again by its id (useRun), as after a reload
  await step('resume: follow the finished run by id → completed, same steps', async () => {
    assert(firstRunId, 'no run from the task step');
    const gets = () => simRequestsFor((r) => r.method === 'GET' && r.path === `/v1/runs/${firstRunId}`).length;
    const before = gets();
    await page.getByTestId('resume-run-id').fill(firstRunId);
    await page.getByTestId('resume-follow').click();
    await waitFor('resume-status', 'data-status', 'completed', 5_000);
    const server = sim.getRunResponse(firstRunId);
    assert(
      Number(await read('resume-steps')) === server.step_count,
      `steps shown ${await read('resume-steps')} ≠ ${server.step_count}`,
    );
    // A terminal run stays fresh in the one cache the panels share: following it again costs no GET.
    await sleep(1_200); // longer than the 1 s poll interval
    assert(gets() === before, `following a finished run sent ${gets() - before} GETs`);
    return firstRunId;
  });

  // ---- 2. a slow task, canceled from the page
  await step('cancel: start a [slow] task → Cancel → canceled, polling stops', async () => {
    await page.getByTestId('task-prompt').fill('Read every page of the catalogue [slow]');
    await page.getByTestId('task-start').click();
    await waitFor('task-status', 'data-status', ['queued', 'running'], 5_000);
    const runId = await read('task-run-id');
    await page.getByTestId('task-cancel').click();
    await waitFor('task-status', 'data-status', 'canceled', 5_000);
    const server = sim.getRunResponse(runId);
    assert(server?.status === 'canceled', `the simulator has ${runId} as ${server?.status}`);
    const cancels = simRequestsFor((r) => r.method === 'POST' && r.path === `/v1/runs/${runId}/cancel`);
    assert(cancels.length === 1, `the simulator got ${cancels.length} cancel requests for ${runId}`);
    const polls = () => simRequestsFor((r) => r.method === 'GET' && r.path === `/v1/runs/${runId}`).length;
    const before = polls();
    await sleep(1_500); // longer than the 1 s poll interval
    assert(polls() === before, `the page went on polling a canceled run (${polls() - before} more GETs)`);
    return runId;
  });

  // ---- 2b. a workflow: listed by a plain React Query useQuery, run with useRunWorkflow
  await step('workflow: list (useQuery, same cache) → run → completed', async () => {
    await waitFor('workflow-select', 'data-count', String(workflows.length), 5_000);
    const agentId = await page.getByTestId('workflow-select').inputValue();
    assert(
      workflows.some((w) => w.workflow_permanent_id === agentId),
      `picked ${agentId}, not a seeded workflow`,
    );
    await page.getByTestId('workflow-start').click();
    const runId = await waitForText('workflow-run-id', 5_000);
    assert(/^wr_/.test(runId), `workflow run id ${runId}`);
    await waitFor('workflow-status', 'data-status', 'completed', 10_000);
    const created = simRequestsFor((r) => r.method === 'POST' && r.path === '/v1/run/agents');
    assert(created.length === 1, `the simulator got ${created.length} runWorkflow requests`);
    assert(JSON.parse(created[0].bodyText ?? '{}').agent_id === agentId, 'the agent_id did not reach the simulator');
    assert(sim.getRunResponse(runId)?.status === 'completed', `the simulator has ${runId} as not completed`);
    return `${agentId} → ${runId}`;
  });

  // ---- 3. an upload: the simulator must receive exactly the bytes the page sent
  await step('upload: file input → uploadFile → s3_uri, identical bytes', async () => {
    const bytes = randomBytes(1024 * 1024); // 1 MiB of random bytes: CR, LF, '--' and NUL included
    await page
      .getByTestId('upload-input')
      .setInputFiles({ name: 'e2e-upload.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await waitFor('upload-state', 'data-state', 'done', 10_000);
    const s3Uri = await read('upload-s3-uri');
    const stored = sim.uploads.get(s3Uri);
    assert(stored, `the simulator has no upload ${s3Uri} (it has ${[...sim.uploads.keys()].join(', ') || 'none'})`);
    assert(stored.filename === 'e2e-upload.bin', `filename ${stored.filename}`);
    assert(
      stored.bytes.length === bytes.length && Buffer.compare(Buffer.from(stored.bytes), bytes) === 0,
      `the simulator received ${stored.bytes.length} bytes that differ from the ${bytes.length} sent`,
    );
    return `${bytes.length} bytes → ${s3Uri}`;
  });

  // ---- 4. a browser session, opened and closed
  await step('session: open → id, status, live URL → close → closed', async () => {
    await page.getByTestId('session-create').click();
    await waitFor('session-status', 'data-status', 'running', 5_000);
    const id = await read('session-id');
    assert(sim.sessions.get(id)?.record.status === 'running', `the simulator has no running session ${id}`);
    const liveUrl = await page.getByTestId('session-live-url').getAttribute('href');
    assert(liveUrl?.includes(id), `live URL ${liveUrl} does not name ${id}`);
    await page.getByTestId('session-close').click();
    await waitFor('session-status', 'data-status', 'closed', 5_000);
    assert(
      sim.sessions.get(id)?.record.status === 'closed',
      `the simulator has ${id} as ${sim.sessions.get(id)?.record.status}`,
    );
    return id;
  });

  // ---- 4b. a session panel that unmounts closes its session (useBrowserSession's default)
  await step('session: open → hide the panel (unmount) → closed at the simulator', async () => {
    const closesBefore = simRequestsFor((r) => r.method === 'POST' && r.path.endsWith('/close')).length;
    await page.getByTestId('session-create').click();
    await waitFor('session-status', 'data-status', 'running', 5_000);
    const id = await read('session-id');
    await page.getByTestId('session-toggle').uncheck();
    await page.waitForFunction(() => !document.querySelector('[data-testid="session-panel"]'), undefined, {
      timeout: 2_000,
      polling: 50,
    });
    const deadline = Date.now() + 5_000;
    while (sim.sessions.get(id)?.record.status !== 'closed' && Date.now() < deadline) await sleep(50);
    assert(
      sim.sessions.get(id)?.record.status === 'closed',
      `the simulator has ${id} as ${sim.sessions.get(id)?.record.status}`,
    );
    const closes = simRequestsFor((r) => r.method === 'POST' && r.path === `/v1/browser_sessions/${id}/close`);
    assert(closes.length === 1, `the simulator got ${closes.length} close requests for ${id}`);
    const creates = simRequestsFor((r) => r.method === 'POST' && r.path === '/v1/browser_sessions');
    assert(
      creates.length === 2,
      `the simulator got ${creates.length} session creates (StrictMode must not double them)`,
    );
    await page.getByTestId('session-toggle').check();
    return `${id} (${simRequestsFor((r) => r.path.endsWith('/close')).length - closesBefore} close)`;
  });

  // ---- 5. the key: nowhere the browser could see it
  await step('key: in no response the browser received (headers, bodies)', async () => {
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 50))); // let the last events arrive
    await Promise.all([...recording]);
    const needles = [KEY, KEY.slice('sk-e2e-'.length), Buffer.from(KEY).toString('base64')];
    const api = responses.filter((r) => new URL(r.url).pathname.startsWith(`${BASE}/`));
    assert(api.length >= 10, `only ${api.length} answers from ${BASE} were recorded`);
    const unread = responses.filter((r) => r.body === null);
    assert(unread.length === 0, `bodies not readable: ${unread.map((r) => `${r.url} (${r.bodyError})`).join(', ')}`);
    const bad = api.filter((r) => r.status >= 400);
    assert(bad.length === 0, `failed answers: ${bad.map((r) => `${r.status} ${r.method} ${r.url}`).join(', ')}`);
    let bytes = 0;
    for (const r of responses) {
      const headerText = Object.entries(r.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      bytes += r.body.length;
      for (const needle of needles) {
        assert(!headerText.includes(needle), `the key is in a response header of ${r.method} ${r.url}`);
        assert(!r.body.includes(needle), `the key is in the body of ${r.method} ${r.url}`);
      }
    }
    // Positive control: the same needle does find the key where it must be, upstream of the proxy.
    assert(
      sim.requests.length > 0 && sim.requests.every((r) => r.headers['x-api-key'] === KEY),
      'the simulator did not get the key on every request',
    );
    return `${responses.length} responses (${api.length} from the proxy), ${(bytes / 1024).toFixed(0)} KiB scanned`;
  });

  await step('key: the browser never sent x-api-key (nor Authorization)', async () => {
    assert(requests.length === responses.length, `${requests.length} requests but ${responses.length} responses`);
    for (const r of requests) {
      const names = Object.keys(r.headers).map((n) => n.toLowerCase());
      assert(!names.includes('x-api-key'), `x-api-key sent with ${r.method} ${r.url}`);
      assert(!names.includes('authorization'), `authorization sent with ${r.method} ${r.url}`);
      assert(
        !r.url.includes(KEY) && !Object.values(r.headers).some((v) => v.includes(KEY)) && !r.postData?.includes(KEY),
        `the key left the browser with ${r.method} ${r.url}`,
      );
    }
    const ops = {};
    for (const r of requests) {
      const path = new URL(r.url).pathname;
      if (!path.startsWith(`${BASE}/`)) continue;
      const op = `${r.method} ${path.slice(BASE.length).replace(/\/[^/]*\d{6,}[^/]*/g, '/{id}')}`;
      ops[op] = (ops[op] ?? 0) + 1;
    }
    for (const op of [
      'POST /v1/run/tasks',
      'GET /v1/runs/{id}',
      'POST /v1/runs/{id}/cancel',
      'POST /v1/upload_file',
      'POST /v1/browser_sessions',
      'POST /v1/browser_sessions/{id}/close',
      'POST /v1/run/agents',
      'GET /v1/agents',
    ]) {
      assert(ops[op] > 0, `the browser never called ${op}`);
    }
    return `${requests.length} requests: ${Object.entries(ops)
      .map(([op, n]) => `${op} ×${n}`)
      .join(', ')}`;
  });

  await step('key: in no file of examples/react-app/dist', async () => {
    const files = [];
    const walk = async (dir) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else files.push(path);
      }
    };
    await walk(DIST);
    let bytes = 0;
    let js = 0;
    for (const file of files) {
      const content = await readFile(file);
      bytes += content.length;
      if (file.endsWith('.js')) js++;
      for (const needle of [KEY, KEY.slice('sk-e2e-'.length), 'sk-e2e-']) {
        assert(!content.includes(needle), `${relative(APP, file)} contains the key`);
      }
    }
    assert(js > 0, 'no JavaScript in dist/');
    const built = (await stat(join(DIST, 'index.html'))).mtime.toISOString();
    return `${files.length} files (${js} JS), ${(bytes / 1024).toFixed(0)} KiB, built ${built}`;
  });

  await step('page: no errors, no failed requests, no CSP violations', async () => {
    assert(pageProblems.length === 0, pageProblems.slice(0, 10).join('\n'));
  });

  exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (error) {
  if (!(error instanceof FatalStep)) {
    console.log(`  ✗ ${error?.stack ?? error}`);
    results.push({ name: 'unexpected error', ok: false, ms: 0 });
  }
  exitCode = 1;
} finally {
  const closing = performance.now();
  await browser?.close().catch(() => {});
  await app?.close().catch(() => {});
  await simServer?.close().catch(() => {});
  sim?.close();
  console.log(`  · shut down in ${secs(performance.now() - closing)}`);
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e: ${passed} passed, ${failed} failed`);
console.log(`${exitCode === 0 ? 'PASS' : 'FAIL'} e2e in ${secs(performance.now() - t0)}`);
clearTimeout(watchdog);
process.exit(exitCode);
