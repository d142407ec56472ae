import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Params, Result } from '../internal/types.js';

/**
 * Get run tags. Get the current tag state for a workflow run. `GET /v1/runs/{workflow_run_id}/tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getRunTags(
  client: SkyvernClient,
  workflowRunId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getRunTags>> {
  return client.request(op.getRunTags, [workflowRunId], undefined, options);
}

/**
 * Apply run tags. Atomically apply tag changes to a workflow run. Sets and deletes happen in one transaction;
 * same-key collisions resolve set-wins. `POST /v1/runs/{workflow_run_id}/tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function applyRunTags(
  client: SkyvernClient,
  workflowRunId: string,
  params?: Params<typeof op.applyRunTags>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.applyRunTags>> {
  return client.request(op.applyRunTags, [workflowRunId], params, options);
}

/**
 * Delete run tag. Soft-delete a single grouped tag from a workflow run. Writes a DELETE event row. `DELETE
 * /v1/runs/{workflow_run_id}/tags/{key}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function deleteRunTag(
  client: SkyvernClient,
  workflowRunId: string,
  key: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteRunTag>> {
  return client.request(op.deleteRunTag, [workflowRunId, key], undefined, options);
}

/**
 * Get run tag history. Chronological tag-event log for a workflow run (newest first). Includes SET and DELETE
 * events. `GET /v1/runs/{workflow_run_id}/tags/history`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getRunTagHistory(
  client: SkyvernClient,
  workflowRunId: string,
  params?: Params<typeof op.getRunTagHistory>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getRunTagHistory>> {
  return client.request(op.getRunTagHistory, [workflowRunId], params, options);
}

/**
 * Get agent tags. Get the current tag state for a workflow. `GET /v1/agents/{workflow_permanent_id}/tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getWorkflowTags(
  client: SkyvernClient,
  workflowPermanentId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflowTags>> {
  return client.request(op.getWorkflowTags, [workflowPermanentId], undefined, options);
}

/**
 * Apply agent tags. Atomically apply tag changes to a workflow. Sets and deletes happen in one transaction;
 * same-key collisions resolve set-wins. `POST /v1/agents/{workflow_permanent_id}/tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function applyWorkflowTags(
  client: SkyvernClient,
  workflowPermanentId: string,
  params?: Params<typeof op.applyWorkflowTags>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.applyWorkflowTags>> {
  return client.request(op.applyWorkflowTags, [workflowPermanentId], params, options);
}

/**
 * Delete agent tag. Soft-delete a single tag from a workflow. Writes a DELETE event row. `DELETE
 * /v1/agents/{workflow_permanent_id}/tags/{key}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function deleteWorkflowTag(
  client: SkyvernClient,
  workflowPermanentId: string,
  key: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteWorkflowTag>> {
  return client.request(op.deleteWorkflowTag, [workflowPermanentId, key], undefined, options);
}

/**
 * Get agent tag history. Chronological tag-event log for a workflow (newest first). Includes SET and DELETE
 * events. `GET /v1/agents/{workflow_permanent_id}/tags/history`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getWorkflowTagHistory(
  client: SkyvernClient,
  workflowPermanentId: string,
  params?: Params<typeof op.getWorkflowTagHistory>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getWorkflowTagHistory>> {
  return client.request(op.getWorkflowTagHistory, [workflowPermanentId], params, options);
}

/**
 * List tag keys. List all tag keys registered for the organization with their descriptions. `GET /v1/tag-keys`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function listTagKeys(
  client: SkyvernClient,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.listTagKeys>> {
  return client.request(op.listTagKeys, [], undefined, options);
}

/**
 * Create tag value. Register a grouped tag (key, value) with a palette color before any workflow uses it; it
 * shows a zero workflow count until applied. `POST /v1/tag-values` — answers 409 when the value already
 * exists, so it is never retried once the server may have acted.
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function createTagValue(
  client: SkyvernClient,
  params: Params<typeof op.createTagValue>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createTagValue>> {
  return client.request(op.createTagValue, [], params, options);
}

/**
 * List run tag suggestions. Distinct (key, value) pairs ever set on a run of the organization, from the run-tag
 * event log, reserved `skyvern.*` keys included. `GET /v1/run-tag-suggestions`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getRunTagSuggestions(
  client: SkyvernClient,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getRunTagSuggestions>> {
  return client.request(op.getRunTagSuggestions, [], undefined, options);
}

/**
 * Update tag key. Update the description for a tag key. `PATCH /v1/tag-keys/{key}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function updateTagKey(
  client: SkyvernClient,
  key: string,
  params?: Params<typeof op.updateTagKey>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateTagKey>> {
  return client.request(op.updateTagKey, [key], params, options);
}

/**
 * Delete tag key. Delete a tag key from the organization registry and remove that tag from every workflow that
 * currently has it (cascade). Returns how many workflows the tag was removed from. `DELETE /v1/tag-keys/{key}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function deleteTagKey(
  client: SkyvernClient,
  key: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteTagKey>> {
  return client.request(op.deleteTagKey, [key], undefined, options);
}

/**
 * List tag values. List the palette color and current workflow usage count for each grouped tag (key, value) for
 * the organization. The frontend joins these onto tags by (key, value); workflow_count is the number of
 * non-deleted workflows carrying the label and powers the per-label usage and delete blast-radius warnings. `GET
 * /v1/tag-values`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function listTagValues(
  client: SkyvernClient,
  params?: Params<typeof op.listTagValues>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.listTagValues>> {
  return client.request(op.listTagValues, [], params, options);
}

/**
 * Update tag value color. Recolor a grouped tag (key, value). The value is supplied in the body so values
 * containing '/' stay addressable. The new color must be a palette name. `PATCH /v1/tag-values/{key}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function updateTagValue(
  client: SkyvernClient,
  key: string,
  params: Params<typeof op.updateTagValue>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateTagValue>> {
  return client.request(op.updateTagValue, [key], params, options);
}

/**
 * Delete tag value. Soft-delete a grouped tag (key, value) and remove that label from every workflow carrying it
 * (cascade). The value rides in the body so values containing '/' stay addressable. Returns how many workflows
 * the label was removed from. `DELETE /v1/tag-values/{key}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function deleteTagValue(
  client: SkyvernClient,
  key: string,
  params: Params<typeof op.deleteTagValue>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteTagValue>> {
  return client.request(op.deleteTagValue, [key], params, options);
}

/**
 * Rename tag value. Rename a grouped tag (key, value) to (key, new_value). The cascade re-tags every workflow
 * carrying the old label; the new label inherits the old color. Both values ride in the body so values
 * containing '/' stay addressable. Rejects with 409 when the new value already exists for the key. `PATCH
 * /v1/tag-values/{key}/rename`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function renameTagValue(
  client: SkyvernClient,
  key: string,
  params: Params<typeof op.renameTagValue>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.renameTagValue>> {
  return client.request(op.renameTagValue, [key], params, options);
}

/**
 * Batch get agent tags. Batch fetch current tags for many workflows. Avoids N+1 on the workflows-list page. `GET
 * /v1/workflow-tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function batchGetWorkflowTags(
  client: SkyvernClient,
  params?: Params<typeof op.batchGetWorkflowTags>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.batchGetWorkflowTags>> {
  return client.request(op.batchGetWorkflowTags, [], params, options);
}

/**
 * Batch get agent tags (POST). Batch fetch current tags for many workflows (POST variant for id lists exceeding
 * URL length). `POST /v1/workflow-tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function batchGetWorkflowTagsPost(
  client: SkyvernClient,
  params?: Params<typeof op.batchGetWorkflowTagsPost>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.batchGetWorkflowTagsPost>> {
  return client.request(op.batchGetWorkflowTagsPost, [], params, options);
}

/**
 * Batch get run tags. Batch fetch current tags for many workflow runs. Avoids N+1 on run-list pages. `GET
 * /v1/run-tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function batchGetRunTags(
  client: SkyvernClient,
  params?: Params<typeof op.batchGetRunTags>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.batchGetRunTags>> {
  return client.request(op.batchGetRunTags, [], params, options);
}

/**
 * Batch get run tags (POST). Batch fetch current tags for many workflow runs (POST variant for id lists
 * exceeding URL length). `POST /v1/run-tags`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function batchGetRunTagsPost(
  client: SkyvernClient,
  params?: Params<typeof op.batchGetRunTagsPost>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.batchGetRunTagsPost>> {
  return client.request(op.batchGetRunTagsPost, [], params, options);
}
