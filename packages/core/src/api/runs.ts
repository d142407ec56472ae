import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';
import type { ApiPromise } from '../internal/api-promise.js';
import { runShape } from '../internal/run-shape.js';
import type { Run, TaskRunResponse, WorkflowRunResponse } from '../types.js';
import { startRun } from '../wait/start-run.js';
import type { RunAndWaitOptions, StartOptions } from '../wait/wait-options.js';

/**
 * Starts a task: Skyvern opens `url` and works on `prompt`. `POST /v1/run/tasks`.
 * Creates a paid run: never retried once the server may have acted.
 * With `{ waitForCompletion: true }` resolves with the finished run instead.
 */
export function runTask(
  client: SkyvernClient,
  params: Params<typeof op.runTask>,
  options: RunAndWaitOptions<TaskRunResponse>,
): Promise<TaskRunResponse>;
export function runTask(
  client: SkyvernClient,
  params: Params<typeof op.runTask>,
  options?: StartOptions,
): ApiPromise<TaskRunResponse>;
export function runTask(
  client: SkyvernClient,
  params: Params<typeof op.runTask>,
  options?: StartOptions | RunAndWaitOptions<TaskRunResponse>,
) {
  return startRun(client, 'runTask', (o) => client.request(op.runTask, [], params, o, { shape: runShape }), options);
}

/**
 * Runs a workflow (agent) by `agent_id` with its `parameters`. `POST /v1/run/agents`.
 * Creates a paid run: never retried once the server may have acted.
 * With `{ waitForCompletion: true }` resolves with the finished run instead.
 */
export function runWorkflow(
  client: SkyvernClient,
  params: Params<typeof op.runWorkflow>,
  options: RunAndWaitOptions<WorkflowRunResponse>,
): Promise<WorkflowRunResponse>;
export function runWorkflow(
  client: SkyvernClient,
  params: Params<typeof op.runWorkflow>,
  options?: StartOptions,
): ApiPromise<WorkflowRunResponse>;
export function runWorkflow(
  client: SkyvernClient,
  params: Params<typeof op.runWorkflow>,
  options?: StartOptions | RunAndWaitOptions<WorkflowRunResponse>,
) {
  return startRun(
    client,
    'runWorkflow',
    (o) => client.request(op.runWorkflow, [], params, o, { shape: runShape }),
    options,
  );
}

/** A task run or a workflow run; narrow on `run.run_type === 'workflow_run'`. `GET /v1/runs/{run_id}` */
export function getRun(client: SkyvernClient, runId: string, options?: RequestOptions): ApiPromise<Run> {
  return client.request(op.getRun, [runId], undefined, options, { shape: runShape });
}

/** Cancel a run by id. Cancel a run (task or workflow). `POST /v1/runs/{run_id}/cancel` */
export function cancelRun(
  client: SkyvernClient,
  runId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.cancelRun>> {
  return client.request(op.cancelRun, [runId], undefined, options);
}

/** Bulk cancel runs. Cancel multiple runs (tasks or workflows) in a single request. `POST /v1/runs/cancel` */
export function bulkCancelRuns(
  client: SkyvernClient,
  params: Params<typeof op.bulkCancelRuns>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.bulkCancelRuns>> {
  return client.request(op.bulkCancelRuns, [], params, options);
}

/** Get Runs V2. `GET /v1/runs` */
export function getRuns(
  client: SkyvernClient,
  params?: Params<typeof op.getRuns>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getRuns>> {
  return client.request(op.getRuns, [], params, options);
}

/** Get run timeline. Get timeline for a run (workflow run or task_v2 run). `GET /v1/runs/{run_id}/timeline` */
export function getRunTimeline(
  client: SkyvernClient,
  runId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getRunTimeline>> {
  return client.request(op.getRunTimeline, [runId], undefined, options);
}

/** Get artifacts for a run. `GET /v1/runs/{run_id}/artifacts` */
export function getRunArtifacts(
  client: SkyvernClient,
  runId: string,
  params?: Params<typeof op.getRunArtifacts>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getRunArtifacts>> {
  return client.request(op.getRunArtifacts, [runId], params, options);
}

/**
 * Replay a run webhook. Retry sending the webhook for a run. `POST /v1/runs/{run_id}/retry_webhook` — creates or
 * starts something: never retried once the server may have acted.
 */
export function retryRunWebhook(
  client: SkyvernClient,
  runId: string,
  params?: Params<typeof op.retryRunWebhook>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.retryRunWebhook>> {
  return client.request(op.retryRunWebhook, [runId], params, options);
}

/**
 * Retry a run. Retry a workflow run using the original run parameters. `POST
 * /v1/agents/runs/{workflow_run_id}/retry` — creates or starts something: never retried once the server may have
 * acted.
 */
export function retryWorkflowRun(
  client: SkyvernClient,
  workflowRunId: string,
  params?: Params<typeof op.retryWorkflowRun>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.retryWorkflowRun>> {
  return client.request(op.retryWorkflowRun, [workflowRunId], params, options);
}

/**
 * Every item of `getRuns`, page after page: `for await (const item of client.iterRuns({ page_size: 50 }))`.
 * Honours `signal`.
 */
export function iterRuns(
  client: SkyvernClient,
  params?: Params<typeof op.getRuns>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getRuns>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getRuns>, o) => getRuns(client, p, o),
    (page: Result<typeof op.getRuns>) => page,
    params,
    options,
  );
}
