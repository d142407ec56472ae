import { createSimulator } from '@skyvern-edge/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, Skyvern, verifyWebhook } from '../src/index.js';

// The client against the project's simulator (as an injected fetch), end to end.
function setup(options: Parameters<typeof createSimulator>[0] = {}) {
  const sim = createSimulator({
    runTimeline: { queuedAfterMs: 200, runningAfterMs: 1_500, durationMs: 4_000, stepEveryMs: 1_000 },
    ...options,
  });
  const client = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.test', fetch: sim.fetch });
  return { sim, client };
}

afterEach(() => vi.useRealTimers());

describe('against the simulator', () => {
  it('runTask with waitForCompletion goes created → queued → running → completed', async () => {
    vi.useFakeTimers();
    const { sim, client } = setup();
    const seen: string[] = [];
    const done = client.runTask(
      { prompt: 'read the title', url: 'example.com' },
      { waitForCompletion: true, onUpdate: (r) => seen.push(r.status) },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    const run = await done;
    expect(run.status).toBe('completed');
    expect(run.output).toBeTruthy();
    expect(new Set(seen)).toEqual(new Set(['created', 'queued', 'running', 'completed']));
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    sim.close();
  });

  it('a run that goes paused → running → completed is waited through', async () => {
    vi.useFakeTimers();
    const { sim, client } = setup({
      scenario: () => ({ outcome: 'completed', durationMs: 15_000, pauseAtMs: 3_000, resumeAtMs: 9_000 }),
    });
    const seen: string[] = [];
    const done = client.runTask(
      { prompt: 'needs a human' },
      { waitForCompletion: true, onUpdate: (r) => seen.push(r.status) },
    );
    await vi.advanceTimersByTimeAsync(120_000);
    await expect(done).resolves.toMatchObject({ status: 'completed' });
    // paused is not terminal: the wait sees the run resume and finish.
    const paused = seen.indexOf('paused');
    expect(paused).toBeGreaterThan(0);
    const statuses = seen.slice(paused).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(['paused', 'running', 'completed']);
    sim.close();
  });

  it('cancelRun leads the wait to resolve canceled', async () => {
    const { sim, client } = setup();
    const run = await client.runTask({ prompt: 'slow [slow]' });
    const waiting = client.waitForRun(run.run_id, { pollInterval: 100 });
    await client.cancelRun(run.run_id);
    await expect(waiting).resolves.toMatchObject({ status: 'canceled' });
    sim.close();
  });

  it('unknown ids are typed 404s; a wrong key is a 403 that says why', async () => {
    const { sim, client } = setup();
    await expect(client.getRun('tsk_missing')).rejects.toBeInstanceOf(NotFoundError);
    const wrong = new Skyvern({ apiKey: 'wrong', baseUrl: 'http://sim.test', fetch: sim.fetch });
    await expect(wrong.getRun('tsk_missing')).rejects.toThrow(/403.*invalid API key/);
    sim.close();
  });

  it('uploads every input type; the simulator parses the multipart body and gets the exact bytes', async () => {
    const { sim, client } = setup();
    const bytes = new Uint8Array(256).map((_, i) => i);
    const inputs = [
      bytes,
      bytes.slice().buffer,
      new Blob([bytes]),
      new File([bytes], 'all.bin'),
      { data: bytes, filename: 'named.bin', contentType: 'application/x-test' },
    ];
    for (const input of inputs) {
      const { s3_uri, presigned_url } = await client.uploadFile(input);
      const stored = sim.uploads.get(s3_uri)!;
      expect(stored, s3_uri).toBeDefined();
      expect(presigned_url).toMatch(/^https?:/);
      expect(stored.bytes).toEqual(bytes);
    }
    expect([...sim.uploads.values()].map((u) => u.filename)).toEqual([
      'upload.bin',
      'upload.bin',
      'upload.bin',
      'all.bin',
      'named.bin',
    ]);
    await expect(client.uploadFile(new Uint8Array(10 * 1024 * 1024 + 1))).rejects.toThrow(/10 MB/);
    expect(sim.uploads.size).toBe(5);
    sim.close();
  });

  it('the simulator signs and delivers a webhook when the run finishes; verifyWebhook accepts it', async () => {
    const received: Request[] = [];
    const { sim, client } = setup({ webhookFetch: async (req) => (received.push(req.clone()), new Response('ok')) });
    const run = await client.runTask({
      prompt: 'with webhook [fast]',
      webhook_url: 'https://hooks.example.com/skyvern',
    });
    await client.waitForRun(run.run_id, { pollInterval: 100 });
    await sim.deliverWebhooks();
    expect(received).toHaveLength(1);
    const body = await received[0]!.text();
    const payload = await verifyWebhook({
      body,
      headers: received[0]!.headers,
      apiKey: sim.apiKey,
      toleranceMs: 60_000,
    });
    expect(payload).toMatchObject({ run_id: run.run_id, status: 'completed' });
    await expect(
      client.verifyWebhook({ body: body.replace('completed', 'failed'), headers: received[0]!.headers }),
    ).rejects.toThrow(/Invalid webhook signature/);
    sim.close();
  });

  it('createWorkflow retried after the server acted creates one workflow (Idempotency-Key)', async () => {
    const { sim, client } = setup();
    sim.inject(
      { type: 'status-after-processing', status: 500 },
      { match: { method: 'POST', path: '/v1/agents' }, times: 1 },
    );
    const workflow = await client.createWorkflow(
      { json_definition: { title: 'Invoices', workflow_definition: { parameters: [], blocks: [] } } } as never,
      { maxRetries: 1 },
    );
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/agents')).toHaveLength(2);
    expect(sim.workflows.size).toBe(1);
    expect(sim.workflows.has(workflow.workflow_permanent_id)).toBe(true);
    sim.close();
  });

  it('iterators walk seeded pages to the end', async () => {
    const { sim, client } = setup();
    sim.seedWorkflows(120);
    let n = 0;
    for await (const _ of client.iterWorkflows({ page_size: 50 })) n++;
    expect(n).toBe(120);
    const pages = sim.requests
      .filter((r) => r.path === '/v1/agents')
      .map((r) => new URLSearchParams(r.search).get('page'));
    expect(pages).toEqual(['1', '2', '3']);
    sim.close();
  });
});
