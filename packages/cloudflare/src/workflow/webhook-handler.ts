import { createWebhookDeduper, ValidationError, type WebhookDeduper } from '@skyvern-edge/core';
import type { WorkflowBindingLike } from '../cloudflare-types.js';
import { json, readFinishedRunDelivery } from '../finished-run-delivery.js';
import { runEventType } from '../run-key.js';
import { INSTANCE_PARAM } from './webhook-url.js';

export interface WorkflowWebhookHandlerOptions {
  /** The signing key(s): the organization's API key (several during a rotation). */
  apiKey: string | readonly string[];
  /** The Workflow binding whose instances `runInWorkflow` runs in (`env.MY_WORKFLOW`). */
  workflow: WorkflowBindingLike;
  /**
   * Drops repeated deliveries (Skyvern retries up to 3 times). Default: one in-memory deduper per
   * isolate, shared by every handler made in it (a Worker may build its handler per request).
   * A repeat that gets past it is harmless: the instance takes the first event of a run and the
   * rest are never read.
   */
  deduper?: WebhookDeduper;
  /** Passed to `verifyWebhook` (advisory; Skyvern does not sign the timestamp). */
  toleranceMs?: number;
}

let shared: WebhookDeduper | undefined;
const isolateDeduper = () => {
  shared ??= createWebhookDeduper();
  return shared;
};

/**
 * The Worker's `fetch` route for the webhooks of runs started by `runInWorkflow`: verifies the
 * signature over the raw body, drops repeats, and sends the run to the instance named in the URL
 * as the event `runInWorkflow` waits for. Answers 401 to a forged delivery, 200 once the event is
 * sent, 500 when it could not be (so that Skyvern's retry gets another chance).
 */
export function createWorkflowWebhookHandler(
  options: WorkflowWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const where = 'createWorkflowWebhookHandler';
  if (!options || typeof options.workflow?.get !== 'function') {
    throw new ValidationError('workflow', 'must be a Workflow binding (env.MY_WORKFLOW)', where);
  }
  const deduper = options.deduper ?? isolateDeduper();
  return async (request) => {
    const delivery = await readFinishedRunDelivery(request, options, INSTANCE_PARAM);
    if (delivery instanceof Response) return delivery;
    const { run, target: instanceId } = delivery;
    if (!(await deduper.claim(run))) return json({ duplicate: run.run_id }, 200);
    try {
      const instance = await options.workflow.get(instanceId);
      await instance.sendEvent({ type: runEventType(run.run_id), payload: run });
    } catch (error) {
      await deduper.release(run);
      return json({ detail: `could not wake instance ${instanceId}: ${describe(error)}` }, 500);
    }
    return json({ delivered: run.run_id, instance: instanceId }, 200);
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
