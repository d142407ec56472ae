/**
 * A Cloudflare Worker on @skyvern-edge/core:
 *
 *   POST /runs     { "prompt": "...", "url": "https://..." } → starts a task whose webhook
 *                  points back at this Worker; answers 202 { run_id, status, app_url }
 *   POST /webhook  Skyvern's delivery: the signature is checked (HMAC-SHA256 keyed by the API
 *                  key, WebCrypto) before the body is trusted; a forged one gets 401
 *   /api/skyvern/* the token proxy for browser apps: `new Skyvern({ baseUrl: '/api/skyvern' })`
 *                  in the page, no key there; the default allow-list (runs, browser sessions,
 *                  uploads) passes, everything else gets 403
 *
 * Bindings: SKYVERN_API_KEY (a secret), SKYVERN_BASE_URL (optional var).
 */
import { Skyvern, SkyvernError, WebhookVerificationError, verifyWebhook, type Run } from '@skyvern-edge/core';
import { createSkyvernProxy } from '@skyvern-edge/core/proxy';

export interface Env {
  SKYVERN_API_KEY: string;
  SKYVERN_BASE_URL?: string;
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

async function startRun(request: Request, env: Env): Promise<Response> {
  let input: { prompt?: unknown; url?: unknown };
  try {
    input = await request.json();
  } catch {
    return json({ detail: 'expected a JSON body { prompt, url }' }, 400);
  }
  if (typeof input.prompt !== 'string' || input.prompt.trim() === '')
    return json({ detail: 'prompt is required' }, 400);
  // Workers have no process.env: the key comes from the binding.
  const skyvern = new Skyvern({ apiKey: env.SKYVERN_API_KEY, baseUrl: env.SKYVERN_BASE_URL || undefined });
  try {
    const run = await skyvern.runTask({
      prompt: input.prompt,
      url: typeof input.url === 'string' ? input.url : undefined,
      webhook_url: new URL('/webhook', request.url).href,
    });
    return json({ run_id: run.run_id, status: run.status, app_url: run.app_url ?? null }, 202);
  } catch (error) {
    if (error instanceof SkyvernError) return json({ detail: `${error.name}: ${error.message}` }, 502);
    throw error;
  }
}

async function receiveWebhook(request: Request, env: Env): Promise<Response> {
  try {
    // The raw body, exactly as sent: a re-serialized object would not match the signature.
    const run = await verifyWebhook<Run>({
      body: await request.text(),
      headers: request.headers,
      apiKey: env.SKYVERN_API_KEY,
      toleranceMs: 5 * 60_000,
    });
    console.log(`run ${run.run_id} is ${run.status}`);
    // Store the result here (KV, D1, a queue…).
    return json({ received: run.run_id, status: run.status });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return json({ detail: error.message }, 401);
    throw error;
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/skyvern' || pathname.startsWith('/api/skyvern/')) {
      // Add `authorize` (your session check) and `onRunCreated` (record the owner) for real users.
      return createSkyvernProxy({
        apiKey: env.SKYVERN_API_KEY,
        baseUrl: env.SKYVERN_BASE_URL || undefined,
        basePath: '/api/skyvern',
      })(request);
    }
    if (request.method === 'POST' && pathname === '/runs') return startRun(request, env);
    if (request.method === 'POST' && pathname === '/webhook') return receiveWebhook(request, env);
    return json(
      {
        detail:
          'POST /runs { prompt, url } starts a run; POST /webhook receives its result; /api/skyvern/* is the token proxy',
      },
      404,
    );
  },
};
