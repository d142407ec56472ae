import { ValidationError } from '@skyvern-edge/core';
import type { DurableObjectNamespaceLike } from '../batch/run-tasks.js';
import { readFinishedRunDelivery } from '../finished-run-delivery.js';
import { BATCH_PARAM } from './batch-object.js';

export interface BatchWebhookHandlerOptions {
  apiKey: string | readonly string[];
  /** The namespace of the `SkyvernBatchObject` subclass (`env.SKYVERN_BATCHES`). */
  namespace: DurableObjectNamespaceLike;
  toleranceMs?: number;
}

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
    const delivery = await readFinishedRunDelivery(request, options, BATCH_PARAM);
    if (delivery instanceof Response) return delivery;
    const { run, target: batchId } = delivery;
    const stub = options.namespace.get(options.namespace.idFromName(batchId) as never);
    const answer = await stub.fetch('https://skyvern-batch.internal/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(run),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
