import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Params } from '../internal/types.js';
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
