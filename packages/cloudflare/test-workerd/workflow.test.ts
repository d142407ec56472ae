// runInWorkflow + createWorkflowWebhookHandler in real workerd (miniflare's local Workflows),
// against the simulator over loopback HTTP: it signs real webhooks and repeats or drops some.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundle, eventually, startWorld, type World } from './harness.js';

const TIMELINE = { queuedAfterMs: 50, runningAfterMs: 100, durationMs: 1_200, stepEveryMs: 400 };
let script: string;
let world: World | undefined;

beforeAll(async () => {
  script = await bundle('workflow-worker.ts');
});
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const miniflare = { workflows: { TASKS: { name: 'tasks', className: 'TaskWorkflow' } } };

async function start(w: World, id: string, webhooks: boolean, prompt = `Task ${id}`) {
  const response = await fetch(`${w.base}/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, prompt, webhooks }),
  });
  expect(response.status).toBe(200);
}

async function status(w: World, id: string): Promise<{ status: string; output?: { run_id: string; status: string } }> {
  return (await fetch(`${w.base}/status?id=${id}`)).json() as never;
}

/** Waits until every instance is complete; returns their outputs. */
async function outputs(w: World, ids: string[], ms = 45_000) {
  return Promise.all(
    ids.map((id) =>
      eventually(
        async () => {
          const s = await status(w, id);
          if (s.status === 'errored' || s.status === 'terminated') throw new Error(`${id}: ${JSON.stringify(s)}`);
          return s.status === 'complete' ? s.output! : undefined;
        },
        ms,
        `instance ${id} to complete`,
      ),
    ),
  );
}

const creates = (w: World) => w.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/run/tasks');
const polls = (w: World, runId: string) =>
  w.sim.requests.filter((r) => r.method === 'GET' && r.path === `/v1/runs/${runId}`);

describe('runInWorkflow on workerd', () => {
  it('with webhooks that the server repeats and drops: every run completes once, one create each', async () => {
    world = await startWorld({
      script,
      miniflare,
      sim: { runTimeline: TIMELINE, webhookDelivery: { retries: 3, duplicateRate: 0.5, dropRate: 0.25, seed: 7 } },
    });
    const ids = Array.from({ length: 12 }, (_, i) => `hook-${i}`);
    for (const id of ids) await start(world, id, true);
    const done = await outputs(world, ids);
    const w = world;
    await w.sim.deliverWebhooks();

    expect(done.map((o) => o.status)).toEqual(ids.map(() => 'completed'));
    expect(new Set(done.map((o) => o.run_id)).size).toBe(ids.length);
    expect(w.sim.runs.size).toBe(ids.length);
    expect(creates(w)).toHaveLength(ids.length);
    // The simulator really did repeat and drop deliveries, and the handler answered repeats as such.
    const deliveries = w.sim.webhookDeliveries;
    expect(deliveries.some((d) => d.dropped)).toBe(true);
    const answered = deliveries.filter((d) => d.status === 200).map((d) => JSON.parse(d.responseBody ?? '{}'));
    expect(answered.some((a) => a.duplicate)).toBe(true);
    expect(answered.filter((a) => a.delivered)).toHaveLength(
      new Set(deliveries.filter((d) => d.status === 200).map((d) => d.runId)).size,
    );
    // A run whose webhook got through is never polled; one whose every attempt was dropped is
    // picked up by the fallback poll.
    for (const { run_id } of done) {
      const reached = deliveries.some((d) => d.runId === run_id && d.status === 200);
      if (reached) expect(polls(w, run_id).length).toBeLessThanOrEqual(1);
      else expect(polls(w, run_id).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('without a webhook: polls on durable sleeps until the run is terminal (failed is a result)', async () => {
    world = await startWorld({ script, miniflare, sim: { runTimeline: TIMELINE } });
    const ids = ['poll-0', 'poll-1', 'poll-2'];
    await start(world, ids[0]!, false);
    await start(world, ids[1]!, false, 'Task [fail]');
    await start(world, ids[2]!, false);
    const done = await outputs(world, ids);
    expect(done.map((o) => o.status)).toEqual(['completed', 'failed', 'completed']);
    expect(creates(world)).toHaveLength(3);
    for (const { run_id } of done) expect(polls(world, run_id).length).toBeGreaterThanOrEqual(2);
    expect(world.sim.webhookDeliveries).toHaveLength(0);
  });

  it('zero duplicate creates when the create was processed but its answer was lost (the step retries)', async () => {
    world = await startWorld({ script, miniflare, sim: { runTimeline: TIMELINE } });
    const create = { method: 'POST', path: '/v1/run/tasks' };
    world.sim.inject({ type: 'status-after-processing', status: 503 }, { match: create, times: 2 });
    world.sim.inject({ type: 'reset-after-processing' }, { match: create, times: 2 });
    // The lookup itself failing once must not lead to a blind create either.
    world.sim.inject({ status: 502 }, { match: { method: 'GET', path: '/v1/runs' }, times: 1 });
    const ids = ['lost-0', 'lost-1', 'lost-2', 'lost-3'];
    for (const id of ids) await start(world, id, true);
    const done = await outputs(world, ids);
    expect(done.map((o) => o.status)).toEqual(ids.map(() => 'completed'));
    // Four instances, four runs: each lost answer was found again by its key.
    expect(world.sim.runs.size).toBe(4);
    expect(creates(world)).toHaveLength(4);
    expect(creates(world).filter((r) => r.fault)).toHaveLength(4);
    expect(world.sim.requests.filter((r) => r.path === '/v1/runs').length).toBeGreaterThanOrEqual(5);
  });

  it('a forged or unsigned webhook is refused with 401 and wakes nobody', async () => {
    world = await startWorld({ script, miniflare, sim: { runTimeline: TIMELINE } });
    const body = JSON.stringify({ run_id: 'tsk_1', status: 'completed' });
    const forged = await fetch(`${world.base}/webhook?skyvern_instance=x`, {
      method: 'POST',
      headers: { 'x-skyvern-signature': 'ab'.repeat(32), 'content-type': 'application/json' },
      body,
    });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${world.base}/webhook?skyvern_instance=x`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
  });

  it('a Worker restart mid-wait: the instances resume from their durable state, no run is created twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skyvern-cf-'));
    try {
      world = await startWorld({
        script,
        miniflare,
        persistTo: dir,
        sim: { runTimeline: { ...TIMELINE, durationMs: 2_500 }, webhookDelivery: { retries: 3, seed: 3 } },
      });
      const ids = ['restart-0', 'restart-1', 'restart-2', 'restart-3'];
      for (const id of ids) await start(world, id, true);
      const w = world;
      await eventually(async () => (w.sim.runs.size === ids.length ? true : undefined), 15_000, 'the creates');
      // Restarted while every instance is still waiting for its run.
      for (const id of ids) expect((await status(w, id)).status).not.toBe('complete');
      await w.restart();
      const done = await outputs(w, ids);
      expect(done.map((o) => o.status)).toEqual(ids.map(() => 'completed'));
      expect(w.sim.runs.size).toBe(ids.length);
      expect(creates(w)).toHaveLength(ids.length);
      // A late repeat reaching a fresh isolate (its deduper empty) after the instance finished.
      await w.restart();
      const late = w.sim.webhookDeliveries.find((d) => d.status === 200)!;
      const which = done.findIndex((o) => o.run_id === late.runId);
      const answer = await fetch(late.url, { method: 'POST', headers: late.headers, body: late.body });
      // Accepted (Skyvern stops retrying) and harmless: the instance keeps its result.
      expect(answer.status).toBe(200);
      expect((await status(w, ids[which]!)).output).toEqual(done[which]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
