import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';

/** Get all agents. Get all workflows with the latest version for the organization. `GET /v1/agents` */
export function getWorkflows(
  client: SkyvernClient,
  params?: Params<typeof op.getWorkflows>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflows>> {
  return client.request(op.getWorkflows, [], params, options);
}

/**
 * Create a new agent. `POST /v1/agents` — creates or starts something: never retried once the server may have
 * acted.
 */
export function createWorkflow(
  client: SkyvernClient,
  params?: Params<typeof op.createWorkflow>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createWorkflow>> {
  return client.request(op.createWorkflow, [], params, options);
}

/**
 * Update an agent. `POST /v1/agents/{workflow_id}` — creates or starts something: never retried once the server
 * may have acted.
 */
export function updateWorkflow(
  client: SkyvernClient,
  workflowId: string,
  params?: Params<typeof op.updateWorkflow>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateWorkflow>> {
  return client.request(op.updateWorkflow, [workflowId], params, options);
}

/** Delete an agent. `POST /v1/agents/{workflow_id}/delete` */
export function deleteWorkflow(
  client: SkyvernClient,
  workflowId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteWorkflow>> {
  return client.request(op.deleteWorkflow, [workflowId], undefined, options);
}

/** Get an agent by id. `GET /v1/agents/{workflow_permanent_id}` */
export function getWorkflow(
  client: SkyvernClient,
  workflowPermanentId: string,
  params?: Params<typeof op.getWorkflow>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflow>> {
  return client.request(op.getWorkflow, [workflowPermanentId], params, options);
}

/**
 * Get agent versions. Get all versions of a workflow by its permanent ID. `GET
 * /v1/agents/{workflow_permanent_id}/versions`
 */
export function getWorkflowVersions(
  client: SkyvernClient,
  workflowPermanentId: string,
  params?: Params<typeof op.getWorkflowVersions>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflowVersions>> {
  return client.request(op.getWorkflowVersions, [workflowPermanentId], params, options);
}

/**
 * Update agent folder. Update a workflow's folder assignment for the latest version. `PUT
 * /v1/agents/{workflow_permanent_id}/folder`
 */
export function updateWorkflowFolder(
  client: SkyvernClient,
  workflowPermanentId: string,
  params?: Params<typeof op.updateWorkflowFolder>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateWorkflowFolder>> {
  return client.request(op.updateWorkflowFolder, [workflowPermanentId], params, options);
}

/** Get all runs. List workflow runs across all workflows for the current organization. `GET /v1/agents/runs` */
export function getWorkflowRuns(
  client: SkyvernClient,
  params?: Params<typeof op.getWorkflowRuns>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflowRuns>> {
  return client.request(op.getWorkflowRuns, [], params, options);
}

/** Get all runs by agent. List runs for a specific workflow. `GET /v1/agents/{workflow_id}/runs` */
export function getWorkflowRunsById(
  client: SkyvernClient,
  workflowId: string,
  params?: Params<typeof op.getWorkflowRunsById>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflowRunsById>> {
  return client.request(op.getWorkflowRunsById, [workflowId], params, options);
}

/**
 * Reset persisted browser profile. Clear the persisted browser profile for a workflow that uses `Save & Reuse
 * Session`. The next run will start from a fresh browser state. Use when a saved profile is corrupted. `POST
 * /v1/agents/{workflow_permanent_id}/browser_session/reset_profile`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function resetWorkflowBrowserProfile(
  client: SkyvernClient,
  workflowPermanentId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.resetWorkflowBrowserProfile>> {
  return client.request(op.resetWorkflowBrowserProfile, [workflowPermanentId], undefined, options);
}

/**
 * Every item of `getWorkflows`, page after page: `for await (const item of client.iterWorkflows({ page_size: 50
 * }))`. Honours `signal`.
 */
export function iterWorkflows(
  client: SkyvernClient,
  params?: Params<typeof op.getWorkflows>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getWorkflows>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getWorkflows>, o) => getWorkflows(client, p, o),
    (page: Result<typeof op.getWorkflows>) => page,
    params,
    options,
  );
}

/**
 * Every item of `getWorkflowRuns`, page after page: `for await (const item of client.iterWorkflowRuns({
 * page_size: 50 }))`. Honours `signal`.
 */
export function iterWorkflowRuns(
  client: SkyvernClient,
  params?: Params<typeof op.getWorkflowRuns>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getWorkflowRuns>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getWorkflowRuns>, o) => getWorkflowRuns(client, p, o),
    (page: Result<typeof op.getWorkflowRuns>) => page,
    params,
    options,
  );
}

/** Every run of one workflow, page after page. Honours `signal`. */
export function iterWorkflowRunsById(
  client: SkyvernClient,
  workflowId: string,
  params?: Params<typeof op.getWorkflowRunsById>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getWorkflowRunsById>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getWorkflowRunsById>, o) => getWorkflowRunsById(client, workflowId, p, o),
    (page: Result<typeof op.getWorkflowRunsById>) => page,
    params,
    options,
  );
}
