// 1,000 simulated Skyvern runs of 60 s + U(0, 5 s) from a Cloudflare Worker: one SkyvernBatchObject
// (@skyvern-edge/cloudflare) in real workerd (miniflare) runs them at concurrency 50 against the
// simulator served over loopback HTTP, once learning of finished runs by webhook (deliveries
// repeated and dropped now and then, as Skyvern's are) and once by polling only.
//
// A scaled clock: every duration of the simulator (queue, run) and every wait of the object (poll
// schedule, webhook fallback) is divided by TIME_SCALE, so the batch takes 1/TIME_SCALE of its
// real time. Requests per run do not depend on the scale; delays and the batch's wall clock are
// reported multiplied back (fixed costs such as a webhook's HTTP hop are multiplied too, so the
// scaled delays overstate the real ones). Worker CPU is workerd's own CPU time (every thread,
// from /proc), divided by the runs: it includes miniflare's plumbing, so it is an upper bound.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lastSpawnedPid, processCpuMs } from './workerd-cpu.mjs';
import { BENCH, GENERATED, ROOT, ensureSimulator } from './prepare.mjs';

const CONCURRENCY = Number(process.env.BENCH_CF_CONCURRENCY ?? 50);
// The polling leg sends ~23 requests a run: at ÷ 20 on a small shared machine its polls queue up
// behind each other and the figures stop meaning anything, so it runs fewer runs, less sped up
// (its figures are per run; the batch's wall clock is the webhook leg's).
const LEGS = {
  webhooks: { runs: Number(process.env.BENCH_CF_RUNS ?? 1000), scale: Number(process.env.BENCH_CF_SCALE ?? 20) },
  polling: { runs: Number(process.env.BENCH_CF_POLL_RUNS ?? 200), scale: Number(process.env.BENCH_CF_POLL_SCALE ?? 5) },
};
const RUN_MS = 60_000;
const JITTER_MS = 5_000;

async function bundle(entry, outName, external = []) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: outName ? 'node' : 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: Boolean(outName),
    outfile: outName ? join(GENERATED, outName) : undefined,
    external: ['cloudflare:*', ...external],
    alias: {
      '@skyvern-edge/core': join(ROOT, 'packages/core/dist/index.js'),
      '@skyvern-edge/cloudflare': join(ROOT, 'packages/cloudflare/src/index.ts'),
    },
    logLevel: 'error',
  });
  return outName ? join(GENERATED, outName) : result.outputFiles[0].text;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function leg(
  webhooks,
  { runs: RUNS, scale: SCALE },
  { createSimulator, seededRandom, serve, Miniflare, script },
) {
  const random = seededRandom(webhooks ? 0xc10d : 0x9011);
  const sim = createSimulator({
    runTimeline: { queuedAfterMs: 500 / SCALE, runningAfterMs: 1_500 / SCALE, stepEveryMs: 2_000 / SCALE },
    // Creation → terminal is 60 s + U(0, 5 s), scaled.
    scenario: () => ({ outcome: 'completed', durationMs: (RUN_MS + random() * JITTER_MS - 1_500) / SCALE }),
    webhookDelivery: { retries: 3, duplicateRate: 0.05, dropRate: 0.02, seed: 5 },
  });
  const server = await serve(sim);
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: '2025-09-01',
    host: '127.0.0.1',
    port: 0,
    bindings: { SKYVERN_API_KEY: sim.apiKey, SKYVERN_BASE_URL: server.url, TIME_SCALE: String(SCALE) },
    durableObjects: { BATCHES: 'Batches' },
  });
  try {
    const base = (await mf.ready).href.replace(/\/$/, '');
    const workerd = lastSpawnedPid();
    const cpu0 = processCpuMs(workerd);
    const t0 = performance.now();
    const started = await fetch(`${base}/batch`, {
      method: 'POST',
      body: JSON.stringify({ batchId: 'bench', n: RUNS, concurrency: CONCURRENCY, webhooks }),
    });
    if (!started.ok) throw new Error(`start: ${started.status} ${await started.text()}`);
    const deadline = Date.now() + (RUNS / CONCURRENCY) * ((RUN_MS + JITTER_MS) / SCALE) * 4 + 60_000;
    for (;;) {
      const status = await (await fetch(`${base}/status?id=bench`)).json();
      if (status.done === RUNS) break;
      if (Date.now() > deadline) throw new Error(`timed out with ${status.done}/${RUNS} done`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const wallMs = performance.now() - t0;
    const cpu1 = processCpuMs(workerd);
    const { results } = await (await fetch(`${base}/status?id=bench&results=1`)).json();
    const realDelays = results.map((r) => r.detectedAt - Date.parse(r.run.finished_at));
    const delays = realDelays.map((ms) => ms * SCALE);
    const toSkyvern = sim.requests.length;
    const perRun = [...sim.runs.keys()].map((id) => sim.requests.filter((r) => r.path === `/v1/runs/${id}`).length + 1);
    return {
      mode: webhooks ? 'webhooks' : 'polling only',
      runs: RUNS,
      runsCreated: sim.runs.size,
      completed: results.filter((r) => r.run?.status === 'completed').length,
      requestsPerRun: toSkyvern / RUNS,
      requestsPerRunMax: Math.max(...perRun),
      detectedBy: Object.fromEntries(
        ['webhook', 'poll', 'create'].map((by) => [by, results.filter((r) => r.detectedBy === by).length]),
      ),
      scale: SCALE,
      delayMeanMs: mean(delays),
      // Unscaled: what a webhook's delay is made of (an HTTP hop, the object) does not shrink with
      // the runs, so this is the figure for the webhook leg.
      realDelayMeanMs: mean(realDelays),
      realDelayP95Ms: quantile(realDelays, 0.95),
      delayP95Ms: quantile(delays, 0.95),
      delayMaxMs: Math.max(...delays),
      wallMs,
      simulatedWallMs: wallMs * SCALE,
      idealSimulatedWallMs: (RUNS / CONCURRENCY) * (RUN_MS + JITTER_MS / 2),
      workerdCpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0,
      webhookDeliveries: sim.webhookDeliveries.length,
    };
  } finally {
    await mf.dispose().catch(() => {});
    sim.close();
    await server.close();
  }
}

const testing = await import(pathToFileURL(await ensureSimulator()).href);
const { serve } = await import(
  pathToFileURL(await bundle(join(ROOT, 'packages/testing/src/server.ts'), 'testing-server.mjs')).href
);
const { Miniflare } = await import('miniflare');
const script = await bundle(join(BENCH, 'entries/cloudflare-batch.ts'));
const context = { ...testing, serve, Miniflare, script };
const legs = [];
for (const name of (process.env.BENCH_CF_LEGS ?? 'webhooks,polling').split(',')) {
  const size = LEGS[name];
  process.stderr.write(
    `  cloudflare: ${size.runs} runs at concurrency ${CONCURRENCY}, ${name}, time ÷ ${size.scale}\n`,
  );
  legs.push(await leg(name === 'webhooks', size, context));
}
process.stdout.write(JSON.stringify({ concurrency: CONCURRENCY, runMs: RUN_MS, jitterMs: JITTER_MS, legs }));
