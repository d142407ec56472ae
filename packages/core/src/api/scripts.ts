import type { SkyvernClient } from '../skyvern-client.js';
import { paginate } from '../pagination/paginate.js';
import * as op from '../generated/operations.js';
import type { ApiPromise } from '../internal/api-promise.js';
import type { RequestOptions } from '../internal/request-options.js';
import type { ItemOf, Params, Result } from '../internal/types.js';

/**
 * Get all scripts. Retrieves a paginated list of scripts for the current organization. `GET /v1/scripts`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getScripts(
  client: SkyvernClient,
  params?: Params<typeof op.getScripts>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getScripts>> {
  return client.request(op.getScripts, [], params, options);
}

/**
 * Create script. Create a new script with optional files and metadata. `POST /v1/scripts` — creates or starts
 * something: never retried once the server may have acted.
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function createScript(
  client: SkyvernClient,
  params?: Params<typeof op.createScript>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.createScript>> {
  return client.request(op.createScript, [], params, options);
}

/**
 * Get script by ID. Retrieves a specific script by its ID. `GET /v1/scripts/{script_id}`
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function getScript(
  client: SkyvernClient,
  scriptId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.getScript>> {
  return client.request(op.getScript, [scriptId], undefined, options);
}

/**
 * Deploy script. Deploy a script with updated files, creating a new version. `POST
 * /v1/scripts/{script_id}/deploy` — creates or starts something: never retried once the server may have acted.
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function deployScript(
  client: SkyvernClient,
  scriptId: string,
  params: Params<typeof op.deployScript>,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.deployScript>> {
  return client.request(op.deployScript, [scriptId], params, options);
}

/**
 * Run script. Run a script. `POST /v1/scripts/{script_id}/run` — creates or starts something: never retried once
 * the server may have acted.
 * @experimental x-hidden in the spec (internal to Skyvern): typed and callable, outside the SDK's semver guarantees.
 */
export function runScript(
  client: SkyvernClient,
  scriptId: string,
  options?: RequestOptions,
): ApiPromise<Result<typeof op.runScript>> {
  return client.request(op.runScript, [scriptId], undefined, options);
}

/**
 * Every item of `getScripts`, page after page: `for await (const item of client.iterScripts({ page_size: 50
 * }))`. Honours `signal`.
 */
export function iterScripts(
  client: SkyvernClient,
  params?: Params<typeof op.getScripts>,
  options?: RequestOptions,
): AsyncGenerator<ItemOf<Result<typeof op.getScripts>>, void, undefined> {
  return paginate(
    (p: Params<typeof op.getScripts>, o) => getScripts(client, p, o),
    (page: Result<typeof op.getScripts>) => page,
    params,
    options,
  );
}
