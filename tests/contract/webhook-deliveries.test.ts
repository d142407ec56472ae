import { createSimulator } from '@skyvern-edge/testing';
import { describe, expect, it } from 'vitest';
import { type Run, Skyvern, WebhookVerificationError, createWebhookDeduper, verifyWebhook } from '@skyvern-edge/core';

// The README's Webhooks receiver, fed by the simulator delivering as Skyvern Cloud does:
// signed, retried up to 3 times on failure, sometimes twice when the answer was lost, sometimes dropped.
function receiver(apiKeys: string[], failFirstTry: Set<string>) {
  const deduper = createWebhookDeduper();
  const handled: string[] = [];
  const tries = new Map<string, number>();
  const fetch = async (request: Request): Promise<Response> => {
    let run: Run;
    try {
      run = await verifyWebhook({ body: await request.text(), headers: request.headers, apiKey: apiKeys });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return new Response('bad signature', { status: 401 });
      throw error;
    }
    if (!(await deduper.claim(run))) return new Response('already handled');
    try {
      const seen = (tries.get(run.run_id) ?? 0) + 1;
      tries.set(run.run_id, seen);
      if (failFirstTry.has(run.run_id) && seen === 1) throw new Error('handler crashed');
      handled.push(`${run.run_id}:${run.status}`);
    } catch {
      await deduper.release(run);
      return new Response('try again', { status: 500 });
    }
    return new Response('ok');
  };
  return { fetch, handled };
}

describe('webhook deliveries: retried, duplicated and dropped, handled once', () => {
  it('handles every run exactly once across 200 runs', async () => {
    const failFirstTry = new Set<string>();
    let target: ReturnType<typeof receiver> | undefined;
    const sim = createSimulator({
      webhookFetch: (request) => target!.fetch(request),
      webhookDelivery: { retries: 3, duplicateRate: 0.5, dropRate: 0.2, seed: 20261202 },
    });
    target = receiver(['sk-retired-key', sim.apiKey], failFirstTry);
    const skyvern = new Skyvern({ apiKey: sim.apiKey, baseUrl: 'http://sim.local', fetch: sim.fetch });
    const runIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const run = await skyvern.runTask({ prompt: `task ${i}`, webhook_url: 'https://hooks.example/skyvern' });
      runIds.push(run.run_id);
      if (i % 10 === 0) failFirstTry.add(run.run_id);
    }
    for (const id of runIds) sim.completeRun(id, runIds.indexOf(id) % 7 === 0 ? 'failed' : 'completed');
    await sim.deliverWebhooks();

    const attempts = sim.webhookDeliveries;
    const acknowledged = new Set(attempts.filter((d) => d.status === 200).map((d) => d.runId));
    const repeats = attempts.filter((d) => d.attempt > 1 && !d.dropped).length;
    // The faults really happened: repeats reached the receiver, and some attempts were dropped.
    expect(repeats).toBeGreaterThan(50);
    expect(attempts.some((d) => d.dropped)).toBe(true);
    // No run was handled twice; every run Skyvern saw acknowledged was handled, in its final status;
    // a handler that crashed on the first try got the run again from the server's retry.
    expect(target.handled).toHaveLength(new Set(target.handled).size);
    expect(new Set(target.handled.map((h) => h.split(':')[0]))).toEqual(acknowledged);
    expect(acknowledged.size).toBeGreaterThan(190);
    for (const h of target.handled) expect(h).toBe(`${h.split(':')[0]}:${sim.getRunResponse(h.split(':')[0])!.status}`);
    expect([...failFirstTry].filter((id) => acknowledged.has(id)).length).toBeGreaterThan(15);
    sim.close();
  });

  it('refuses options that make no sense', () => {
    expect(() => createSimulator({ webhookDelivery: { retries: -1 } })).toThrow(/retries/);
    expect(() => createSimulator({ webhookDelivery: { dropRate: 2 } })).toThrow(/dropRate/);
  });
});
