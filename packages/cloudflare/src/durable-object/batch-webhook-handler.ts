import {
  isTerminalStatus,
  ValidationError,
  verifyWebhook,
  WebhookVerificationError,
  type Run,
} from '@skyvern-edge/core';
import type { DurableObjectNamespaceLike } from '../batch/run-tasks.js';
import { BATCH_PARAM } from './batch-object.js';

export interface BatchWebhookHandlerOptions {
  apiKey: string | readonly string[];
  /** The namespace of the `SkyvernBatchObject` subclass (`env.SKYVERN_BATCHES`). */
  namespace: DurableObjectNamespaceLike;
  toleranceMs?: number;
}

const json = (body: unknown, status: number) => Response.json(body, { status });

/**
 * The Worker's `fetch` route for the webhooks of batch runs: verifies the signature over the raw
 * body and forwards the run to its batch's object, which drops repeats itself (it knows which runs
 * are done: no separate dedupe store is needed).
 */
export function createBatchWebhookHandler(
  options: BatchWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  if (typeof options?.namespace?.idFromName !== 'function') {
    throw new ValidationError('namespace', 'must be a Durable Object namespace binding', 'createBatchWebhookHandler');
  }
  return async (request) => {
    if (request.method !== 'POST') return json({ detail: 'POST only' }, 405);
    let run: Run;
    try {
      run = await verifyWebhook<Run>({
        body: await request.text(),
        headers: request.headers,
        apiKey: options.apiKey,
        toleranceMs: options.toleranceMs,
      });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return json({ detail: error.message }, 401);
      throw error;
    }
    const batchId = new URL(request.url).searchParams.get(BATCH_PARAM);
    if (!batchId) return json({ detail: `the webhook URL has no ${BATCH_PARAM} parameter` }, 400);
    if (typeof run?.run_id !== 'string' || !isTerminalStatus(run.status))
      return json({ ignored: 'not a finished run' }, 202);
    const stub = options.namespace.get(options.namespace.idFromName(batchId) as never);
    const answer = await stub.fetch('https://skyvern-batch.internal/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(run),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
