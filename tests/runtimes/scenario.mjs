/**
 * The one cross-runtime scenario of the Skyvern Edge SDK. It imports nothing: each runtime's
 * entry hands it the BUILT packages (`core` = @skyvern-edge/core, `testing` = @skyvern-edge/testing)
 * and the ways that runtime can reach a simulator:
 *
 *   scenario({ runtime, core, testing, log?, browser?, serve?, remote? }) → { runtime, ok, ms, steps }
 *
 * Legs (each with a fresh simulator, all run concurrently):
 *   fetch   the simulator in the same isolate, injected as the client's `fetch` (every runtime)
 *   http    the same, served over real loopback HTTP by `serve(sim) → { url, close }`
 *           (node:http via @skyvern-edge/testing/server on Node, Deno.serve, Bun.serve)
 *   remote  a simulator hosted by a Node process (tests/runtimes/host.mjs), reached over
 *           loopback HTTP, with the key (`remote.keyless` false: workerd) or keyless through
 *           the token proxy of @skyvern-edge/core/proxy (`remote.keyless` true: Chromium)
 *
 * Each leg: runTask + waitForCompletion → completed; waitForRun aborted mid-sleep →
 * UserAbortError at once; getRun of an unknown id → NotFoundError (instanceof); uploadFile of
 * bytes → the simulator holds identical bytes; iterWorkflows({ page_size: 50 }) over 120 seeded
 * workflows → 120 items. Once per runtime: verifyWebhook of a real simulator delivery and of a
 * signWebhook body, a forged body and a wrong key refused; the browser guard of `apiKey`.
 */

/** Short simulated runs: the whole scenario takes a few seconds. */
export const TIMELINE = { queuedAfterMs: 100, runningAfterMs: 200, durationMs: 1500, stepEveryMs: 300 };
export const POLL_INTERVAL = 200;
/** How soon after abort() waitForRun must reject (it rejects in the abort event itself). */
const ABORT_BUDGET_MS = 250;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const name = error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  return `${name}: ${error.message}`.slice(0, 400);
}

/** Deterministic bytes covering every byte value, CR/LF and NUL included. */
function testBytes(n = 4096) {
  const bytes = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = i < 256 ? i : x & 0xff;
  }
  return bytes;
}

function sameBytes(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The simulator as the scenario inspects it, in this isolate. */
function localControl(sim) {
  return {
    apiKey: sim.apiKey,
    seedWorkflows: async (n) => void sim.seedWorkflows(n),
    uploadedBytes: async (s3Uri) => sim.uploads.get(s3Uri)?.bytes,
    countRequests: async (method, path) => sim.requests.filter((r) => r.method === method && r.path === path).length,
  };
}

/**
 * A simulator hosted by tests/runtimes/host.mjs (Node), controlled over HTTP. For runtimes
 * that cannot serve HTTP themselves (workerd, a browser page).
 */
export async function openRemoteSimulator(hostUrl, { keyless = false } = {}) {
  const created = await fetch(`${hostUrl}/sims`, { method: 'POST', body: JSON.stringify({ runTimeline: TIMELINE }) });
  check(created.ok, `host: POST /sims answered ${created.status}`);
  const { id, apiKey } = await created.json();
  const base = `${hostUrl}/s/${id}`;
  const control = async (path, init) => {
    const response = await fetch(`${base}/control/${path}`, init);
    if (response.status === 404) return undefined;
    check(response.ok, `host: ${path} answered ${response.status}`);
    return response;
  };
  return {
    clientOptions: keyless ? { baseUrl: `${base}/proxy` } : { apiKey, baseUrl: `${base}/sim` },
    control: {
      apiKey,
      seedWorkflows: async (n) => void (await control(`seed-workflows?n=${n}`, { method: 'POST' })),
      uploadedBytes: async (s3Uri) => {
        const response = await control(`upload?s3_uri=${encodeURIComponent(s3Uri)}`);
        return response && new Uint8Array(await response.arrayBuffer());
      },
      countRequests: async (method, path) =>
        (await (await control(`count?method=${method}&path=${encodeURIComponent(path)}`)).json()).count,
    },
    close: async () => void (await fetch(base, { method: 'DELETE' }).catch(() => {})),
  };
}

export async function scenario(env) {
  const { runtime, core, testing, browser = false, log = () => {} } = env;
  const started = now();
  const steps = [];
  const step = async (leg, name, fn) => {
    const t0 = now();
    try {
      const detail = await fn();
      const ms = Math.round(now() - t0);
      steps.push({ leg, name, ok: true, ms, detail });
      log(`  ✓ ${leg}: ${name} (${ms} ms)${detail ? ` ${detail}` : ''}`);
    } catch (error) {
      const ms = Math.round(now() - t0);
      steps.push({ leg, name, ok: false, ms, error: describe(error) });
      log(`  ✗ ${leg}: ${name} (${ms} ms) ${describe(error)}`);
    }
  };

  const { Skyvern, NotFoundError, ApiError, SkyvernError, UserAbortError, WebhookVerificationError, verifyWebhook } =
    core;
  const { createSimulator, signWebhook } = testing;

  // ---- once per runtime: the client's construction rules -------------------------------------
  await step(
    'client',
    browser
      ? 'an apiKey in a browser throws without dangerouslyAllowBrowser'
      : 'new Skyvern({ apiKey }) outside a browser',
    () => {
      let thrown;
      try {
        new Skyvern({ apiKey: 'sk-browser-check', baseUrl: 'https://api.skyvern.test' });
      } catch (error) {
        thrown = error;
      }
      if (browser) {
        check(thrown instanceof SkyvernError, `expected a SkyvernError, got ${thrown ? describe(thrown) : 'no error'}`);
        check(
          /dangerouslyAllowBrowser/.test(thrown.message),
          `the message should name dangerouslyAllowBrowser: ${thrown.message}`,
        );
        new Skyvern({ apiKey: 'sk-browser-check', dangerouslyAllowBrowser: true });
        new Skyvern({ baseUrl: '/api/skyvern' });
        return 'SkyvernError; with dangerouslyAllowBrowser or keyless + baseUrl it constructs';
      }
      check(!thrown, `threw ${thrown && describe(thrown)}`);
      return '';
    },
  );

  // ---- legs ------------------------------------------------------------------------------------
  const deliveries = [];
  const legs = [];
  legs.push({
    name: 'fetch',
    open: async () => {
      const sim = createSimulator({
        runTimeline: TIMELINE,
        webhookFetch: async (request) => {
          deliveries.push({ body: await request.text(), headers: request.headers });
          return new Response('ok');
        },
      });
      return {
        clientOptions: {
          apiKey: sim.apiKey,
          baseUrl: 'https://api.skyvern.test',
          fetch: sim.fetch,
          dangerouslyAllowBrowser: browser,
        },
        control: localControl(sim),
        sim,
        close: async () => sim.close(),
      };
    },
  });
  if (env.serve) {
    legs.push({
      name: 'http',
      open: async () => {
        const sim = createSimulator({ runTimeline: TIMELINE });
        const server = await env.serve(sim);
        return {
          clientOptions: { apiKey: sim.apiKey, baseUrl: server.url },
          control: localControl(sim),
          close: async () => {
            sim.close();
            await server.close();
          },
        };
      },
    });
  }
  if (env.remote) {
    legs.push({
      name: env.remote.keyless ? 'proxy' : 'remote',
      open: async () => {
        const remote = await openRemoteSimulator(env.remote.url, { keyless: env.remote.keyless });
        return { ...remote, clientOptions: { ...remote.clientOptions, dangerouslyAllowBrowser: browser } };
      },
    });
  }

  const runLeg = async (leg) => {
    let opened;
    await step(leg.name, 'open', async () => {
      opened = await leg.open();
      return opened.clientOptions.baseUrl;
    });
    if (!opened) return;
    const { control } = opened;
    const client = new Skyvern({ maxRetries: 0, ...opened.clientOptions });
    const webhookUrl = leg.name === 'fetch' ? 'https://hooks.example.test/skyvern' : undefined;

    await Promise.all([
      step(leg.name, 'runTask waitForCompletion → completed', async () => {
        const t0 = now();
        const run = await client.runTask(
          {
            prompt: `Cross-runtime check on ${runtime}`,
            url: 'https://example.com',
            ...(webhookUrl ? { webhook_url: webhookUrl } : {}),
          },
          { waitForCompletion: true, pollInterval: POLL_INTERVAL, timeout: 20_000 },
        );
        check(run.status === 'completed', `status ${run.status}`);
        check(typeof run.run_id === 'string' && run.run_id, 'no run_id');
        if (webhookUrl) opened.completedRunId = run.run_id;
        return `${run.run_id} in ${Math.round(now() - t0)} ms`;
      }),

      step(leg.name, 'waitForRun aborted mid-sleep → UserAbortError promptly', async () => {
        const started = await client.runTask({ prompt: 'A run to abandon', url: 'https://example.com' });
        const controller = new AbortController();
        // One poll, then a 10 s sleep that the abort must cut short.
        const waiting = client.waitForRun(started.run_id, { signal: controller.signal, pollInterval: 10_000 });
        const outcome = waiting.then(
          (run) => ({ run }),
          (error) => ({ error, at: now() }),
        );
        await sleep(400);
        const runPath = `/v1/runs/${started.run_id}`;
        const polled = await control.countRequests('GET', runPath);
        check(polled === 1, `${polled} polls before the abort: expected 1, then the sleep`);
        const abortedAt = now();
        controller.abort();
        const { error, run, at } = await outcome;
        check(!run, `resolved with status ${run?.status} instead of rejecting`);
        check(error instanceof UserAbortError, `expected UserAbortError, got ${describe(error)}`);
        check(error instanceof SkyvernError, 'UserAbortError is not a SkyvernError');
        const after = Math.round(at - abortedAt);
        check(after <= ABORT_BUDGET_MS, `rejected ${after} ms after abort (budget ${ABORT_BUDGET_MS} ms)`);
        await sleep(300);
        const later = await control.countRequests('GET', runPath);
        check(later === polled, `${later - polled} polls after the abort`);
        return `rejected ${after} ms after abort; no poll after it`;
      }),

      step(leg.name, 'getRun(unknown id) → NotFoundError', async () => {
        let thrown;
        try {
          await client.getRun('tsk_00000000000000000000000000');
        } catch (error) {
          thrown = error;
        }
        check(thrown, 'getRun of an unknown id resolved');
        check(thrown instanceof NotFoundError, `expected NotFoundError, got ${describe(thrown)}`);
        check(
          thrown instanceof ApiError && thrown instanceof SkyvernError && thrown instanceof Error,
          'NotFoundError is not an ApiError/SkyvernError/Error',
        );
        check(thrown.status === 404, `status ${thrown.status}`);
        return `${thrown.constructor.name} ${thrown.status}`;
      }),

      step(leg.name, 'uploadFile(bytes) → identical bytes', async () => {
        const bytes = testBytes();
        const uploaded = await client.uploadFile(bytes);
        check(typeof uploaded.s3_uri === 'string', 'no s3_uri');
        const received = await control.uploadedBytes(uploaded.s3_uri);
        check(received, `the simulator has no upload at ${uploaded.s3_uri}`);
        check(
          sameBytes(received, bytes),
          `the simulator got ${received.length} bytes that differ from the ${bytes.length} sent`,
        );
        return `${bytes.length} bytes`;
      }),

      step(leg.name, 'iterWorkflows({ page_size: 50 }) over 120 → 120 items', async () => {
        await control.seedWorkflows(120);
        const before = await control.countRequests('GET', '/v1/agents');
        const ids = new Set();
        let count = 0;
        for await (const workflow of client.iterWorkflows({ page_size: 50 })) {
          count++;
          ids.add(workflow.workflow_permanent_id);
        }
        check(count === 120, `${count} items`);
        check(ids.size === 120, `${ids.size} distinct workflows`);
        const pages = (await control.countRequests('GET', '/v1/agents')) - before;
        check(pages >= 3, `${pages} page requests`);
        return `${count} items in ${pages} pages`;
      }),
    ]);

    if (leg.name === 'fetch') {
      await step('webhook', 'verifyWebhook: a real simulator delivery', async () => {
        await opened.sim.deliverWebhooks();
        check(deliveries.length === 1, `${deliveries.length} deliveries`);
        const [delivery] = deliveries;
        const payload = await client.verifyWebhook({ body: delivery.body, headers: delivery.headers });
        check(payload.run_id === opened.completedRunId, `payload run_id ${payload.run_id}`);
        check(payload.status === 'completed', `payload status ${payload.status}`);
        return `${payload.run_id} ${payload.status}`;
      });
      await step('webhook', 'verifyWebhook: signWebhook body accepted, forged ones refused', async () => {
        const key = control.apiKey;
        const body = JSON.stringify({ run_id: 'tsk_signed', status: 'completed', output: { ok: true } });
        const { signature, timestamp } = await signWebhook(body, key);
        const headers = { 'x-skyvern-signature': signature, 'x-skyvern-timestamp': timestamp };
        const payload = await verifyWebhook({ body, headers, apiKey: key, toleranceMs: 60_000 });
        check(payload.run_id === 'tsk_signed', 'payload not parsed');
        const asBytes = await verifyWebhook({
          body: new TextEncoder().encode(body),
          headers: new Headers(headers),
          apiKey: key,
        });
        check(asBytes.run_id === 'tsk_signed', 'byte body not parsed');
        const refusals = [
          ['tampered body', { body: body.replace('completed', 'failed'), headers, apiKey: key }],
          ['wrong key', { body, headers, apiKey: `${key}-other` }],
          ['no signature', { body, headers: {}, apiKey: key }],
        ];
        for (const [what, input] of refusals) {
          let thrown;
          try {
            await verifyWebhook(input);
          } catch (error) {
            thrown = error;
          }
          check(
            thrown instanceof WebhookVerificationError,
            `${what}: expected WebhookVerificationError, got ${thrown ? describe(thrown) : 'acceptance'}`,
          );
        }
        return 'signed ok; tampered, wrong key, unsigned refused';
      });
    }
    await opened.close?.();
  };

  await Promise.all(legs.map(runLeg));
  const ok = steps.length > 0 && steps.every((s) => s.ok);
  return { runtime, ok, ms: Math.round(now() - started), steps };
}

/** What every entry prints last, for tests/runtimes/run.mjs to read. */
export const RESULT_MARKER = '@@SCENARIO_RESULT ';
