import type { SkyvernClient } from '../skyvern-client.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { Params, Result } from '../internal/types.js';

/**
 * List Custom LLMs. List the custom LLM configurations available to the current organization. `GET /v1/custom-llms`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function listCustomLlms(
  client: SkyvernClient,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.listCustomLlms>> {
  return client.request(op.listCustomLlms, [], undefined, options);
}

/**
 * Create Custom LLM. Create a custom LLM configuration for the current organization. `POST /v1/custom-llms` —
 * creates or starts something: never retried once the server may have acted.
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function createCustomLlm(
  client: SkyvernClient,
  params: Params<typeof op.createCustomLlm>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createCustomLlm>> {
  return client.request(op.createCustomLlm, [], params, options);
}

/**
 * Update Custom LLM. Update a custom LLM configuration for the current organization. `PUT
 * /v1/custom-llms/{custom_llm_id}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function updateCustomLlm(
  client: SkyvernClient,
  customLlmId: string,
  params: Params<typeof op.updateCustomLlm>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.updateCustomLlm>> {
  return client.request(op.updateCustomLlm, [customLlmId], params, options);
}

/**
 * Delete Custom LLM. Delete a custom LLM configuration for the current organization. `DELETE
 * /v1/custom-llms/{custom_llm_id}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function deleteCustomLlm(
  client: SkyvernClient,
  customLlmId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deleteCustomLlm>> {
  return client.request(op.deleteCustomLlm, [customLlmId], undefined, options);
}
