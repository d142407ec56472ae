// examples/cloudflare-batch as CI runs it: its wrangler.toml `main`, bundled from the sources, in
// workerd with its Workflow and Queue, against the simulator (webhooks repeated and dropped).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { eventually, startWorld, type World } from './harness.js';

const dir = fileURLToPath(new URL('../../../examples/cloudflare-batch/', import.meta.url));
let world: World | undefined;
afterAll(() => world?.close());

it('POST /batch queues five tasks; each runs in its own Workflow instance, once, woken by its webhook', async () => {
  const toml = readFileSync(`${dir}wrangler.toml`, 'utf8');
  const main = /^main\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const bundle = await build({
    entryPoints: [`${dir}${main}`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    write: false,
    external: ['cloudflare:*'],
    alias: {
      '@skyvern-edge/core': fileURLToPath(new URL('../../core/src/index.ts', import.meta.url)),
      '@skyvern-edge/cloudflare': fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    },
    logLevel: 'silent',
  });
  world = await startWorld({
    script: bundle.outputFiles[0]!.text,
    bindings: { FALLBACK_MS: '1500' },
    sim: {
      runTimeline: { queuedAfterMs: 50, runningAfterMs: 100, durationMs: 1_000, stepEveryMs: 300 },
      webhookDelivery: { retries: 3, duplicateRate: 0.3, dropRate: 0.2, seed: 2 },
    },
    // As wrangler.toml declares them.
    miniflare: {
      workflows: { TASKS: { name: 'skyvern-tasks', className: 'TaskWorkflow' } },
      queueProducers: { TASK_QUEUE: 'skyvern-tasks' },
      queueConsumers: { 'skyvern-tasks': { maxBatchSize: 10, maxBatchTimeout: 0.1 } },
    },
  });
  const w = world;
  const response = await fetch(`${w.base}/batch`, {
    method: 'POST',
    body: JSON.stringify({ prompts: ['one', 'two', 'three', 'four', 'five'], url: 'https://example.com' }),
  });
  expect(response.status).toBe(202);
  const { ids } = (await response.json()) as { ids: string[] };
  const outputs = await Promise.all(
    ids.map((id) =>
      eventually(
        async () => {
          const s = (await (await fetch(`${w.base}/status?id=${id}`)).json()) as { status: string; output?: any };
          return s.status === 'complete' ? s.output : undefined;
        },
        45_000,
        `instance ${id}`,
      ),
    ),
  );
  expect(outputs.map((o) => o.status)).toEqual(ids.map(() => 'completed'));
  expect(w.sim.runs.size).toBe(5);
  expect(w.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks')).toHaveLength(5);
  expect(new Set(outputs.map((o) => o.run_id)).size).toBe(5);
  expect(await (await fetch(`${w.base}/batch`, { method: 'POST', body: '{}' })).json()).toMatchObject({
    detail: 'expected { prompts: string[] }',
  });
});
