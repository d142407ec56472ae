/**
 * @skyvern-edge/cloudflare: Skyvern runs from Cloudflare Workers without holding a request open.
 * Built on @skyvern-edge/core; imports nothing from `cloudflare:workers` (the runtime's objects are
 * typed by shape in cloudflare-types.ts).
 */
export { runInWorkflow, type RunInWorkflowOptions } from './workflow/run-in-workflow.js';
export { createWorkflowWebhookHandler, type WorkflowWebhookHandlerOptions } from './workflow/webhook-handler.js';
export { INSTANCE_PARAM } from './workflow/webhook-url.js';
export { startRunOnce, findRunByKey, keyedTitle, type RunRequest, type StartRunOnceOptions } from './start-run-once.js';
export { runKey, runEventType } from './run-key.js';
export type * from './cloudflare-types.js';
export { SkyvernBatchObject, BATCH_PARAM, type StartBatchBody } from './durable-object/batch-object.js';
export type { BatchItem, BatchMeta, BatchResult, BatchStatus } from './durable-object/batch-state.js';
export { createBatchWebhookHandler, type BatchWebhookHandlerOptions } from './durable-object/batch-webhook-handler.js';
export { runTasks, batchStatus, type RunTasksOptions, type DurableObjectNamespaceLike } from './batch/run-tasks.js';
