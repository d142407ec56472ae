// SkyvernBatchObject + runTasks + createBatchWebhookHandler in real workerd (miniflare's Durable
// Objects, alarms and Queues) against the simulator over loopback HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundle, eventually, maxInFlight, startSink, startWorld, type World } from './harness.js';

const TIMELINE = { queuedAfterMs: 50, runningAfterMs: 100, durationMs: 800, stepEveryMs: 300 };
let script: string;
let world: World | undefined;
let sink: Awaited<ReturnType<typeof startSink>> | undefined;

beforeAll(async () => {
  script = await bundle('batch-worker.ts');
});
afterEach(async () => {
  await world?.close();
  await sink?.close();
  world = undefined;
  sink = undefined;
});

async function open(options: { sim?: object; persistTo?: string; notify?: 'direct' }) {
  sink = await startSink();
  world = await startWorld({
    script,
    sim: { runTimeline: TIMELINE, ...options.sim },
    persistTo: options.persistTo,
    bindings: { SINK_URL: sink.url, NOTIFY: options.notify ?? 'queue' },
    miniflare: {
      durableObjects: { BATCHES: 'Batches' },
      queueProducers: { RESULTS: 'results' },
      queueConsumers: { results: { maxBatchSize: 10, maxBatchTimeout: 0.1 } },
    },
  });
  return { w: world, s: sink };
}

async function startBatch(
  w: World,
  batchId: string,
  n: number,
  concurrency: number,
  webhooks: boolean,
  prompt = 'Task',
) {
  const response = await fetch(`${w.base}/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      batchId,
      prompts: Array.from({ length: n }, (_, i) => `${prompt} ${i}`),
      concurrency,
      webhooks,
    }),
  });
  expect(response.status).toBe(200);
  return response.json() as Promise<{ started: boolean; total: number }>;
}

/** Waits until the sink has one message per item; returns them. */
async function notified(s: NonNullable<typeof sink>, n: number, ms = 45_000) {
  await eventually(async () => (s.received.length >= n ? true : undefined), ms, `${n} notifications`);
  // Anything extra (a duplicate) would arrive right behind.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return s.received;
}

const creates = (w: World) => w.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks');

describe('SkyvernBatchObject on workerd', () => {
  it('webhooks repeated and dropped: every run done and notified exactly once, at most N in flight', async () => {
    const { w, s } = await open({
      sim: { webhookDelivery: { retries: 3, duplicateRate: 0.5, dropRate: 0.25, seed: 11 } },
    });
    const first = await startBatch(w, 'hooks', 12, 3, true);
    expect(first).toMatchObject({ started: true, total: 12 });
    // Starting the same batch again (a retried request) starts nothing.
    expect(await startBatch(w, 'hooks', 12, 3, true)).toMatchObject({ started: false });
    const messages = await notified(s, 12);
    expect(messages).toHaveLength(12);
    expect(new Set(messages.map((m) => m.key)).size).toBe(12);
    expect(messages.every((m) => m.run.status === 'completed')).toBe(true);
    expect(w.sim.runs.size).toBe(12);
    expect(creates(w)).toHaveLength(12);
    expect(maxInFlight(w.sim)).toBeLessThanOrEqual(3);
    expect(maxInFlight(w.sim)).toBeGreaterThanOrEqual(2);
    const by = messages.map((m) => m.detectedBy);
    expect(by.filter((b) => b === 'webhook').length).toBeGreaterThan(6);
    expect(w.sim.webhookDeliveries.some((d) => d.dropped)).toBe(true);
    expect(w.sim.webhookDeliveries.some((d) => JSON.parse(d.responseBody ?? '{}').duplicate)).toBe(true);
  });

  it('polling only, 429 with Retry-After on creates: waits it out, never more than N in flight', async () => {
    const { w, s } = await open({});
    const limited = w.sim.inject(
      {
        status: 429,
        body: '{"detail":"Too many concurrent runs"}',
        headers: { 'retry-after': '1', 'content-type': 'application/json' },
      },
      { match: { method: 'POST', path: '/v1/run/tasks' }, times: 2 },
    );
    await startBatch(w, 'polls', 6, 2, false, 'Task [fail]');
    const messages = await notified(s, 6);
    expect(messages).toHaveLength(6);
    expect(messages.every((m) => m.run.status === 'failed' && m.detectedBy === 'poll')).toBe(true);
    expect(limited.hits).toBe(2);
    expect(w.sim.runs.size).toBe(6);
    expect(maxInFlight(w.sim)).toBeLessThanOrEqual(2);
    // After the 429, no create came sooner than its Retry-After.
    const tries = creates(w);
    const last429 = tries.filter((r) => r.fault).at(-1)!;
    const after = tries.find((r) => !r.fault && r.at > last429.at)!;
    expect(after.at - last429.at).toBeGreaterThanOrEqual(950);
  });

  it('zero duplicate creates when the answer to a processed create is lost', async () => {
    const { w, s } = await open({});
    const create = { method: 'POST', path: '/v1/run/tasks' };
    w.sim.inject({ type: 'status-after-processing', status: 503 }, { match: create, times: 2 });
    w.sim.inject({ type: 'reset-after-processing' }, { match: create, times: 1 });
    await startBatch(w, 'lost', 5, 5, true);
    const messages = await notified(s, 5);
    expect(messages).toHaveLength(5);
    expect(w.sim.runs.size).toBe(5);
    expect(creates(w).filter((r) => r.fault)).toHaveLength(3);
    // The three lost ones were looked up by key, not created again.
    expect(creates(w)).toHaveLength(5);
  });

  it('a restart mid-batch loses nothing: state is in storage, alarms resume, one create and one message per item', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skyvern-cf-do-'));
    try {
      const { w, s } = await open({ persistTo: dir, notify: 'direct', sim: { webhookDelivery: { retries: 3 } } });
      await startBatch(w, 'restart', 8, 2, true);
      await eventually(async () => (w.sim.runs.size >= 3 ? true : undefined), 15_000, 'some creates');
      expect(s.received.length).toBeLessThan(8);
      await w.restart();
      // miniflare re-arms a persisted alarm only once the object is touched again (Cloudflare keeps
      // it through restarts); here a status read does that, as a webhook delivery would.
      await fetch(`${w.base}/status?id=restart`);
      const messages = await notified(s, 8);
      expect(new Set(messages.map((m) => m.key)).size).toBe(8);
      expect(messages).toHaveLength(8);
      expect(w.sim.runs.size).toBe(8);
      expect(creates(w)).toHaveLength(8);
      expect(maxInFlight(w.sim)).toBeLessThanOrEqual(2);
      const status = await (await fetch(`${w.base}/status?id=restart`)).json();
      expect(status).toMatchObject({ total: 8, done: 8, pending: 0, running: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
