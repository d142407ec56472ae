export { Skyvern, type RunStarter, type SkyvernConstructor } from './client.js';
export { SkyvernClient, environments, type ClientOptions, type SkyvernEnvironment } from './skyvern-client.js';
export * from './errors/index.js';
export type * from './types.js';
export { ApiPromise, type WithResponse } from './internal/api-promise.js';
export type { RequestOptions } from './internal/request-options.js';
export type { Expect, WireRequest } from './internal/send.js';
export type { OperationDescriptor } from './internal/operation.js';
export type { FileInput } from './internal/to-file.js';
export { MAX_UPLOAD_BYTES } from './internal/to-file.js';

// Waiting for runs.
export { waitForRun } from './wait/wait-for-run.js';
export { watchRun } from './wait/watch-run.js';
export { isTerminalStatus, TERMINAL_STATUSES, type TerminalRunStatus } from './wait/terminal.js';
export { defaultPollSchedule } from './wait/poll-schedule.js';
export { retryAfterMs } from './internal/sleep.js';
export { refusedBeforeSending } from './internal/retry.js';
export type { WaitOptions, RunAndWaitOptions, StartOptions } from './wait/wait-options.js';

// Webhooks, usable without a client.
export { verifyWebhook, type VerifyWebhookInput } from './webhooks/verify-webhook.js';
export {
  createWebhookDeduper,
  memoryDedupeStore,
  webhookEventKey,
  type WebhookDedupeStore,
  type WebhookDeduper,
  type WebhookDeduperOptions,
  type WebhookEventIdentity,
} from './webhooks/dedupe-webhook.js';

// Every operation as a function taking the client first: `getRun(client, runId)`.
// Bundlers keep only the ones a program calls.
export * from './generated/functions.js';
export * from './api/artifacts.js';
export * from './api/files.js';
export * from './api/runs.js';
export * from './api/tasks.js';
