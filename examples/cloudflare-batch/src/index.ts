/**
 * A batch of Skyvern tasks from a Queue, one Cloudflare Workflow instance per task (see wrangler.toml).
 * No request is held open while a run takes its 30–90 s: each instance sleeps in `step.waitForEvent`
 * until the run's signed webhook wakes it, and polls now and then in case a delivery is lost.
 *
 * Bindings: SKYVERN_API_KEY (a secret), SKYVERN_BASE_URL (optional var), TASKS (the Workflow),
 * TASK_QUEUE (the Queue).
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers';
import { Skyvern } from '@skyvern-edge/core';
import { createWorkflowWebhookHandler, runInWorkflow } from '@skyvern-edge/cloudflare';

export interface Env {
  SKYVERN_API_KEY: string;
  SKYVERN_BASE_URL?: string;
  /** Ms before a fallback poll when the webhook is late (default 2 minutes). */
  FALLBACK_MS?: string;
  TASKS: Workflow<TaskParams>;
  TASK_QUEUE: Queue<TaskMessage>;
}

/** One task of a batch, as queued. */
interface TaskMessage {
  id: string;
  prompt: string;
  url?: string;
  /** The Worker's webhook route, known to the request that queued the batch. */
  webhookUrl: string;
}
type TaskParams = Omit<TaskMessage, 'id'>;

export class TaskWorkflow extends WorkflowEntrypoint<Env, TaskParams> {
  async run(event: WorkflowEvent<TaskParams>, step: WorkflowStep) {
    const skyvern = new Skyvern({ apiKey: this.env.SKYVERN_API_KEY, baseUrl: this.env.SKYVERN_BASE_URL || undefined });
    const run = await runInWorkflow(step, skyvern, {
      instanceId: event.instanceId,
      name: 'task',
      request: { task: { prompt: event.payload.prompt, url: event.payload.url } },
      webhookUrl: event.payload.webhookUrl,
      // A fallback poll when a webhook is this late (a lost delivery, local dev without a tunnel).
      webhookFallbackInterval: Number(this.env.FALLBACK_MS) || 120_000,
    });
    // Store the result here (D1, KV, R2...): a step, so that it is done once.
    return { run_id: run.run_id, status: run.status, output: run.output ?? null };
  }
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/webhook') {
      return createWorkflowWebhookHandler({ apiKey: env.SKYVERN_API_KEY, workflow: env.TASKS })(request);
    }
    if (request.method === 'POST' && url.pathname === '/batch') {
      const { prompts, url: site } = (await request.json()) as { prompts?: unknown; url?: string };
      if (!Array.isArray(prompts) || prompts.length === 0 || !prompts.every((p) => typeof p === 'string' && p)) {
        return json({ detail: 'expected { prompts: string[] }' }, 400);
      }
      const batch = crypto.randomUUID().slice(0, 8);
      const webhookUrl = new URL('/webhook', request.url).href;
      const messages = prompts.map((prompt, i) => ({ body: { id: `${batch}-${i}`, prompt, url: site, webhookUrl } }));
      // sendBatch takes at most 100 messages.
      for (let i = 0; i < messages.length; i += 100) await env.TASK_QUEUE.sendBatch(messages.slice(i, i + 100));
      return json({ batch, ids: messages.map((m) => m.body.id) }, 202);
    }
    if (url.pathname === '/status') {
      const id = url.searchParams.get('id') ?? '';
      // Not there yet while its message waits in the Queue.
      const instance = await env.TASKS.get(id).catch(() => undefined);
      return instance
        ? json(await instance.status())
        : json({ status: 'queued', detail: `no instance ${id} yet` }, 404);
    }
    return json({ detail: 'POST /batch { prompts } queues tasks; GET /status?id= shows one' }, 404);
  },

  async queue(batch: MessageBatch<TaskMessage>, env: Env): Promise<void> {
    for (const message of batch.messages) {
      const { id, ...params } = message.body;
      try {
        // The instance id is the task's: a redelivered message finds its instance already there.
        await env.TASKS.create({ id, params });
      } catch (error) {
        if (!/already exists/i.test(String(error))) {
          message.retry();
          continue;
        }
      }
      message.ack();
    }
  },
};
