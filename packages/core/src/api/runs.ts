import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Params } from '../internal/types.js';

/** Run a task. `POST /v1/run/tasks` — creates or starts something: never retried once the server may have acted. */
export function runTask(client: SkyvernClient, params: Params<typeof op.runTask>, options?: RequestOptions) {
  return client.request(op.runTask, [], params, options);
}

/** Run an agent. `POST /v1/run/agents` — creates or starts something: never retried once the server may have acted. */
export function runWorkflow(client: SkyvernClient, params: Params<typeof op.runWorkflow>, options?: RequestOptions) {
  return client.request(op.runWorkflow, [], params, options);
}

/** Get run info by id. Get run information (task run, workflow run). `GET /v1/runs/{run_id}` */
export function getRun(client: SkyvernClient, runId: string, options?: RequestOptions) {
  return client.request(op.getRun, [runId], undefined, options);
}

/** Cancel a run by id. Cancel a run (task or workflow). `POST /v1/runs/{run_id}/cancel` */
export function cancelRun(client: SkyvernClient, runId: string, options?: RequestOptions) {
  return client.request(op.cancelRun, [runId], undefined, options);
}

/** Bulk cancel runs. Cancel multiple runs (tasks or workflows) in a single request. `POST /v1/runs/cancel` */
export function bulkCancelRuns(client: SkyvernClient, params: Params<typeof op.bulkCancelRuns>, options?: RequestOptions) {
  return client.request(op.bulkCancelRuns, [], params, options);
}

/** Get Runs V2. `GET /v1/runs` */
export function getRuns(client: SkyvernClient, params?: Params<typeof op.getRuns>, options?: RequestOptions) {
  return client.request(op.getRuns, [], params, options);
}

/** Get run timeline. Get timeline for a run (workflow run or task_v2 run). `GET /v1/runs/{run_id}/timeline` */
export function getRunTimeline(client: SkyvernClient, runId: string, options?: RequestOptions) {
  return client.request(op.getRunTimeline, [runId], undefined, options);
}

/** Get artifacts for a run. `GET /v1/runs/{run_id}/artifacts` */
export function getRunArtifacts(client: SkyvernClient, runId: string, params?: Params<typeof op.getRunArtifacts>, options?: RequestOptions) {
  return client.request(op.getRunArtifacts, [runId], params, options);
}

/** Replay a run webhook. Retry sending the webhook for a run. `POST /v1/runs/{run_id}/retry_webhook` — creates or starts something: never retried once the server may have acted. */
export function retryRunWebhook(client: SkyvernClient, runId: string, params?: Params<typeof op.retryRunWebhook>, options?: RequestOptions) {
  return client.request(op.retryRunWebhook, [runId], params, options);
}

/** Retry a run. Retry a workflow run using the original run parameters. `POST /v1/agents/runs/{workflow_run_id}/retry` — creates or starts something: never retried once the server may have acted. */
export function retryWorkflowRun(client: SkyvernClient, workflowRunId: string, params?: Params<typeof op.retryWorkflowRun>, options?: RequestOptions) {
  return client.request(op.retryWorkflowRun, [workflowRunId], params, options);
}
