// The benchmark's Worker (bench/lib/cloudflare.mjs): one SkyvernBatchObject runs the whole batch.
// TIME_SCALE divides every wait, as the simulator's runs are divided (a scaled clock).
import { batchStatus, createBatchWebhookHandler, runTasks, SkyvernBatchObject } from '@skyvern-edge/cloudflare';

interface Env {
  SKYVERN_API_KEY: string;
  SKYVERN_BASE_URL: string;
  TIME_SCALE: string;
  BATCHES: never;
}

export class Batches extends SkyvernBatchObject<Env> {
  // The object's own schedule, on the scaled clock.
  protected override pollInterval(attempt: number): number {
    return super.pollInterval(attempt) / Number(this.env.TIME_SCALE);
  }
  protected override webhookFallbackInterval(): number {
    return 120_000 / Number(this.env.TIME_SCALE);
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/webhook') {
      return createBatchWebhookHandler({ apiKey: env.SKYVERN_API_KEY, namespace: env.BATCHES })(request);
    }
    if (url.pathname === '/batch') {
      const { batchId, n, concurrency, webhooks } = (await request.json()) as Record<string, never>;
      const items = Array.from({ length: n }, (_, i) => ({ prompt: `benchmark run ${i}`, url: 'https://example.com' }));
      const webhookUrl = webhooks ? new URL('/webhook', request.url).href : undefined;
      return Response.json(await runTasks(env.BATCHES, items, { batchId, concurrency, webhookUrl }));
    }
    const results = url.searchParams.has('results');
    return Response.json(await batchStatus(env.BATCHES, url.searchParams.get('id') ?? '', { results }));
  },
};
