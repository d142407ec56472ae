import {
  createWebhookDeduper,
  isTerminalStatus,
  ValidationError,
  verifyWebhook,
  WebhookVerificationError,
  type Run,
  type WebhookDeduper,
} from '@skyvern-edge/core';
import type { WorkflowBindingLike } from '../cloudflare-types.js';
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

const json = (body: unknown, status: number) => Response.json(body, { status });

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
    const instanceId = new URL(request.url).searchParams.get(INSTANCE_PARAM);
    if (!instanceId) return json({ detail: `the webhook URL has no ${INSTANCE_PARAM} parameter` }, 400);
    if (typeof run?.run_id !== 'string' || !isTerminalStatus(run.status)) {
      return json({ ignored: 'not a finished run' }, 202);
    }
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
